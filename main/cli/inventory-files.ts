/**
 * `--inventory FILE` (repeatable, one per side) for preflight and scripts: each file is read and
 * parsed whole; a wrong or damaged file stops the command with the reason, naming the file.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EMPTY_INVENTORY, InventoryImportError, parseInventoryDocument, withDocuments, type Inventory, type InventoryDocument } from '../core/inventory/document.js';
import { UsageError } from './command.js';

export async function readInventoryFiles(commandName: string, files: readonly string[], cwd: string): Promise<Inventory | null> {
  if (files.length === 0) return null;
  const documents: InventoryDocument[] = [];
  const sides = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(resolve(cwd, file), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(`${commandName}: --inventory ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : 'cannot be read'}`);
    }
    let document: InventoryDocument;
    try {
      document = parseInventoryDocument(text);
    } catch (error) {
      if (error instanceof InventoryImportError) throw new UsageError(`${commandName}: --inventory ${file}: ${error.message}`);
      throw error;
    }
    const earlier = sides.get(document.side);
    if (earlier !== undefined) throw new UsageError(`${commandName}: --inventory ${file} and ${earlier} are both ${document.side} inventories; give one per side`);
    sides.set(document.side, file);
    documents.push(document);
  }
  return withDocuments(EMPTY_INVENTORY, documents);
}
