/**
 * Property-based test of the command line (outside input: whatever a person or a script types):
 * random argv through the real commands gives exit 0, 1 or 2, exit 2 with exactly one line on
 * stderr, and never a stack trace or an unexpected error.
 *
 * Network safety: `preflight` (which would resolve and connect to whatever host it is given) only
 * gets argv that also hold an option it does not know, so it stops in its parser; `--refresh` (the
 * Microsoft web service) is never generated; random words have no path separators, so a file a
 * command reads or writes stays inside the case's own temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/index.js';
import { memoryIo } from '../../lab/cli-io.js';
import { CASE_TIME_BOUND_MS, fuzzParameters, hasStackTrace } from '../../lab/fuzz.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-cli-fuzz-'));
  writeFileSync(join(dir, 'headers.txt'), 'Received: from a.test by b.test; Tue, 1 Dec 2026 10:00:00 +0000\nSubject: hi\n\nbody\n');
  writeFileSync(join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const COMMANDS = ['cert', 'scripts', 'ranges', 'headers', 'ndr', 'help', 'nope', ''] as const;
const OPTIONS = [
  '--json', '--help', '-h', '--version', '-v', '--', '-', '-x', '--format', '--password-env', '--host', '--domain', '--ca-file', '--server',
  '--smart-host', '--inbound-by', '--scope', '--sender-ip', '--certificate-name', '--test-address', '--tenant-mx', '--tls-settings',
  '--tls-domain', '--mode', '--out', '--on-prem-fqdn', '--tls-certificate-name', '--receive-connector', '--mx-office365', '--report',
  '--dns', '--smtp-port', '--firewall-allow', '--timeout-ms',
];
const VALUES = ['headers.txt', 'cert.pem', 'missing.txt', 'contoso.test', 'mail.contoso.test', '203.0.113.7', 'exchange', 'postfix', 'cidr', 'nftables', 'json', 'PASS', '0', '-1', '99999999999', ''];

/** A random word without path separators (see the note above). */
const word = fc.string({ maxLength: 24 }).map((text) => text.replace(/[/\\]/g, '_'));
const token = fc.oneof(fc.constantFrom(...OPTIONS), fc.constantFrom(...VALUES), word, fc.tuple(fc.constantFrom(...OPTIONS), word).map(([option, value]) => `${option}=${value}`));

const argv = fc.oneof(
  fc.tuple(fc.constantFrom(...COMMANDS), fc.array(token, { maxLength: 8 })).map(([command, rest]) => [command, ...rest]),
  fc.tuple(fc.array(token, { maxLength: 6 }), fc.nat(6)).map(([rest, at]) => ['preflight', ...rest.slice(0, at), '--not-an-option', ...rest.slice(at)]),
  fc.array(token, { maxLength: 6 }),
);

describe('command line (fuzz)', () => {
  it('answers any argv with exit 0, 1 or 2, one line on stderr for 2, and no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const { io, out, err } = memoryIo({ cwd: dir, env: { MAILFLOW_DATA_DIR: join(dir, 'data'), PASS: 'secret' } });
        const started = performance.now();
        const code = await runCli(args, io, '0.0.0-fuzz');
        expect(performance.now() - started).toBeLessThan(CASE_TIME_BOUND_MS);
        expect([0, 1, 2]).toContain(code);
        expect(hasStackTrace(out())).toBe(false);
        expect(hasStackTrace(err())).toBe(false);
        // Only a bare `mailflow` exits 2 with the usage on stdout instead of one line on stderr.
        if (code === 2 && args.length > 0) expect(err()).toMatch(/^mailflow: [^\n]*\n$/);
        const asksHelp = args.some((arg) => arg === '--help' || arg === '-h');
        if (args[0] === 'preflight' && !asksHelp) expect(code).toBe(2);
      }),
      fuzzParameters(400),
    );
  }, 120_000);
});
