import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cli/command.js';
import { preflightInputs } from '../../../main/cli/commands/preflight.js';
import { readInventoryFiles } from '../../../main/cli/inventory-files.js';
import { memoryIo } from '../../lab/cli-io.js';

const fixtures = fileURLToPath(new URL('../../fixtures/inventory/', import.meta.url));

describe('--inventory FILE', () => {
  it('reads one document per side into the preflight inputs', async () => {
    const { inputs, described } = await preflightInputs(
      ['--domain', 'contoso.com', '--smart-host', 'mail.contoso.com', '--inventory', 'exchange-online-wizard.json', '--inventory', 'exchange-server.json'],
      memoryIo({ cwd: fixtures }).io,
    );
    expect(inputs.inventory?.exchangeOnline?.source).toBe('contoso.com');
    expect(inputs.inventory?.exchangeServer?.source).toBe('EX01');
    expect(inputs.inventory?.postfix).toBeNull();
    expect(described['inventory']).toEqual(['exchange-online-wizard.json', 'exchange-server.json']);
  });

  it('refuses two documents for the same side', async () => {
    await expect(readInventoryFiles('scripts', ['exchange-online-wizard.json', 'exchange-online-raw.json'], fixtures)).rejects.toThrow(
      new UsageError('scripts: --inventory exchange-online-raw.json and exchange-online-wizard.json are both exchange-online inventories; give one per side'),
    );
  });

  it('names the file and what is wrong with it', async () => {
    await expect(readInventoryFiles('preflight', ['missing.json'], fixtures)).rejects.toThrow('preflight: --inventory missing.json: no such file');
    await expect(readInventoryFiles('preflight', ['load.ts'], fixtures)).rejects.toThrow('preflight: --inventory load.ts: The file is not JSON');
  });

  it('gives no inventory when no file is named', async () => {
    expect(await readInventoryFiles('preflight', [], fixtures)).toBeNull();
  });
});
