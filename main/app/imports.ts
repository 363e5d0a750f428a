/**
 * Importing what really exists into an engagement: an inventory document (one per side, checked
 * whole before anything is kept, so a wrong file loses nothing) and Microsoft's own proof pasted
 * back from PowerShell. The checks and the scripts then read the engagement's inventory.
 */
import { z } from 'zod';
import type { Engagement } from '../../preload/vocabulary/engagement.js';
import { jsonValue } from '../../preload/vocabulary/json.js';
import { INVENTORY_SIDE_LABELS, inventorySidesFor, type ImportInput } from '../../preload/vocabulary/imports.js';
import type { ServerKind } from '../../preload/vocabulary/server-kinds.js';
import type { EngagementRepository, OfficeProofUpdate } from '../core/engagements/repository.js';
import { describeInventory } from '../core/inventory/describe.js';
import { redactPostconf } from '../core/inventory/postfix.js';
import { InventoryImportError, inventoryJson, readInventoryDocument } from '../core/inventory/document.js';
import { parseValidationOutput } from '../core/validation-import/parse.js';

const SERVER_KIND_NAMES: Readonly<Record<ServerKind, string>> = { exchange: 'Exchange', postfix: 'Postfix', other: 'neither Exchange nor Postfix' };

const documentObject = z.record(z.string(), jsonValue);

/** The document as kept: a Postfix inventory's password values left out (postconf -n may show them). */
function withoutSecrets(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || !('side' in raw) || raw.side !== 'postfix' || !('data' in raw)) return raw;
  const data = raw.data;
  if (typeof data !== 'object' || data === null || !('postconf' in data) || typeof data.postconf !== 'string') return raw;
  return { ...raw, data: { ...data, postconf: redactPostconf(data.postconf) } };
}

export function importInventory(repository: EngagementRepository, engagementId: string, input: ImportInput): Engagement {
  const engagement = repository.get(engagementId);
  if (input.text.trim() === '') throw new InventoryImportError('The file is empty');
  const raw = inventoryJson(input.text);
  const document = readInventoryDocument(raw);
  if (!inventorySidesFor(engagement.serverKind).includes(document.side)) {
    throw new InventoryImportError(
      `This is the ${INVENTORY_SIDE_LABELS[document.side]} inventory, but the engagement's server is ${SERVER_KIND_NAMES[engagement.serverKind]}: change the server in Details, or import the inventory of this engagement's server`,
    );
  }
  return repository.saveInventory(engagementId, {
    side: document.side,
    readAt: document.readAt,
    source: document.source,
    fileName: input.fileName,
    contents: describeInventory(document),
    document: documentObject.parse(withoutSecrets(raw)),
  });
}

/**
 * Reads pasted Validate-OutboundConnector, Get-OutboundConnector or Get-MessageTraceV2 output. What
 * the paste holds replaces that kind of proof; a paste of only a message trace keeps the validation.
 */
export function importOfficeProof(repository: EngagementRepository, engagementId: string, input: ImportInput): Engagement {
  const earlier = repository.get(engagementId).officeProof.validation;
  const read = parseValidationOutput(input.text);
  // Validate-OutboundConnector (stages) and Get-OutboundConnector (connector state) are pasted apart:
  // each replaces only what it holds.
  const update: OfficeProofUpdate = {
    ...(read.stages.length > 0 || read.connectors.length > 0
      ? {
          validation: {
            fileName: input.fileName,
            stages: read.stages.length > 0 ? [...read.stages] : (earlier?.stages ?? []),
            connectors: read.connectors.length > 0 ? [...read.connectors] : (earlier?.connectors ?? []),
          },
        }
      : {}),
    ...(read.trace.length > 0 ? { trace: { fileName: input.fileName, entries: [...read.trace] } } : {}),
  };
  return repository.saveOfficeProof(engagementId, update);
}
