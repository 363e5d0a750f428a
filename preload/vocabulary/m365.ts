/** Microsoft 365 words both sides use: clouds, the signed-in account, the sign-in status. */
import type { M365SettingsDocument } from './engagement.js';

export const CLOUD_NAMES = ['Worldwide', 'USGovGCCHigh', 'USGovDoD', 'China'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** How each cloud is named to a person. */
export const CLOUD_LABELS: Readonly<Record<CloudName, string>> = {
  Worldwide: 'Microsoft 365 (worldwide, including GCC)',
  USGovGCCHigh: 'Microsoft 365 US Government GCC High',
  USGovDoD: 'Microsoft 365 US Government DoD',
  China: 'Microsoft 365 operated by 21Vianet (China)',
};

export interface SignedInAccount {
  /** The user principal name, e.g. admin@contoso.com. */
  readonly username: string;
  readonly name: string | null;
  /** The tenant id (a GUID). */
  readonly tenantId: string;
  readonly homeAccountId: string;
  readonly cloud: CloudName;
}

/** What the app shows while the device code flow waits for the person. */
export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  /** Microsoft's own sentence, in the user's language. */
  readonly message: string;
  /** ISO time after which the code no longer works. */
  readonly expiresOn: string;
}

export interface M365Status {
  readonly settings: M365SettingsDocument;
  readonly account: SignedInAccount | null;
  /** Why signing in is not possible yet (no app registration, bad settings), in plain words. */
  readonly problem: string | null;
}
