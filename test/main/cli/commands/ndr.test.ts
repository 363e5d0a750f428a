import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { command } from '../../../../main/cli/commands/ndr.js';
import { UsageError } from '../../../../main/cli/command.js';
import type { BounceAnalysis } from '../../../../main/core/ndr/decode.js';
import { memoryIo } from '../../../lab/cli-io.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/ndr/', import.meta.url));

describe('mailflow ndr', () => {
  it('prints meaning, cause, fix, side and commands, the code to act on first', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['5.7.64-tenant-attribution.eml'], io)).toBe(0);
    const report = out();
    expect(report).toContain('Bounce (delivery status notification): Undelivered Mail Returned to Sender');
    expect(report).toContain('Reported by: mail.contoso.test');
    expect(report).toContain('Recipient: judy@example.test: failed, status 5.7.64 at contoso-test.mail.protection.outlook.com');
    expect(report).toContain('>> 550 5.7.64: Office 365 no longer recognises your server (TenantAttribution)');
    expect(report).toContain('side:    your server → Office 365');
    expect(report).toContain('Set-InboundConnector "<inbound connector>" -SenderIPAddresses <your public IP>');
  });

  it('reads stdin with "-" and prints JSON with --json', async () => {
    const { io, out } = memoryIo({ cwd: fixtures, stdin: readFileSync(`${fixtures}4.4.317-cannot-connect.txt`, 'utf8') });
    expect(await command.run(['--json', '-'], io)).toBe(0);
    const analysis = JSON.parse(out()) as BounceAnalysis;
    expect(analysis.primary.code).toBe('4.4.317');
    expect(analysis.diagnoses).toHaveLength(3);
  });

  it('shows the RFC 3463 class for an unknown code', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['5.3.4-unknown-code.txt'], io)).toBe(0);
    expect(out()).toContain('>> 552 5.3.4\n');
    expect(out()).toContain('class:   permanent failure');
  });

  it('fails with a one-line usage error for a missing file or text without a bounce', async () => {
    await expect(command.run(['missing.txt'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(new UsageError('ndr: cannot read missing.txt: no such file'));
    await expect(command.run(['not-a-bounce.txt'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(/^ndr: No bounce found/);
    await expect(command.run(['-'], memoryIo({ cwd: fixtures, stdin: 'hello' }).io)).rejects.toThrow(/^ndr: No bounce found/);
    await expect(command.run([], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(UsageError);
    await expect(command.run(['--format', 'x'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(UsageError);
  });
});
