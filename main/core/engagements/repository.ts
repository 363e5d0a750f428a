/**
 * Engagements kept in the settings document. Every change is made to the file as it is on disk
 * now, under the data folder's lock, validated and written at once (the adapter writes atomically),
 * so two processes on one folder lose nothing. A damaged file is moved aside with a notice, never
 * emptied; a single bad engagement is kept aside alone and the others load.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../ports/clock.js';
import type { SettingsStore } from '../ports/settings-store.js';
import { SettingsUnreadableError } from '../ports/settings-store.js';
import { checklistItemIds } from '../../../preload/vocabulary/checklist.js';
import { DEFAULT_M365_SETTINGS } from '../m365/clouds.js';
import type { TenantSnapshot } from '../m365/tenant-snapshot.js';
import { migrateSettings, SettingsShapeError, SettingsVersionError } from './migrations.js';
import { extraCaProblem } from './extra-ca.js';
import { conflictOf } from './transfer.js';
import type { TransferChoice } from '../../../preload/vocabulary/transfer.js';
import {
  CURRENT_SCHEMA_VERSION,
  checkSettingsInputSchema,
  connectorChoicesSchema,
  defaultCheckSettings,
  defaultConnectorChoices,
  engagementDetailsSchema,
  engagementSchema,
  settingsDocumentSchema,
  type Engagement,
  type CertificateInspection,
  type RelayCertificate,
  type CheckSettings,
  type ConnectorChoices,
  type EngagementDetails,
  type SavedCheckResult,
  type SettingsDocument,
} from '../../../preload/vocabulary/engagement.js';
import { m365SettingsSchema, type M365SettingsDocument } from '../../../preload/vocabulary/m365.js';
import { EMPTY_OFFICE_PROOF, type ImportedInventory, type InventorySide, type OfficeProof, type OfficeProofPart } from '../../../preload/vocabulary/imports.js';
import { TEST_EVIDENCE_LIMIT, type TestEvidence } from '../../../preload/vocabulary/test-evidence.js';
import { withRun, type SavedRun } from '../../../preload/vocabulary/run-history.js';
import { isOfflineResult } from '../../../preload/vocabulary/checks.js';

export class EngagementNotFoundError extends Error {
  override readonly name = 'EngagementNotFoundError';
  constructor(id: string) {
    super(`No engagement with id ${id}: it may have been deleted in another window.`);
  }
}

/** A new piece of Microsoft's proof, without its import time (the repository stamps it). */
export interface OfficeProofUpdate {
  readonly validation?: Omit<NonNullable<OfficeProof['validation']>, 'importedAt'>;
  readonly trace?: Omit<NonNullable<OfficeProof['trace']>, 'importedAt'>;
}

export interface EngagementsImport {
  readonly imported: number;
  readonly skipped: number;
  /** Each imported engagement's id in the file, and its id here (new for a kept-both copy). */
  readonly ids: ReadonlyMap<string, string>;
}

export class InvalidEngagementError extends Error {
  override readonly name = 'InvalidEngagementError';
}

/** Told to the user once after start-up: the settings file could not be used and was kept aside. */
export interface RecoveryNotice {
  readonly movedTo: string;
  readonly reason: string;
}

/** One engagement (or the Microsoft 365 settings) that failed validation and was kept aside alone. */
export interface SetAsideNotice {
  /** The engagement's name (or id, or position) as found in the file. */
  readonly engagement: string;
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
  /**
   * Keeps each check's latest result per target; results of checks not in `results` stay, and so
   * does every earlier result a result that only says "offline" (isOfflineResult) would replace.
   */
  saveCheckResults(id: string, results: readonly SavedCheckResult[]): Engagement;
  /**
   * Keeps a finished run in the history (newest first, the oldest beyond RUN_HISTORY_LIMIT dropped)
   * and its results as saveCheckResults does, in one change.
   */
  appendRun(id: string, run: SavedRun, results: readonly SavedCheckResult[]): Engagement;
  saveCertificateInspection(id: string, inspection: CertificateInspection): Engagement;
  /** Notes which certificate the relay test presents (null: none); the certificate itself is in the keychain. */
  saveRelayCertificate(id: string, certificate: RelayCertificate | null): Engagement;
  saveTenantSnapshot(id: string, snapshot: TenantSnapshot): Engagement;
  /** Keeps an imported inventory document, replacing the earlier one of the same side. */
  saveInventory(id: string, imported: Omit<ImportedInventory, 'importedAt'>): Engagement;
  removeInventory(id: string, side: InventorySide): Engagement;
  /** Keeps Microsoft's proof; each part given replaces that part, the other stays. */
  saveOfficeProof(id: string, proof: OfficeProofUpdate): Engagement;
  clearOfficeProof(id: string, part: OfficeProofPart): Engagement;
  /** Keeps one piece of Test step evidence, newest first; beyond TEST_EVIDENCE_LIMIT the oldest goes. */
  saveTestEvidence(id: string, evidence: TestEvidence): Engagement;
  removeTestEvidence(id: string, evidenceId: string): Engagement;
  /**
   * Adds engagements from an export file, under the lock against the file as it is now. An
   * incoming engagement that collides with one here (same id, else same name) needs a choice.
   */
  importEngagements(incoming: readonly Engagement[], choices: ReadonlyMap<string, TransferChoice>): EngagementsImport;
  m365Settings(): M365SettingsDocument;
  updateM365Settings(settings: M365SettingsDocument): M365SettingsDocument;
  /** The latest whole-file recovery since start-up, if any. */
  readonly recovery: RecoveryNotice | null;
  /** Every record kept aside since start-up, oldest first. */
  readonly setAside: readonly SetAsideNotice[];
}

function describeIssues(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message)).join(' ');
}

function emptyDocument(): SettingsDocument {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, preferences: { m365: DEFAULT_M365_SETTINGS }, engagements: [] };
}

const documentHeadSchema = settingsDocumentSchema.omit({ engagements: true });

function labelOf(raw: unknown, index: number): string {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (typeof record.name === 'string' && record.name.trim() !== '') return record.name;
  if (typeof record.id === 'string' && record.id !== '') return `id ${record.id}`;
  return `engagement #${index + 1}`;
}

interface Loaded {
  readonly document: SettingsDocument;
  readonly recovery: RecoveryNotice | null;
  readonly setAside: readonly SetAsideNotice[];
}

/**
 * Reads the file as it is now and makes it usable: a file that is not a settings document at all is
 * moved aside whole; within a good one, each engagement is validated alone and only the bad ones
 * are kept aside (with the Microsoft 365 settings, which fall back to the defaults when bad).
 * Runs under the store's lock: it may write.
 */
function load(store: SettingsStore): Loaded {
  let migrated: { readonly document: Record<string, unknown>; readonly fromVersion: number };
  try {
    const raw = store.read();
    if (raw === null) return { document: emptyDocument(), recovery: null, setAside: [] };
    migrated = migrateSettings(raw);
  } catch (error) {
    if (!(error instanceof SettingsUnreadableError) && !(error instanceof SettingsShapeError)) throw error;
    return { document: emptyDocument(), recovery: { movedTo: store.quarantine(), reason: error.message }, setAside: [] };
  }
  const { document: candidate, fromVersion } = migrated;

  const rejected: { readonly label: string; readonly reason: string; readonly record: unknown }[] = [];
  const head = documentHeadSchema.safeParse(candidate);
  let preferences = emptyDocument().preferences;
  if (head.success) preferences = head.data.preferences;
  else rejected.push({ label: 'Microsoft 365 settings', reason: describeIssues(head.error.issues), record: candidate.preferences });

  const engagements: Engagement[] = [];
  const seen = new Set<string>();
  (candidate.engagements as readonly unknown[]).forEach((record, index) => {
    const parsed = engagementSchema.safeParse(record);
    if (!parsed.success) rejected.push({ label: labelOf(record, index), reason: describeIssues(parsed.error.issues), record });
    else if (seen.has(parsed.data.id)) rejected.push({ label: labelOf(record, index), reason: `another engagement already has the id ${parsed.data.id}`, record });
    else {
      seen.add(parsed.data.id);
      engagements.push(parsed.data);
    }
  });

  const document: SettingsDocument = { schemaVersion: CURRENT_SCHEMA_VERSION, preferences, engagements };
  let setAside: SetAsideNotice[] = [];
  if (rejected.length > 0) {
    const movedTo = store.setAside('set-aside', {
      from: store.location,
      schemaVersion: fromVersion,
      records: rejected,
    });
    setAside = rejected.map(({ label, reason }) => ({ engagement: label, movedTo, reason }));
  }
  if (fromVersion !== CURRENT_SCHEMA_VERSION) {
    // The file as the older version wrote it stays beside the migrated one.
    store.backup(`v${fromVersion}-backup`);
  }
  if (fromVersion !== CURRENT_SCHEMA_VERSION || rejected.length > 0) store.write(document);
  return { document, recovery: null, setAside };
}

/** The settings file cannot be used as it is: nothing was read from it, and nothing in it was changed. */
export class SettingsDamagedError extends Error {
  override readonly name = 'SettingsDamagedError';
}

/**
 * Every saved engagement, read without changing anything on disk (no migration written, nothing
 * moved aside): for a face that must not repair the file behind the user's back. Anything the
 * repository would move aside — a file that is not JSON or not a settings document, one from a
 * newer version, an engagement of the wrong shape — is a SettingsDamagedError naming it.
 */
export function readEngagementsUnchanged(store: SettingsStore): readonly Engagement[] {
  const damaged = (reason: string): SettingsDamagedError =>
    new SettingsDamagedError(`The settings file ${store.location} cannot be used: ${reason}. Nothing was changed; open the app to recover it.`);
  let document: Record<string, unknown>;
  try {
    const raw = store.read();
    if (raw === null) return [];
    document = migrateSettings(raw).document;
  } catch (error) {
    if (error instanceof SettingsUnreadableError || error instanceof SettingsShapeError || error instanceof SettingsVersionError) throw damaged(error.message);
    throw error;
  }
  return (document.engagements as readonly unknown[]).map((record, index) => {
    const parsed = engagementSchema.safeParse(record);
    if (!parsed.success) throw damaged(`“${labelOf(record, index)}” is not a valid engagement (${describeIssues(parsed.error.issues)})`);
    return parsed.data;
  });
}

/** The engagement with each check's latest verdict per target; an offline result is no verdict and replaces nothing. */
function withResults(engagement: Engagement, results: readonly SavedCheckResult[]): Engagement {
  const key = (result: SavedCheckResult): string => `${result.id}\u0000${result.target ?? ''}`;
  const verdicts = results.filter((result) => !isOfflineResult(result));
  const notRun = new Set(results.filter(isOfflineResult).map(key));
  const latestRun = new Set(verdicts.map(key));
  const ranIds = new Set(verdicts.map((result) => result.id));
  // A check that ran drops its results for targets it no longer has, but not those it could not run offline.
  const kept = engagement.checkResults.filter((result) => notRun.has(key(result)) || (!latestRun.has(key(result)) && !ranIds.has(result.id)));
  return { ...engagement, checkResults: [...kept, ...verdicts] };
}

export function createEngagementRepository(store: SettingsStore, clock: Clock): EngagementRepository {
  let recovery: RecoveryNotice | null = null;
  const setAside: SetAsideNotice[] = [];

  /** The document as it is on disk now (another process may have changed it); call under the lock. */
  function current(): SettingsDocument {
    const loaded = load(store);
    if (loaded.recovery !== null) recovery = loaded.recovery;
    setAside.push(...loaded.setAside);
    return loaded.document;
  }

  store.exclusive(() => {
    store.removeLeftovers();
    current();
  });

  /** The latest document, re-read so that what another window or process saved is seen. */
  const fresh = (): SettingsDocument => store.exclusive(current);

  const nowIso = (): string => new Date(clock.now()).toISOString();

  /**
   * Applies `change` to the document as it is on disk now, validates and writes the result, all
   * under the data folder's lock: a change made meanwhile by another process is never overwritten.
   */
  function commit<T>(change: (latest: SettingsDocument) => { readonly next: SettingsDocument; readonly result: T }): T {
    return store.exclusive(() => {
      const { next, result } = change(current());
      const checked = settingsDocumentSchema.safeParse(next);
      if (!checked.success) throw new InvalidEngagementError(`Not saved: ${describeIssues(checked.error.issues)}`);
      store.write(checked.data);
      return result;
    });
  }

  function findIn(latest: SettingsDocument, id: string): Engagement {
    const found = latest.engagements.find((engagement) => engagement.id === id);
    if (found === undefined) throw new EngagementNotFoundError(id);
    return found;
  }

  /** Changes one engagement as it is on disk now. */
  function change(id: string, edit: (engagement: Engagement) => Engagement): Engagement {
    return commit((latest) => {
      const updated = edit(findIn(latest, id));
      return { next: { ...latest, engagements: latest.engagements.map((e) => (e.id === id ? updated : e)) }, result: updated };
    });
  }

  function validDetails(details: EngagementDetails): EngagementDetails {
    const parsed = engagementDetailsSchema.safeParse(details);
    if (!parsed.success) {
      throw new InvalidEngagementError(parsed.error.issues.map((issue) => issue.message).join(' '));
    }
    return parsed.data;
  }

  return {
    get recovery() {
      return recovery;
    },
    get setAside() {
      return [...setAside];
    },
    list: () => fresh().engagements,
    get: (id) => findIn(fresh(), id),
    create(details) {
      const valid = validDetails(details);
      const at = nowIso();
      const engagement: Engagement = {
        ...valid,
        id: randomUUID(),
        progress: {},
        checkSettings: defaultCheckSettings,
        connectorChoices: defaultConnectorChoices,
        checkResults: [],
        certificateInspection: null,
        relayCertificate: null,
        tenantSnapshot: null,
        inventory: [],
        officeProof: EMPTY_OFFICE_PROOF,
        testEvidence: [],
        runHistory: [],
        createdAt: at,
        updatedAt: at,
      };
      return commit((latest) => ({ next: { ...latest, engagements: [...latest.engagements, engagement] }, result: engagement }));
    },
    update(id, details) {
      const valid = validDetails(details);
      return change(id, (engagement) => ({ ...engagement, ...valid, updatedAt: nowIso() }));
    },
    remove(id) {
      commit((latest) => {
        findIn(latest, id);
        return { next: { ...latest, engagements: latest.engagements.filter((e) => e.id !== id) }, result: undefined };
      });
    },
    setItemDone(id, itemId, done) {
      if (!checklistItemIds.has(itemId)) throw new InvalidEngagementError(`Unknown checklist item "${itemId}".`);
      const at = nowIso();
      return change(id, (engagement) => ({ ...engagement, progress: { ...engagement.progress, [itemId]: { done, at } }, updatedAt: at }));
    },
    updateCheckSettings(id, settings) {
      const parsed = checkSettingsInputSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      const caProblem = extraCaProblem(parsed.data.extraCaPem);
      if (caProblem !== null) throw new InvalidEngagementError(caProblem);
      return change(id, (engagement) => ({ ...engagement, checkSettings: parsed.data, updatedAt: nowIso() }));
    },
    updateConnectorChoices(id, choices) {
      const parsed = connectorChoicesSchema.safeParse(choices);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      return change(id, (engagement) => ({ ...engagement, connectorChoices: parsed.data, updatedAt: nowIso() }));
    },
    saveCheckResults(id, results) {
      return change(id, (engagement) => ({ ...withResults(engagement, results), updatedAt: nowIso() }));
    },
    appendRun(id, run, results) {
      return change(id, (engagement) => ({ ...withResults(engagement, results), runHistory: withRun(engagement.runHistory, run), updatedAt: nowIso() }));
    },
    saveCertificateInspection(id, inspection) {
      return change(id, (engagement) => ({ ...engagement, certificateInspection: inspection, updatedAt: nowIso() }));
    },
    saveRelayCertificate(id, certificate) {
      return change(id, (engagement) => ({ ...engagement, relayCertificate: certificate, updatedAt: nowIso() }));
    },
    saveTenantSnapshot(id, snapshot) {
      return change(id, (engagement) => ({ ...engagement, tenantSnapshot: snapshot, updatedAt: nowIso() }));
    },
    saveInventory(id, imported) {
      const importedAt = nowIso();
      return change(id, (engagement) => ({
        ...engagement,
        inventory: [...engagement.inventory.filter((document) => document.side !== imported.side), { ...imported, importedAt }],
        updatedAt: importedAt,
      }));
    },
    removeInventory(id, side) {
      return change(id, (engagement) => ({ ...engagement, inventory: engagement.inventory.filter((document) => document.side !== side), updatedAt: nowIso() }));
    },
    saveOfficeProof(id, proof) {
      const importedAt = nowIso();
      return change(id, (engagement) => ({
        ...engagement,
        officeProof: {
          validation: proof.validation === undefined ? engagement.officeProof.validation : { ...proof.validation, importedAt },
          trace: proof.trace === undefined ? engagement.officeProof.trace : { ...proof.trace, importedAt },
        },
        updatedAt: importedAt,
      }));
    },
    clearOfficeProof(id, part) {
      return change(id, (engagement) => ({ ...engagement, officeProof: { ...engagement.officeProof, [part]: null }, updatedAt: nowIso() }));
    },
    saveTestEvidence(id, evidence) {
      return change(id, (engagement) => ({
        ...engagement,
        testEvidence: [evidence, ...engagement.testEvidence.filter((entry) => entry.id !== evidence.id)].slice(0, TEST_EVIDENCE_LIMIT),
        updatedAt: nowIso(),
      }));
    },
    removeTestEvidence(id, evidenceId) {
      return change(id, (engagement) => ({ ...engagement, testEvidence: engagement.testEvidence.filter((entry) => entry.id !== evidenceId), updatedAt: nowIso() }));
    },
    importEngagements(incoming, choices) {
      const at = nowIso();
      return commit((latest) => {
        let engagements = [...latest.engagements];
        const ids = new Map<string, string>();
        let skipped = 0;
        for (const engagement of incoming) {
          // Only what was here before the import collides: an import never replaces what it added itself.
          const conflict = conflictOf(latest.engagements, engagement);
          if (conflict === null) {
            engagements.push(engagement);
            ids.set(engagement.id, engagement.id);
            continue;
          }
          const choice = choices.get(engagement.id);
          if (choice === undefined) {
            throw new InvalidEngagementError(`“${engagement.name}” collides with “${conflict.name}” here: choose to replace it, keep both or skip it. Nothing was imported.`);
          }
          if (choice === 'skip') {
            skipped += 1;
          } else if (choice === 'replace') {
            engagements = engagements.map((e) => (e.id === conflict.id ? { ...engagement, id: conflict.id, updatedAt: at } : e));
            ids.set(engagement.id, conflict.id);
          } else {
            const base = engagement.name.slice(0, 180);
            let name = `${base} (imported)`;
            for (let n = 2; engagements.some((e) => e.name === name); n += 1) name = `${base} (imported ${String(n)})`;
            const id = randomUUID();
            engagements.push({ ...engagement, id, name, updatedAt: at });
            ids.set(engagement.id, id);
          }
        }
        return { next: { ...latest, engagements }, result: { imported: ids.size, skipped, ids } };
      });
    },
    m365Settings: () => fresh().preferences.m365,
    updateM365Settings(settings) {
      const parsed = m365SettingsSchema.safeParse(settings);
      if (!parsed.success) throw new InvalidEngagementError(describeIssues(parsed.error.issues));
      return commit((latest) => ({ next: { ...latest, preferences: { ...latest.preferences, m365: parsed.data } }, result: parsed.data }));
    },
  };
}
