/**
 * The inventory document: one JSON file per side, written by the assistant's read-only inventory
 * scripts, imported to start from what really exists. Versioned, so a newer format is refused
 * with a clear reason instead of being half read.
 */
import { z } from 'zod';
import { exchangeOnlineData, type ExchangeOnlineData } from './exchange-online.js';
import { exchangeServerData, type ExchangeServerData } from './exchange-server.js';
import { postfixData, type PostfixData } from './postfix.js';
import { date } from './values.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { INVENTORY_SIDES, type InventorySide } from '../../../preload/vocabulary/imports.js';

export { INVENTORY_SIDES, type InventorySide } from '../../../preload/vocabulary/imports.js';

export const INVENTORY_FORMAT = 'mailflow-inventory';
export const INVENTORY_VERSION = 1;

interface Read<S extends InventorySide, D> {
  readonly side: S;
  /** When the script read the server, as ISO 8601 (UTC). */
  readonly readAt: string;
  /** Where it was read: the tenant's default domain, or the server's name. */
  readonly source: string | null;
  readonly data: D;
}

export type ExchangeOnlineInventory = Read<'exchange-online', ExchangeOnlineData>;
export type ExchangeServerInventory = Read<'exchange-server', ExchangeServerData>;
export type PostfixInventory = Read<'postfix', PostfixData>;
export type InventoryDocument = ExchangeOnlineInventory | ExchangeServerInventory | PostfixInventory;

/** The engagement's imported state: at most one document per side (the newest import wins). */
export interface Inventory {
  readonly exchangeOnline: ExchangeOnlineInventory | null;
  readonly exchangeServer: ExchangeServerInventory | null;
  readonly postfix: PostfixInventory | null;
}

export const EMPTY_INVENTORY: Inventory = { exchangeOnline: null, exchangeServer: null, postfix: null };

export interface InventoryIssue {
  /** Where in the document, e.g. "outboundConnectors[1].TlsSettings". */
  readonly path: string;
  readonly message: string;
}

/** A file that is not an inventory document, or one with wrong values: says where and what. */
export class InventoryImportError extends Error {
  override readonly name = 'InventoryImportError';
  readonly issues: readonly InventoryIssue[];

  constructor(summary: string, issues: readonly InventoryIssue[] = []) {
    const shown = issues.slice(0, 5).map((issue) => `${issue.path === '' ? '(document)' : issue.path}: ${issue.message}`);
    const more = issues.length > 5 ? `; and ${issues.length - 5} more` : '';
    super(shown.length === 0 ? summary : `${summary}: ${shown.join('; ')}${more}`);
    this.issues = issues;
  }
}

const header = z.object({
  format: z.literal(INVENTORY_FORMAT),
  version: z.number(),
  side: z.enum(INVENTORY_SIDES),
  readAt: date.refine((value) => value !== null, { error: 'expected the date the script read the server' }),
  source: z.string().nullish(),
});

function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}

function issuesOf(error: z.ZodError): InventoryIssue[] {
  return error.issues.map((issue) => ({ path: pathOf(issue.path), message: issue.message }));
}

/** JSON.parse with the position of the first mistake in words; a byte order mark (PowerShell 5.1) is fine. */
export function inventoryJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new InventoryImportError(`The file is not JSON (${errorMessage(error)}); it may be cut off or damaged`);
  }
}

/**
 * Reads one inventory document. Throws InventoryImportError naming what is wrong; it never
 * returns half a document, so an import either keeps the previous state or replaces it whole.
 */
export function parseInventoryDocument(text: string): InventoryDocument {
  if (text.trim() === '') throw new InventoryImportError('The file is empty');
  return readInventoryDocument(inventoryJson(text));
}

/** The same for a document already parsed from JSON (as an engagement keeps it). */
export function readInventoryDocument(raw: unknown): InventoryDocument {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('format' in raw)) {
    throw new InventoryImportError(
      'This is not a Mailflow Assistant inventory document (it has no "format" field): run the inventory script for that side and import the file it writes',
    );
  }
  const head = header.safeParse(raw);
  if (!head.success) throw new InventoryImportError('The inventory document header is wrong', issuesOf(head.error));
  if (head.data.version > INVENTORY_VERSION) {
    throw new InventoryImportError(`The inventory document is version ${head.data.version}; this assistant reads version ${INVENTORY_VERSION}: update the assistant`);
  }
  const base = { readAt: head.data.readAt, source: head.data.source ?? null };
  const body = (raw as { readonly data?: unknown }).data;
  const what = `The ${head.data.side} inventory has values the assistant cannot use`;
  switch (head.data.side) {
    case 'exchange-online': {
      const parsed = exchangeOnlineData.safeParse(body);
      if (!parsed.success) throw new InventoryImportError(what, prefixed(parsed.error));
      return { side: 'exchange-online', ...base, data: parsed.data };
    }
    case 'exchange-server': {
      const parsed = exchangeServerData.safeParse(body);
      if (!parsed.success) throw new InventoryImportError(what, prefixed(parsed.error));
      return { side: 'exchange-server', ...base, data: parsed.data };
    }
    case 'postfix': {
      const parsed = postfixData.safeParse(body);
      if (!parsed.success) throw new InventoryImportError(what, prefixed(parsed.error));
      return { side: 'postfix', ...base, data: parsed.data };
    }
  }
}

function prefixed(error: z.ZodError): InventoryIssue[] {
  return issuesOf(error).map((issue) => ({ ...issue, path: issue.path === '' ? 'data' : `data.${issue.path}` }));
}

/** Adds documents to an inventory; a later document for the same side replaces the earlier one. */
export function withDocuments(inventory: Inventory, documents: readonly InventoryDocument[]): Inventory {
  let result = inventory;
  for (const document of documents) {
    if (document.side === 'exchange-online') result = { ...result, exchangeOnline: document };
    else if (document.side === 'exchange-server') result = { ...result, exchangeServer: document };
    else result = { ...result, postfix: document };
  }
  return result;
}
