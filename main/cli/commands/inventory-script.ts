/**
 * `mailflow inventory-script --side exchange-online|exchange-server|postfix [--out FILE]`: the
 * read-only script that reads what already exists on one side into a JSON document, which
 * `preflight --inventory` and `scripts --inventory` then start from.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INVENTORY_SIDES, type InventorySide } from '../../core/inventory/document.js';
import { inventoryScript } from '../../core/inventory/scripts.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

const USAGE = `Usage: mailflow inventory-script --side exchange-online|exchange-server|postfix [--out FILE]

Prints a read-only script that reads what already exists on one side (connectors, accepted
domains, routing rules; the Exchange server's connectors, Edge subscriptions and certificates; or
Postfix's version and settings) and saves it as one JSON document. It changes nothing.
Import the document with: mailflow preflight --inventory FILE, mailflow scripts --inventory FILE.

Options:
  --side SIDE   exchange-online (run after Connect-ExchangeOnline), exchange-server (run in the
                Exchange Management Shell) or postfix (run on the Postfix server)
  --out FILE    write the script to FILE instead of printing it

Exit codes: 0 script printed or written, 2 bad usage.
`;

function parseOptions(args: readonly string[]): { readonly side: InventorySide; readonly out: string | null } {
  let values: { side?: string | undefined; out?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...args], options: { side: { type: 'string' }, out: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`inventory-script: ${errorMessage(error)}`);
  }
  const side = INVENTORY_SIDES.find((candidate) => candidate === values.side);
  if (side === undefined) {
    throw new UsageError(`inventory-script: --side must be one of ${INVENTORY_SIDES.join(', ')}${values.side === undefined ? '' : ` (got ${JSON.stringify(values.side)})`}`);
  }
  return { side, out: values.out ?? null };
}

async function run(args: readonly string[], io: CliIo): Promise<number> {
  const { side, out } = parseOptions(args);
  const script = inventoryScript(side);
  if (out === null) {
    io.stdout.write(script.content);
    return 0;
  }
  const path = resolve(io.cwd, out);
  try {
    // Windows PowerShell 5.1 reads a .ps1 without a byte order mark as ANSI.
    await writeFile(path, script.language === 'powershell' ? `\uFEFF${script.content}` : script.content, { encoding: 'utf8', mode: 0o755 });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (errorMessage(error));
    throw new UsageError(`inventory-script: cannot write ${out}: ${reason}`);
  }
  io.stdout.write(`${path}  ${script.title}\n`);
  return 0;
}

export const command: CliCommand = { name: 'inventory-script', usage: USAGE, run };
