/**
 * What an engagement imported from the real systems: the documents the read-only inventory scripts
 * wrote (one per side, with when the script read the server and when it was imported), and
 * Microsoft's own proof as read from the pasted cmdlet output (Validate-OutboundConnector and
 * Get-OutboundConnector for the connector, Get-MessageTraceV2 for the test messages).
 */
import { z } from 'zod';
import { jsonValue } from './json.js';
import type { ServerKind } from './server-kinds.js';

const isoTimestamp = z.iso.datetime();

export const INVENTORY_SIDES = ['exchange-online', 'exchange-server', 'postfix'] as const;
export type InventorySide = (typeof INVENTORY_SIDES)[number];

export const INVENTORY_SIDE_LABELS: Readonly<Record<InventorySide, string>> = {
  'exchange-online': 'Exchange Online',
  'exchange-server': 'Exchange Server',
  postfix: 'Postfix',
};

/** The on-premises side each kind of server has an inventory for (none for another server). */
const SERVER_SIDE: Readonly<Record<ServerKind, InventorySide | null>> = { exchange: 'exchange-server', postfix: 'postfix', other: null };

/** The inventory sides that apply to an engagement: Exchange Online always, and its server's side. */
export function inventorySidesFor(serverKind: ServerKind): readonly InventorySide[] {
  const server = SERVER_SIDE[serverKind];
  return server === null ? ['exchange-online'] : ['exchange-online', server];
}

/** One imported inventory document, kept whole so that the checks and scripts read it as imported. */
export const importedInventorySchema = z.object({
  side: z.enum(INVENTORY_SIDES),
  /** When the inventory script read the server. */
  readAt: isoTimestamp,
  /** Where it was read: the tenant's default domain or the server's name, as the script wrote it. */
  source: z.string().nullable(),
  importedAt: isoTimestamp,
  /** The file it came from; null when it was pasted. */
  fileName: z.string().max(500).nullable(),
  /** What the document holds, in words ("2 outbound connectors (1 made by the Hybrid Configuration Wizard)"). */
  contents: z.array(z.string()),
  /** The document as the script wrote it, parsed again with the inventory schema wherever it is used. */
  document: z.record(z.string(), jsonValue),
});

export type ImportedInventory = z.infer<typeof importedInventorySchema>;

export const VALIDATION_STAGES = ['Resolve', 'Connection', 'TLS/EHLO', 'Send'] as const;
export type ValidationStage = (typeof VALIDATION_STAGES)[number];

export const stageResultSchema = z.object({
  smartHost: z.string().nullable(),
  stage: z.enum(VALIDATION_STAGES).nullable(),
  status: z.enum(['pass', 'fail', 'unknown']),
  detail: z.string(),
  /** What to do when it failed, in plain words. */
  fix: z.string().nullable(),
});

export const connectorValidationSchema = z.object({
  name: z.string(),
  isValidated: z.boolean().nullable(),
  lastValidationTimestamp: z.string().nullable(),
  validationRecipients: z.array(z.string()),
  smartHosts: z.array(z.string()),
});

export const traceEntrySchema = z.object({
  recipient: z.string(),
  sender: z.string().nullable(),
  subject: z.string().nullable(),
  status: z.string(),
  received: z.string().nullable(),
  delivered: z.boolean(),
  /** Get-MessageTraceDetailV2 events, when they were pasted too. */
  events: z.array(z.object({ event: z.string(), detail: z.string().nullable(), date: z.string().nullable() })),
});

export type StageResult = z.infer<typeof stageResultSchema>;
export type StageStatus = StageResult['status'];
export type ConnectorValidationState = z.infer<typeof connectorValidationSchema>;
export type TraceEntry = z.infer<typeof traceEntrySchema>;

/** Where a pasted or imported piece of Microsoft's proof came from, and when it was read. */
const importedFrom = { importedAt: isoTimestamp, fileName: z.string().max(500).nullable() };

/**
 * Microsoft's proof, kept per kind: a new paste of Validate-OutboundConnector output replaces the
 * earlier validation and leaves the message trace alone, and the other way round.
 */
export const officeProofSchema = z.object({
  validation: z
    .object({ ...importedFrom, stages: z.array(stageResultSchema), connectors: z.array(connectorValidationSchema) })
    .nullable(),
  trace: z.object({ ...importedFrom, entries: z.array(traceEntrySchema) }).nullable(),
});

export type OfficeProof = z.infer<typeof officeProofSchema>;
export type OfficeProofPart = keyof OfficeProof;
export const OFFICE_PROOF_PARTS = ['validation', 'trace'] as const satisfies readonly OfficeProofPart[];

export const EMPTY_OFFICE_PROOF: OfficeProof = { validation: null, trace: null };

/** A file or paste handed to an import: its text, and its file name when it came from a file. */
export interface ImportInput {
  readonly fileName: string | null;
  readonly text: string;
}
