/**
 * Engagements moved between laptops: what an export says must be entered again on the new machine
 * (secrets never leave the keychain), what an import would do, and the choice for an engagement
 * that already exists here.
 */
import type { Engagement } from './engagement.js';
import type { SecretKind } from './secrets.js';

export const TRANSFER_CHOICES = ['replace', 'copy', 'skip'] as const;
/** replace: the one here takes the file's content (keeping its saved passwords); copy: both are kept; skip: the file's is left out. */
export type TransferChoice = (typeof TRANSFER_CHOICES)[number];

/** The keychain entries an engagement had where it was exported, to be entered again where it is imported. */
export interface ReenterNote {
  readonly engagementId: string;
  readonly engagement: string;
  readonly secrets: readonly SecretKind[];
}

export interface TransferFile {
  readonly fileName: string;
  readonly text: string;
  readonly reenter: readonly ReenterNote[];
}

/** One engagement of an import file, and the engagement here it would collide with. */
export interface ImportPlanEntry {
  readonly id: string;
  readonly name: string;
  readonly domains: readonly string[];
  readonly updatedAt: string;
  /** Same id (it was here before) or same name: a choice is needed. */
  readonly conflict: { readonly id: string; readonly name: string; readonly updatedAt: string } | null;
}

export interface ImportPlan {
  readonly exportedAt: string;
  readonly entries: readonly ImportPlanEntry[];
  readonly reenter: readonly ReenterNote[];
}

export interface ImportOutcome {
  readonly engagements: readonly Engagement[];
  readonly imported: number;
  readonly skipped: number;
  readonly reenter: readonly ReenterNote[];
}
