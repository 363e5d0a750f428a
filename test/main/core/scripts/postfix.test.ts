import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postfixScripts } from '../../../../main/core/scripts/postfix.js';
import type { ScriptInputs } from '../../../../main/core/scripts/types.js';
import { assertScriptInputs } from '../../../../main/core/scripts/validate-inputs.js';
import { baseScriptInputs } from '../../../fixtures/scripts/base-inputs.js';

const POSTCONF = '/usr/sbin/postconf';
const hasPostfix = existsSync(POSTCONF);

const BASE: ScriptInputs = baseScriptInputs('postfix');

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-postfix-'));
  temporary.push(dir);
  return dir;
}

function scripts(input: ScriptInputs): { readonly shell: string; readonly mainCf: string } {
  const [shell, mainCf] = postfixScripts(assertScriptInputs(input));
  return { shell: shell?.content ?? '', mainCf: mainCf?.content ?? '' };
}

describe('postfixScripts', () => {
  it('relays through the tenant MX host with verified TLS 1.2+', () => {
    const { mainCf } = scripts(BASE);
    expect(mainCf).toContain('relayhost = [contoso-com.mail.protection.outlook.com]:25');
    expect(mainCf).toContain('smtp_tls_security_level = secure');
    expect(mainCf).toContain('smtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1');
    expect(mainCf).not.toContain('>=');
    expect(mainCf).toContain('smtpd_tls_security_level = may');
    expect(mainCf).toContain('smtpd_tls_received_header = yes');
  });

  it('presents a client certificate only when Office 365 identifies the server by it', () => {
    expect(scripts(BASE).mainCf).toContain('smtp_tls_cert_file = ');
    expect(scripts({ ...BASE, inboundBy: 'ip', senderIpAddresses: ['203.0.113.10'] }).mainCf).not.toContain('smtp_tls_cert_file');
  });

  it('passes a POSIX shell syntax check', () => {
    const result = spawnSync('sh', ['-n'], { input: scripts(BASE).shell, encoding: 'utf8' });
    expect(result.status).toBe(0);
  });

  it('names only parameters the installed Postfix knows', () => {
    expect(hasPostfix, `${POSTCONF} is missing: run scripts/system-deps.sh`).toBe(true);
    const dir = workDir();
    writeFileSync(join(dir, 'main.cf'), scripts(BASE).mainCf);
    writeFileSync(join(dir, 'master.cf'), '');
    const result = spawnSync(POSTCONF, ['-c', dir, '-n'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('relayhost = [contoso-com.mail.protection.outlook.com]:25');
  });

  it('applies the settings with postconf and reloads, keeping a copy of main.cf; a second run keeps the first backup', () => {
    expect(hasPostfix, `${POSTCONF} is missing: run scripts/system-deps.sh`).toBe(true);
    const dir = workDir();
    const bin = join(dir, 'bin');
    const config = join(dir, 'etc');
    for (const path of [bin, config]) spawnSync('mkdir', ['-p', path]);
    writeFileSync(join(config, 'main.cf'), 'myhostname = mail.contoso.com\n');
    writeFileSync(join(config, 'master.cf'), '');
    for (const name of ['cert.pem', 'key.pem', 'ca.pem']) writeFileSync(join(dir, name), 'test\n');
    writeFileSync(join(bin, 'postconf'), `#!/bin/sh\nexec ${POSTCONF} -c '${config}' "$@"\n`);
    writeFileSync(join(bin, 'postfix'), `#!/bin/sh\necho "postfix $*" >> '${join(dir, 'postfix.log')}'\n`);
    chmodSync(join(bin, 'postconf'), 0o755);
    chmodSync(join(bin, 'postfix'), 0o755);

    const { shell } = scripts({
      ...BASE,
      postfix: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem'), caFile: join(dir, 'ca.pem') },
    });
    const result = spawnSync('sh', ['-c', shell], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const applied = readFileSync(join(config, 'main.cf'), 'utf8');
    expect(applied).toContain('myhostname = mail.contoso.com');
    expect(applied).toContain('relayhost = [contoso-com.mail.protection.outlook.com]:25');
    expect(applied).toContain(`smtpd_tls_cert_file = ${join(dir, 'cert.pem')}`);
    const backups = () => readdirSync(config).filter((name) => name.startsWith('main.cf.before-mailflow-')).sort();
    const [first, firstSettings] = backups();
    expect(backups()).toHaveLength(2);
    expect(first).toMatch(/^main\.cf\.before-mailflow-\d{8}-\d{6}$/);
    expect(firstSettings).toBe(`${first ?? ''}.postconf-n`);
    expect(readFileSync(join(config, first ?? ''), 'utf8')).toBe('myhostname = mail.contoso.com\n');
    expect(readFileSync(join(config, firstSettings ?? ''), 'utf8')).toContain('myhostname = mail.contoso.com');
    expect(readFileSync(join(dir, 'postfix.log'), 'utf8')).toBe('postfix check\npostfix reload\n');

    const again = spawnSync('sh', ['-c', shell], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(again.status).toBe(0);
    expect(backups()).toHaveLength(4);
    expect(readFileSync(join(config, first ?? ''), 'utf8')).toBe('myhostname = mail.contoso.com\n');
  });

  it('stops before changing anything when a certificate file is missing', () => {
    const dir = workDir();
    const { shell } = scripts({ ...BASE, postfix: { certFile: join(dir, 'missing.pem') } });
    const result = spawnSync('sh', ['-c', shell], { encoding: 'utf8', env: { PATH: '/nonexistent:/usr/bin:/bin' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Cannot read ${join(dir, 'missing.pem')}`);
  });
});
