import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INVENTORY_SIDES, parseInventoryDocument } from '../../../../main/core/inventory/document.js';
import { inventoryScript } from '../../../../main/core/inventory/scripts.js';

const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Verbs that change something; a read-only script never names one. */
const CHANGING = /\b(?:New|Set|Remove|Enable|Disable|Add|Clear|Update|Install|Import|Start|Stop|Restart)-[A-Za-z]/;

describe('inventoryScript', () => {
  it.each(INVENTORY_SIDES)('is read-only for %s', (side) => {
    const { content } = inventoryScript(side);
    expect(content).not.toMatch(CHANGING);
    expect(content).not.toMatch(/postconf\s+-e/);
    expect(content).not.toMatch(/postfix\s+(?:reload|start|stop)/);
  });

  it('reads every property the checks need, as text', () => {
    const online = inventoryScript('exchange-online').content;
    for (const property of ['ConnectorSource', 'SmartHosts', 'TlsSettings', 'IsTransportRuleScoped', 'IsValidated', 'LastValidationTimestamp', 'TlsSenderCertificateName', 'DomainType', 'RouteMessageOutboundConnector']) {
      expect(online).toContain(property);
    }
    expect(online).toContain('ConvertTo-MailflowText $_.TlsSettings');
    const server = inventoryScript('exchange-server').content;
    for (const property of ['AdminDisplayVersion', 'Get-EdgeSubscription', 'AddressSpaces', 'SourceTransportServers', 'TlsAuthLevel', 'Bindings', 'AuthMechanism', 'IsSelfSigned', 'CertificateDomains']) {
      expect(server).toContain(property);
    }
  });

  it('the Postfix script prints a document the importer reads, from a real postconf', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailflow-inventory-'));
    temporary.push(dir);
    const config = join(dir, 'etc');
    const bin = join(dir, 'bin');
    mkdirSync(config);
    mkdirSync(bin);
    writeFileSync(join(config, 'main.cf'), 'myhostname = mx.contoso.com\nsmtpd_banner = $myhostname "ESMTP" \\ test\nrelayhost = [contoso-com.mail.protection.outlook.com]:25\n');
    writeFileSync(join(config, 'master.cf'), '');
    writeFileSync(join(bin, 'postconf'), `#!/bin/sh\nexec /usr/sbin/postconf -c '${config}' "$@"\n`);
    chmodSync(join(bin, 'postconf'), 0o755);
    const script = join(dir, 'inventory.sh');
    writeFileSync(script, inventoryScript('postfix').content);
    const result = spawnSync('sh', [script], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env['PATH'] ?? ''}` } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const document = parseInventoryDocument(result.stdout);
    if (document.side !== 'postfix') throw new Error('wrong side');
    expect(document.data.version.major).toBeGreaterThanOrEqual(3);
    expect(document.data.settings['relayhost']).toBe('[contoso-com.mail.protection.outlook.com]:25');
    expect(document.data.settings['smtpd_banner']).toBe('$myhostname "ESMTP" \\ test');
  });

  it('the Postfix script stops with an error when postconf fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mailflow-inventory-'));
    temporary.push(dir);
    writeFileSync(join(dir, 'postconf'), '#!/bin/sh\necho "postconf: fatal: open /etc/postfix/main.cf: No such file or directory" >&2\nexit 1\n');
    chmodSync(join(dir, 'postconf'), 0o755);
    const script = join(dir, 'inventory.sh');
    writeFileSync(script, inventoryScript('postfix').content);
    const result = spawnSync('sh', [script], { encoding: 'utf8', env: { ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}` } });
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
  });
});
