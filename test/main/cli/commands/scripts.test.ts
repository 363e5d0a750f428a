import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { command } from '../../../../main/cli/commands/scripts.js';
import { runCli } from '../../../../main/cli/index.js';
import { asEntry } from '../../../lab/cli-entry.js';
import { memoryIo } from '../../../lab/cli-io.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly cwd: string;
}

async function mailflow(...args: string[]): Promise<Run> {
  const cwd = mkdtempSync(join(tmpdir(), 'mailflow-scripts-'));
  directories.push(cwd);
  return mailflowIn(cwd, ...args);
}

async function mailflowIn(cwd: string, ...args: string[]): Promise<Run> {
  const { io, out, err } = memoryIo({ cwd });
  const code = await runCli(['scripts', ...args], io, '0.0.0-test', [asEntry(command)]);
  return { code, stdout: out(), stderr: err(), cwd };
}

const MINIMAL = ['--domain', 'contoso.com', '--smart-host', 'mail.contoso.com'];

describe('mailflow scripts', () => {
  it('generates the scripts for an internationalised (xn--) domain', async () => {
    const run = await mailflow('--domain', 'xn--bcher-kva.de', '--smart-host', 'mail.xn--bcher-kva.de');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("@('xn--bcher-de-65a.mail.protection.outlook.com')");
  });

  it('prints the Exchange Online and Exchange Server scripts by default', async () => {
    const run = await mailflow(...MINIMAL);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('==> exchange-online.ps1: Exchange Online PowerShell');
    expect(run.stdout).toContain('==> exchange-server.ps1: Exchange Management Shell');
    expect(run.stdout).toContain("SmartHosts               = @('contoso-com.mail.protection.outlook.com')");
    expect(run.stdout).toContain("TlsSenderCertificateName = 'mail.contoso.com'");
  });

  it('identifies by IP when --sender-ip is given, and writes Postfix files', async () => {
    const run = await mailflow(...MINIMAL, '--server', 'postfix', '--sender-ip', '203.0.113.10', '--out', 'out');
    expect(run.code).toBe(0);
    const dir = join(run.cwd, 'out');
    expect(run.stdout.split('\n').filter(Boolean).map((line) => line.split('  ')[0])).toEqual([
      join(dir, 'exchange-online.ps1'),
      join(dir, 'postfix.sh'),
      join(dir, 'postfix-main.cf'),
    ]);
    const ps1 = readFileSync(join(dir, 'exchange-online.ps1'), 'utf8');
    expect(ps1.startsWith('\uFEFF#Requires')).toBe(true);
    expect(ps1).toMatch(/\r\n/);
    expect(ps1).not.toMatch(/[^\r]\n/);
    expect(readFileSync(join(dir, 'postfix.sh'), 'utf8')).not.toContain('\r');
    expect(ps1).toContain("SenderIPAddresses = @('203.0.113.10')");
    expect(statSync(join(dir, 'postfix.sh')).mode & 0o111).not.toBe(0);
    expect(readFileSync(join(dir, 'postfix-main.cf'), 'utf8')).toContain('relayhost = [contoso-com.mail.protection.outlook.com]:25');
  });

  it('never writes through a symlink or into a FIFO in --out, and says so in one line', async () => {
    const first = await mailflow(...MINIMAL, '--out', 'out');
    expect(first.code).toBe(0);
    const target = join(first.cwd, 'out', 'exchange-online.ps1');
    rmSync(target);
    symlinkSync(join(first.cwd, 'stolen.ps1'), target);
    const run = await mailflowIn(first.cwd, ...MINIMAL, '--out', 'out');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`mailflow: scripts: --out: cannot write ${target}: it is a symbolic link; only a regular file or a new path is written\n`);
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(existsSync(join(first.cwd, 'stolen.ps1'))).toBe(false);
  });

  it('prints one JSON document with --json', async () => {
    const run = await mailflow(...MINIMAL, '--scope', 'transport-rule', '--mode', 'edit', '--json');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { version: number; scripts: { filename: string; content: string; parameters: unknown[] }[] };
    expect(document.version).toBe(1);
    expect(document.scripts.map((script) => script.filename)).toEqual(['exchange-online-edit.ps1', 'exchange-server-edit.ps1']);
    expect(document.scripts[0]?.content).toContain('Set-TransportRule -Identity');
    expect(document.scripts[0]?.parameters.length).toBeGreaterThan(0);
  });

  it('passes the optional names and settings through', async () => {
    const run = await mailflow(
      ...MINIMAL,
      '--tenant-mx',
      'contoso-com.e-v1.mx.microsoft',
      '--tls-settings',
      'DomainValidation',
      '--tls-domain',
      '*.contoso.com',
      '--outbound-name',
      "Contoso's server",
      '--tls-certificate-name',
      '<I>CN=Test CA<S>CN=mail.contoso.com',
      '--receive-connector',
      'EX01\\Default Frontend EX01',
      '--test-address',
      'alex@contoso.com',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("TlsDomain             = '*.contoso.com'");
    expect(run.stdout).toContain("New-OutboundConnector -Name 'Contoso''s server' @outboundConnector");
    expect(run.stdout).toContain("-TlsCertificateName '<I>CN=Test CA<S>CN=mail.contoso.com'");
    expect(run.stdout).toContain("Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01'");
    expect(run.stdout).toContain("-Recipients @('alex@contoso.com')");
    expect(run.stdout).toContain("@('contoso-com.e-v1.mx.microsoft')");
  });

  it('exits 2 with one line naming every bad option', async () => {
    const run = await mailflow(
      '--domain',
      'contoso',
      '--smart-host',
      'mail.contoso.com',
      '--sender-ip',
      '2001:db8::1',
      '--sender-ip',
      '198.51.100.0/23',
      '--test-address',
      'x@fabrikam.com',
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toMatch(/^mailflow: scripts: --domain #1: .*--sender-ip #1: .*IPv4.*--sender-ip #2: .*\/24 to \/32.*--test-address #1: /);
    expect(run.stderr).not.toContain('--tenant-mx');
  });

  it.each([
    [[], '--domain'],
    [['--domain', 'contoso.com'], '--smart-host'],
    [[...MINIMAL, '--bogus'], "Unknown option '--bogus'"],
    [[...MINIMAL, 'extra'], 'positional'],
    [[...MINIMAL, '--server', 'sendmail'], '--server must be one of exchange, postfix'],
    [[...MINIMAL, '--inbound-by', 'certificate', '--sender-ip', '203.0.113.1'], '--sender-ip is only used with --inbound-by ip'],
    [[...MINIMAL, '--inbound-by', 'ip', '--certificate-name', 'contoso.com'], '--certificate-name is only used'],
    [[...MINIMAL, '--outbound-name', "x'\n; Remove-Item C:\\"], '--outbound-name'],
    [[...MINIMAL, '--server', 'postfix', '--postfix-cert-file', '/etc/$(reboot).pem'], '--postfix-cert-file'],
  ])('rejects %j', async (args, reason) => {
    const run = await mailflow(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(reason);
    expect(run.stderr.trimEnd()).not.toContain('\n');
  });

  it('shows its usage with --help', async () => {
    const run = await mailflow('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: mailflow scripts --domain D/);
  });
});
