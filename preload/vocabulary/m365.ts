/** Microsoft 365 words both sides use: clouds, the sign-in settings, the signed-in account, the sign-in status. */
import { z } from 'zod';

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

/** The Microsoft 365 sign-in settings of this installation (the app registration and the cloud). */
export const m365SettingsSchema = z.object({
  cloud: z.enum(CLOUD_NAMES),
  clientId: z.union([z.null(), z.uuid('The application (client) id is a GUID, as shown on the app registration’s Overview page.')]),
  tenant: z
    .string()
    .trim()
    .min(1)
    .max(253)
    .regex(/^[A-Za-z0-9.-]+$/, 'The tenant is "organizations", a tenant id (GUID) or one of the tenant’s domains.'),
});
export type M365SettingsDocument = z.infer<typeof m365SettingsSchema>;
