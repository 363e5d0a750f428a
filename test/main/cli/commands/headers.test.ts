import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it, expect } from 'vitest';
import { command } from '../../../../main/cli/commands/headers.js';
import { UsageError } from '../../../../main/cli/command.js';
import type { HeaderAnalysis } from '../../../../main/core/headers/analyse.js';
import { runCli } from '../../../../main/cli/index.js';
import { asEntry } from '../../../lab/cli-entry.js';
import { memoryIo } from '../../../lab/cli-io.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/headers/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'mailflow-headers-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('mailflow headers', () => {
  it('prints a readable report of a file relative to the working directory', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['gmail-direct.eml'], io)).toBe(0);
    const report = out();
    expect(report).toContain('Message: Invoice 2023-118');
    expect(report).toContain('Path (3 hops, oldest first, total 3 s):');
    expect(report).toContain('mail.example.test [203.0.113.45] → mx.google.com');
    expect(report).toContain('TLS 1.3 TLS_AES_256_GCM_SHA384');
    expect(report).toContain('NO TLS');
    expect(report).toContain('Exchange Online Protection: not passed through');
    expect(report).toContain('SPF: softfail (example.test)');
    expect(report.indexOf('[problem]')).toBeLessThan(report.indexOf('[warn]'));
  });

  it('reads stdin with "-" and prints the typed analysis with --json', async () => {
    const { io, out } = memoryIo({ cwd: fixtures, stdin: readFileSync(join(fixtures, 'exchange-online-inbound.eml'), 'utf8') });
    expect(await command.run(['-', '--json'], io)).toBe(0);
    const analysis = JSON.parse(out()) as HeaderAnalysis;
    expect(analysis.eop.passed).toBe(true);
    expect(analysis.hops).toHaveLength(5);
    expect(analysis.auth.compauth?.result).toBe('pass');
  });

  it('reports a message that bypassed EOP as a problem with --mx-office365', async () => {
    const { io, out } = memoryIo({ cwd: fixtures });
    expect(await command.run(['--mx-office365', 'gmail-direct.eml'], io)).toBe(0);
    expect(out()).toContain('[problem] The message did not pass through Exchange Online Protection although the MX points to Office 365');
  });

  it('fails with a one-line usage error for a missing file, no headers, or bad options', async () => {
    const empty = join(scratch, 'note.txt');
    writeFileSync(empty, 'just a note, no headers here\n');
    await expect(command.run(['missing.eml'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(new UsageError('headers: cannot read missing.eml: no such file'));
    await expect(command.run([empty], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(/^headers: No message headers found/);
    await expect(command.run([scratch], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(/is a directory/);
    await expect(command.run([], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(UsageError);
    await expect(command.run(['a.eml', 'b.eml'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(/one input only/);
    await expect(command.run(['--nope', 'a.eml'], memoryIo({ cwd: fixtures }).io)).rejects.toThrow(UsageError);
  });

  it('answers random bytes with "no headers found": exit 2 and one line on stderr, no stack trace', async () => {
    const bytes = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 2654435761) % 251));
    const { io, out, err } = memoryIo({ stdin: bytes });
    expect(await runCli(['headers', '-'], io, '0.0.0', [asEntry(command)])).toBe(2);
    expect(out()).toBe('');
    expect(err()).toMatch(/^mailflow: headers: No message headers found: [^\n]*\n$/);
  });
});
