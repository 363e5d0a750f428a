/**
 * An engagement's imported inventory documents as the checks and the scripts read them: each one
 * parsed again with the inventory schema, so what they see is exactly what an import accepts.
 */
import { EMPTY_INVENTORY, InventoryImportError, readInventoryDocument, withDocuments, type Inventory } from '../inventory/document.js';
import { INVENTORY_SIDE_LABELS, inventorySidesFor } from '../../../preload/vocabulary/imports.js';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';

/**
 * null when nothing was imported (the inventory checks then say how to import). A side that no
 * longer applies (the server kind changed since) is left out: it describes another server.
 */
export function inventoryOfEngagement(engagement: Engagement): Inventory | null {
  const sides = inventorySidesFor(engagement.serverKind);
  const applicable = engagement.inventory.filter((imported) => sides.includes(imported.side));
  if (applicable.length === 0) return null;
  const documents = applicable.map((imported) => {
    try {
      return readInventoryDocument(imported.document);
    } catch (error) {
      if (!(error instanceof InventoryImportError)) throw error;
      throw new InventoryImportError(`The ${INVENTORY_SIDE_LABELS[imported.side]} inventory saved with this engagement can no longer be read (${error.message}); import it again`);
    }
  });
  return withDocuments(EMPTY_INVENTORY, documents);
}
