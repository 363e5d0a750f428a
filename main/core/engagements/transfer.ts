/**
 * Moving engagements between laptops: one JSON file with the engagements as saved (never a secret:
 * those stay in the keychain, and the file names them for entering again), read back through the
 * same migrations and schema as the settings file, so a file from an older version imports and a
 * damaged one is refused whole with the reason, changing nothing.
 */
import { extraCaProblem } from './extra-ca.js';
import { inventoryOfEngagement } from './inventory.js';
import { migrateSettings, SettingsShapeError, SettingsVersionError } from './migrations.js';
import { InventoryImportError } from '../inventory/document.js';
import { CURRENT_SCHEMA_VERSION, engagementDetailsSchema, engagementSchema, type Engagement } from '../../../preload/vocabulary/engagement.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { SECRET_KINDS } from '../../../preload/vocabulary/secrets.js';
import type { ImportPlan, ImportPlanEntry, ReenterNote, TransferFile } from '../../../preload/vocabulary/transfer.js';

export const TRANSFER_FORMAT = 'mailflow-engagements';
export const TRANSFER_VERSION = 1;

/** Ids the app makes (UUIDs) and that every call of the contract accepts. */
const TRANSFER_ID = /^[A-Za-z0-9_-]{1,100}$/;

export class TransferFileError extends Error {
  override readonly name = 'TransferFileError';
}

export interface ExportMeta {
  readonly now: Date;
  readonly appVersion: string;
}

function slug(name: string): string {
  const words = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return words === '' ? 'engagement' : words.slice(0, 60);
}

/** The export file of some engagements; `saved` names the keychain entries each one has here. */
export function engagementsExport(engagements: readonly Engagement[], saved: ReadonlyMap<string, readonly ReenterNote['secrets'][number][]>, meta: ExportMeta): TransferFile {
  if (engagements.length === 0) throw new TransferFileError('There is no engagement to export.');
  const reenter: ReenterNote[] = engagements
    .map((engagement) => ({ engagementId: engagement.id, engagement: engagement.name, secrets: SECRET_KINDS.filter((kind) => saved.get(engagement.id)?.includes(kind) === true) }))
    .filter((note) => note.secrets.length > 0);
  const document = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    exportedAt: meta.now.toISOString(),
    appVersion: meta.appVersion,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    /** Passwords are not in this file: enter them again on the new machine. */
    reenter,
    engagements,
  };
  const day = meta.now.toISOString().slice(0, 10);
  const only = engagements.length === 1 ? engagements[0] : undefined;
  const fileName = only === undefined ? `mailflow-engagements-${String(engagements.length)}-${day}.json` : `mailflow-engagement-${slug(only.name)}-${day}.json`;
  return { fileName, text: `${JSON.stringify(document, null, 2)}\n`, reenter };
}

export interface ReadExport {
  readonly exportedAt: string;
  readonly engagements: readonly Engagement[];
  readonly reenter: readonly ReenterNote[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function reenterOf(value: unknown, engagements: readonly Engagement[]): ReenterNote[] {
  if (!Array.isArray(value)) return [];
  const known = new Set(engagements.map((engagement) => engagement.id));
  return value.filter(isRecord).flatMap((note): ReenterNote[] => {
    const id = note.engagementId;
    const secrets = Array.isArray(note.secrets) ? SECRET_KINDS.filter((kind) => (note.secrets as unknown[]).includes(kind)) : [];
    if (typeof id !== 'string' || !known.has(id) || secrets.length === 0) return [];
    return [{ engagementId: id, engagement: engagements.find((engagement) => engagement.id === id)?.name ?? id, secrets }];
  });
}

/** Reads an export file whole: every engagement valid, or an error naming the first that is not. */
export function readEngagementsExport(text: string): ReadExport {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new TransferFileError(`The file is not JSON (${errorMessage(error)}); it may be cut off or damaged.`);
  }
  if (!isRecord(raw) || raw.format !== TRANSFER_FORMAT) {
    throw new TransferFileError('This is not a Mailflow Assistant engagements export: choose a file made with "Export" in the engagement list.');
  }
  if (typeof raw.version !== 'number' || !Number.isInteger(raw.version) || raw.version < 1 || raw.version > TRANSFER_VERSION) {
    throw new TransferFileError(`The export is format version ${String(raw.version)}; this app reads version ${String(TRANSFER_VERSION)}: update the app.`);
  }
  let migrated: Record<string, unknown>;
  try {
    migrated = migrateSettings({ schemaVersion: raw.schemaVersion, engagements: raw.engagements }).document;
  } catch (error) {
    if (error instanceof SettingsVersionError) throw new TransferFileError('The export was made by a newer version of Mailflow Assistant: update this app, then import it.');
    if (error instanceof SettingsShapeError) throw new TransferFileError(`The export cannot be read: ${error.message}.`);
    throw error;
  }
  const list = migrated.engagements as readonly unknown[];
  if (list.length === 0) throw new TransferFileError('The export holds no engagement.');
  const engagements = list.map((record, index) => {
    const parsed = engagementSchema.safeParse(record);
    if (parsed.success) return parsed.data;
    const name = isRecord(record) && typeof record.name === 'string' ? `“${record.name}”` : `number ${String(index + 1)}`;
    const issue = parsed.error.issues[0];
    throw new TransferFileError(`Engagement ${name} in the export is damaged (${issue === undefined ? 'unreadable' : `${issue.path.map(String).join('.')}: ${issue.message}`}); nothing was imported.`);
  });
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const engagement of engagements) {
    if (ids.has(engagement.id)) throw new TransferFileError(`The export holds “${engagement.name}” twice (id ${engagement.id}); nothing was imported.`);
    // Two of the same name could not be told apart on a collision: rename one where it was exported.
    const name = engagement.name.trim().toLocaleLowerCase();
    if (names.has(name)) throw new TransferFileError(`The export holds two engagements named “${engagement.name}”: rename one on the machine it came from and export again; nothing was imported.`);
    if (!TRANSFER_ID.test(engagement.id)) throw new TransferFileError(`Engagement “${engagement.name}” in the export has an id this app cannot use (${engagement.id.slice(0, 40)}); nothing was imported.`);
    const details = engagementDetailsSchema.safeParse(engagement);
    const issue = details.success ? undefined : details.error.issues[0];
    if (issue !== undefined) throw new TransferFileError(`Engagement “${engagement.name.slice(0, 80)}” in the export has a wrong value (${issue.path.map(String).join('.')}: ${issue.message}); nothing was imported.`);
    const caProblem = extraCaProblem(engagement.checkSettings.extraCaPem);
    if (caProblem !== null) throw new TransferFileError(`Engagement “${engagement.name}” in the export: ${caProblem} Nothing was imported.`);
    try {
      inventoryOfEngagement(engagement);
    } catch (error) {
      if (!(error instanceof InventoryImportError)) throw error;
      throw new TransferFileError(`Engagement “${engagement.name}” in the export: ${error.message}. Nothing was imported.`);
    }
    ids.add(engagement.id);
    names.add(name);
  }
  return { exportedAt: typeof raw.exportedAt === 'string' ? raw.exportedAt : '', engagements, reenter: reenterOf(raw.reenter, engagements) };
}

const sameName = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** The engagement here an incoming one collides with: the same id first (it was here before), else the same name. */
export function conflictOf(existing: readonly Engagement[], incoming: Engagement): Engagement | null {
  return existing.find((engagement) => engagement.id === incoming.id) ?? existing.find((engagement) => sameName(engagement.name, incoming.name)) ?? null;
}

export function importPlan(existing: readonly Engagement[], read: ReadExport): ImportPlan {
  const entries: ImportPlanEntry[] = read.engagements.map((engagement) => {
    const conflict = conflictOf(existing, engagement);
    return {
      id: engagement.id,
      name: engagement.name,
      domains: engagement.domains,
      updatedAt: engagement.updatedAt,
      conflict: conflict === null ? null : { id: conflict.id, name: conflict.name, updatedAt: conflict.updatedAt },
    };
  });
  return { exportedAt: read.exportedAt, entries, reenter: read.reenter };
}
