import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command, createCertCommand } from '../../../../main/cli/commands/cert.js';
import { UsageError } from '../../../../main/cli/command.js';
import { runCli } from '../../../../main/cli/index.js';
import { createTestPki, pemToDer, toPkcs12 } from '../../../lab/ca.js';
import { memoryIo } from '../../../lab/cli-io.js';
import type { MemoryIo } from '../../../lab/cli-io.js';
import { asEntry } from '../../../lab/cli-entry.js';

const DAY_MS = 86_400_000;
const pki = createTestPki();
let dir = '';

/** In-memory io in the scratch folder (read when a test runs: beforeAll creates it). */
const makeIo = (env: NodeJS.ProcessEnv = {}): MemoryIo => memoryIo({ env, cwd: dir });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-cert-cli-'));
  const good = pki.issue({
    commonName: 'mail.contoso.test',
    dnsNames: ['mail.contoso.test'],
    subjectExtra: [
      { type: 'C', value: 'US' },
      { type: 'O', value: 'Contoso, Ltd' },
    ],
  });
  writeFileSync(join(dir, 'good.pem'), `${good.keyPem}${good.certPem}${good.chainPem.join('')}`);
  writeFileSync(join(dir, 'good.cer'), pemToDer(good.certPem));
  writeFileSync(join(dir, 'good.pfx'), toPkcs12(good, 'pfx-s3cret'));
  writeFileSync(join(dir, 'root.pem'), pki.rootPem);
  const expired = pki.issue({ dnsNames: ['mail.contoso.test'], notBefore: new Date(Date.now() - 90 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) });
  writeFileSync(join(dir, 'expired.pem'), expired.certPem + expired.chainPem.join(''));
  writeFileSync(join(dir, 'junk.bin'), Buffer.from([1, 2, 3, 4, 5]));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('mailflow cert: report', () => {
  it('prints the verdicts, the TlsCertificateName and the command; exits 0', async () => {
    const { io, out, err } = makeIo();
    const code = await command.run(['good.pem', '--ca-file', 'root.pem', '--host', 'mail.contoso.test', '--domain', 'contoso.test', '--server', 'EX01'], io);
    expect(code).toBe(0);
    expect(err()).toBe('');
    expect(out()).toContain('Certificate file: good.pem (PEM, with a private key (not shown))');
    expect(out()).toContain('  Subject:      CN=mail.contoso.test, O="Contoso, Ltd", C=US');
    expect(out()).toMatch(/PASS {2}trusted {3}The chain builds to the trusted root CN=Mailflow Test Root CA/);
    expect(out()).toMatch(/PASS {2}domains/);
    expect(out()).toContain('TlsCertificateName: <I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.contoso.test, O="Contoso, Ltd", C=US');
    expect(out()).toContain(
      `Set-ReceiveConnector 'EX01\\Default Frontend EX01' -TlsCertificateName '<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.contoso.test, O="Contoso, Ltd", C=US'`,
    );
    expect(out()).not.toContain('PRIVATE KEY');
  });

  it('prints one JSON document with --json', async () => {
    const { io, out } = makeIo();
    const code = await command.run(['good.cer', '--json', '--ca-file', 'root.pem', '--host', 'mail.contoso.test'], io);
    expect(code).toBe(1);
    const document = JSON.parse(out()) as { format: string; results: { id: string; status: string }[]; tlsCertificateName: string };
    expect(document.format).toBe('der');
    expect(document.results.map((r) => [r.id, r.status])).toEqual([
      ['tls.certificate.trusted', 'fail'],
      ['tls.certificate.name', 'pass'],
      ['tls.certificate.validity', 'pass'],
      ['tls.certificate.strength', 'pass'],
    ]);
    expect(document.tlsCertificateName).toContain('<S>CN=mail.contoso.test');
  });

  it('validates as of --at and prints that time', async () => {
    const { io, out } = makeIo();
    expect(await command.run(['expired.pem', '--ca-file', 'root.pem', '--at', new Date(Date.now() - 1.5 * DAY_MS).toISOString().slice(0, 19) + 'Z'], io)).toBe(0);
    expect(out()).toMatch(/Checked at: {3}\d{4}-/);
    await expect(command.run(['expired.pem', '--at', 'next tuesday'], makeIo().io)).rejects.toThrow(/--at must be a date/);
  });

  it('exits 1 on an expired certificate, judged by the injected clock', async () => {
    const { io, out } = makeIo();
    expect(await command.run(['expired.pem', '--ca-file', 'root.pem'], io)).toBe(1);
    expect(out()).toMatch(/FAIL {2}validity {2}The certificate expired on/);
    const past = createCertCommand({ clock: { now: () => Date.now() - 1.5 * DAY_MS } });
    expect(await past.run(['expired.pem', '--ca-file', 'root.pem'], makeIo().io)).toBe(0);
  });
});

describe('mailflow cert: PFX passwords', () => {
  it('reads the password from the named environment variable only', async () => {
    const { io, out } = makeIo({ CERT_PASSWORD: 'pfx-s3cret' });
    const code = await command.run(['good.pfx', '--password-env', 'CERT_PASSWORD', '--ca-file', 'root.pem'], io);
    expect(code).toBe(0);
    expect(out()).toContain('(PFX/P12, with a private key (not shown))');
    expect(out()).not.toContain('pfx-s3cret');
  });

  it('exits 2 with one line on a wrong password', async () => {
    const { io, out, err } = makeIo({ CERT_PASSWORD: 'wrong' });
    const code = await runCli(['cert', 'good.pfx', '--password-env', 'CERT_PASSWORD'], io, '0.0.0', [asEntry(command)]);
    expect(code).toBe(2);
    expect(err()).toBe('mailflow: cert: good.pfx: wrong password for this PFX/P12 file\n');
    expect(out()).toBe('');
  });

  it('says how to give a password when none was given, and when the variable is unset', async () => {
    await expect(command.run(['good.pfx'], makeIo().io)).rejects.toThrow(/--password-env/);
    await expect(command.run(['good.pfx', '--password-env', 'NOPE'], makeIo().io)).rejects.toThrow(
      'cert: environment variable NOPE (from --password-env) is not set',
    );
  });
});

describe('mailflow cert: bad input', () => {
  it.each([
    [['missing.pem'], 'cert: cannot read missing.pem: no such file'],
    [['junk.bin'], 'cert: junk.bin is not a certificate file (expected PEM, DER or PFX/P12)'],
    [[], 'cert: name the certificate file (PEM, DER or PFX/P12)'],
    [['a.pem', 'b.pem'], 'cert: one certificate file at a time (also got b.pem)'],
    [['good.pem', '--host', ''], 'cert: --host needs a value'],
    [['good.pem', '--ca-file', 'missing-root.pem'], /^cert: --ca-file: cannot read missing-root\.pem: no such file$/],
    [['good.pem', '--ca-file', 'good.cer'], 'cert: --ca-file good.cer holds no PEM certificate'],
  ])('%j is a usage error', async (args, message) => {
    const error: unknown = await command.run(args, makeIo().io).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
  });

  it('rejects an unknown option through the CLI with exit 2', async () => {
    const { io, err } = makeIo();
    expect(await runCli(['cert', 'good.pem', '--password', 'x'], io, '0.0.0', [asEntry(command)])).toBe(2);
    expect(err().split('\n')).toHaveLength(2);
    expect(err()).toContain("Unknown option '--password'");
  });
});
