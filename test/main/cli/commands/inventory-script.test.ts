import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/cli/command.js';
import { command } from '../../../../main/cli/commands/inventory-script.js';
import { memoryIo } from '../../../lab/cli-io.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('mailflow inventory-script', () => {
  it('prints the read-only script for a side', async () => {
    const { io, out } = memoryIo();
    expect(await command.run(['--side', 'exchange-online'], io)).toBe(0);
    expect(out()).toContain('Get-OutboundConnector');
    expect(out()).toContain("format  = 'mailflow-inventory'");
  });

  it('writes it to --out, PowerShell with a byte order mark', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailflow-cli-'));
    temporary.push(dir);
    const { io, out } = memoryIo({ cwd: dir });
    expect(await command.run(['--side', 'exchange-server', '--out', 'read.ps1'], io)).toBe(0);
    expect(out()).toContain(join(dir, 'read.ps1'));
    expect(readFileSync(join(dir, 'read.ps1'), 'utf8').startsWith('\uFEFF# Mailflow Assistant: read-only inventory')).toBe(true);
  });

  it('refuses a missing or unknown side in one line', async () => {
    await expect(command.run([], memoryIo().io)).rejects.toThrow(new UsageError('inventory-script: --side must be one of exchange-online, exchange-server, postfix'));
    await expect(command.run(['--side', 'sendmail'], memoryIo().io)).rejects.toThrow('(got "sendmail")');
  });
});
