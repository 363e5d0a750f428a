import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../main/cli/command.js';
import { command } from '../../../../main/cli/commands/validation.js';
import { memoryIo } from '../../../lab/cli-io.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/validation/', import.meta.url));

describe('mailflow validation', () => {
  it('prints each smart host and stage with the fix, and exits 1 on a failure', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['validate-failed-connection.json'], io)).toBe(1);
    expect(out()).toContain('  FAIL mail.contoso.com  Connection: 450 4.4.316 Connection refused');
    expect(out()).toContain('→ Office 365 cannot reach TCP port 25');
    expect(out()).toContain('No proof from Office 365 yet');
  });

  it('reads a passing validation from stdin and exits 0', async () => {
    const { io, out } = memoryIo({ cwd: fixtures, stdin: readFileSync(`${fixtures}validate-passed.json`, 'utf8') });
    expect(await command.run(['-'], io)).toBe(0);
    expect(out()).toContain('  PASS mail.contoso.com  TLS/EHLO: TLS 1.2 negotiated');
    expect(out()).toContain('Office 365 proved that it reaches your server on port 25 and delivers to it.');
  });

  it('prints the message trace and JSON with --json', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['--json', 'message-trace.json'], io)).toBe(1);
    const parsed = JSON.parse(out()) as { version: number; trace: { status: string }[] };
    expect(parsed.version).toBe(1);
    expect(parsed.trace.map((entry) => entry.status)).toEqual(['Delivered', 'Failed']);
  });

  it('refuses unreadable input in one line', async () => {
    await expect(command.run([], memoryIo().io)).rejects.toThrow(new UsageError('validation: give a file with the cmdlet output, or - to read it from stdin'));
    await expect(command.run(['-'], memoryIo({ stdin: 'not json' }).io)).rejects.toThrow('validation: This is not JSON');
  });
});
