/**
 * Engagements kept in the settings document. Every change is validated, written at once (the
 * adapter writes atomically) and a damaged file is moved aside with a notice, never emptied.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { SettingsStore } from '../ports/settings-store.js';
import { SettingsUnreadableError } from '../ports/settings-store.js';
import { checklistItemIds } from '../../../preload/vocabulary/checklist.js';
import { DEFAULT_M365_SETTINGS } from '../m365/clouds.js';
import type { TenantSnapshot } from '../m365/tenant-snapshot.js';
import { migrateSettings, SettingsShapeError, SettingsVersionError } from './migrations.js';
import {
  CURRENT_SCHEMA_VERSION,
  checkSettingsInputSchema,
  connectorChoicesSchema,
  defaultCheckSettings,
  defaultConnectorChoices,
  engagementDetailsSchema,
  settingsDocumentSchema,
  type Engagement,
  type CertificateInspection,
  type CheckSettings,
  type ConnectorChoices,
  type M365SettingsDocument,
  m365SettingsSchema,
  type EngagementDetails,
  type SavedCheckResult,
  type SettingsDocument,
} from '../../../preload/vocabulary/engagement.js';

export class EngagementNotFoundError extends Error {
  override readonly name = 'EngagementNotFoundError';
  constructor(id: string) {
    super(`No engagement with id ${id}: it may have been deleted in another window.`);
  }
}

export class InvalidEngagementError extends Error {
  override readonly name = 'InvalidEngagementError';
}

/** Told to the user once after start-up: the settings file could not be used and was kept aside. */
export interface RecoveryNotice {
  readonly movedTo: string;
  readonly reason: string;
}

export interface EngagementRepository {
  list(): readonly Engagement[];
  get(id: string): Engagement;
  create(details: EngagementDetails): Engagement;
  update(id: string, details: EngagementDetails): Engagement;
  remove(id: string): void;
  setItemDone(id: string, itemId: string, done: boolean): Engagement;
  updateCheckSettings(id: string, settings: CheckSettings): Engagement;
  updateConnectorChoices(id: string, choices: ConnectorChoices): Engagement;
  /** Keeps each check's latest result per target; results of checks not in `results` stay. */
  saveCheckResults(id: string, results: readonly SavedCheckResult[]): Engagement;
  saveCertificateInspection(id: string, inspection: CertificateInspection): Engagement;
  saveTenantSnapshot(id: string, snapshot: TenantSnapshot): Engagement;
  m365Settings(): M365SettingsDocument;
  updateM365Settings(settings: M365SettingsDocument): M365SettingsDocument;
  readonly recovery: RecoveryNotice | null;
}

function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join(' ');
}

function emptyDocument(): SettingsDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, preferences: { m365: DEFAULT_M365_SETTINGS }, engagements: [] };
}

function load(store: SettingsStore): { document: SettingsDocument; recovery: RecoveryNotice | null; migratedFrom: number | null } {
  let reason: string;
  try {
    const raw = store.read();
    if (raw === null) return { document: emptyDocument(), recovery: null, migratedFrom: null };
    const { document, fromVersion } = migrateSettings(raw);
    const parsed = settingsDocumentSchema.safeParse(document);
    if (parsed.success) return { document: parsed.data, recovery: null, migratedFrom: fromVersion !== CURRENT_SCHEMA_VERSION ? fromVersion : null };
    const issue = parsed.error.issues[0];
    reason = `its content does not match the expected shape (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown problem'})`;
  } catch (error) {
    if (error instanceof SettingsVersionError) throw error;
    if (!(error instanceof SettingsUnreadableError) && !(error instanceof SettingsShapeError)) throw error;
    reason = error.message;
  }
  const movedTo = store.quarantine();
  return { document: emptyDocument(), recovery: { movedTo, reason }, migratedFrom: null };
}

export function createEngagementRepository(store: SettingsStore, clock: Clock): EngagementRepository {
  const loaded = load(store);
  let document = loaded.document;
  if (loaded.migratedFrom !== null) {
    // The file as the older version wrote it stays beside the migrated one.
    store.backup(`v${loaded.migratedFrom}-backup`);
    store.write(document);
  }

  const nowIso = (): string => new Date(clock.now()).toISOString();

  /** Validates before writing, so a bad value fails at the change that made it, not at the next start. */
  function commit(next: SettingsDocument): void {
    const checked = settingsDocumentSchema.safeParse(next);
    if (!checked.success) throw new InvalidEngagementError(`Not saved: ${describeIssues(checked.error.issues)}`);
    store.write(checked.data);
    document = checked.data;
  }

  function find(id: string): Engagement {
    const found = document.engagements.find((engagement) => engagement.id === id);
    if (found === undefined) throw new EngagementNotFoundError(id);
    return found;
  }

  function replace(updated: Engagement): Engagement {
    commit({ ...document, engagements: document.engagements.map((e) => (e.id === updated.id ? updated : e)) });
    return updated;
  }

  function validDetails(details: EngagementDetails): EngagementDetails {
    const parsed = engagementDetailsSchema.safeParse(details);
    if (!parsed.success) {
      throw new InvalidEngagementError(parsed.error.issues.map((issue) => issue.message).join(' '));
    }
    return parsed.data;
  }

  return {
    recovery: loaded.recovery,
    list: () => document.engagements,
    get: find,
    create(details) {
      const at = nowIso();
      const engagement: Engagement = {
        ...validDetails(details),
        id: randomUUID(),
        progress: {},
        checkSettings: defaultCheckSettings,
        connectorChoices: defaultConnectorChoices,
        checkResults: [],
        certificateInspection: null,
        tenantSnapshot: null,
        createdAt: at,
        updatedAt: at,
      };
      commit({ ...document, engagements: [...document.engagements, engagement] });
      return engagement;
    },
    update(id, details) {
      return replace({ ...find(id), ...validDetails(details), updatedAt: nowIso() });
    },
    remove(id) {
      find(id);
      commit({ ...document, engagements: document.engagements.filter((e) => e.id !== id) });
    },
    setItemDone(id, itemId, done) {
      if (!checklistItemIds.has(itemId)) throw new InvalidEngagementError(`Unknown checklist item "${itemId}".`);
      const engagement = find(id);
      const at = nowIso();
      return replace({ ...engagement, progress: { ...engagement.progress, [itemId]: { done, at } }, updatedAt: at });
    },
    updateCheckSettings(id, settings) {
      const parsed = checkSettingsInputSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      return replace({ ...find(id), checkSettings: parsed.data, updatedAt: nowIso() });
    },
    updateConnectorChoices(id, choices) {
      const parsed = connectorChoicesSchema.safeParse(choices);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      return replace({ ...find(id), connectorChoices: parsed.data, updatedAt: nowIso() });
    },
    saveCheckResults(id, results) {
      const engagement = find(id);
      const key = (result: SavedCheckResult): string => `${result.id}\u0000${result.target ?? ''}`;
      const fresh = new Set(results.map(key));
      const ranIds = new Set(results.map((result) => result.id));
      const kept = engagement.checkResults.filter((result) => !fresh.has(key(result)) && !ranIds.has(result.id));
      return replace({ ...engagement, checkResults: [...kept, ...results], updatedAt: nowIso() });
    },
    saveCertificateInspection(id, inspection) {
      return replace({ ...find(id), certificateInspection: inspection, updatedAt: nowIso() });
    },
    saveTenantSnapshot(id, snapshot) {
      return replace({ ...find(id), tenantSnapshot: snapshot, updatedAt: nowIso() });
    },
    m365Settings: () => document.preferences.m365,
    updateM365Settings(settings) {
      const parsed = m365SettingsSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      commit({ ...document, preferences: { ...document.preferences, m365: parsed.data } });
      return parsed.data;
    },
  };
}
