/**
 * Export and import of engagements for both faces: the export names the keychain entries each
 * engagement has here (never their values) so the new machine can ask for them again; an import
 * is planned first (which engagements collide with one here) and then applied with the choices.
 */
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import type { ImportOutcome, ImportPlan, TransferChoice, TransferFile } from '../../preload/vocabulary/transfer.js';
import type { EngagementRepository } from '../core/engagements/repository.js';
import { engagementsExport, importPlan, readEngagementsExport } from '../core/engagements/transfer.js';
import type { Clock } from '../core/ports/clock.js';
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';
import { SECRET_KINDS, secretAccount, type SecretKind } from '../core/secrets/accounts.js';

export interface TransferDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly appVersion: string;
}

/** The secrets saved for an engagement; none when this machine has no keychain (nothing could be saved). */
async function savedKinds(secrets: SecretStore, engagementId: string): Promise<SecretKind[]> {
  const kinds: SecretKind[] = [];
  for (const kind of SECRET_KINDS) {
    try {
      if ((await secrets.get(secretAccount(engagementId, kind))) !== null) kinds.push(kind);
    } catch (error) {
      if (error instanceof SecretStoreUnavailableError) return [];
      throw error;
    }
  }
  return kinds;
}

/** The given engagements (all of them when `ids` is empty), in list order. */
export async function exportEngagements(deps: TransferDependencies, ids: readonly string[]): Promise<TransferFile> {
  const chosen: Engagement[] = ids.length === 0 ? [...deps.repository.list()] : ids.map((id) => deps.repository.get(id));
  const saved = new Map<string, SecretKind[]>();
  for (const engagement of chosen) saved.set(engagement.id, await savedKinds(deps.secrets, engagement.id));
  return engagementsExport(chosen, saved, { now: new Date(deps.clock.now()), appVersion: deps.appVersion });
}

export function planEngagementsImport(repository: EngagementRepository, text: string): ImportPlan {
  return importPlan(repository.list(), readEngagementsExport(text));
}

export function importEngagements(repository: EngagementRepository, text: string, choices: Readonly<Record<string, TransferChoice>>): ImportOutcome {
  const read = readEngagementsExport(text);
  const result = repository.importEngagements(read.engagements, new Map(Object.entries(choices)));
  const reenter = read.reenter.flatMap((note) => {
    const here = result.ids.get(note.engagementId);
    return here === undefined ? [] : [{ ...note, engagementId: here }];
  });
  return { engagements: repository.list(), imported: result.imported, skipped: result.skipped, reenter };
}
