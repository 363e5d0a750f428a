/**
 * `mailflow preflight` with two smart hosts and the relay test, against a loopback lab of its own
 * (this suite's range is 127.0.4.20–59): the lab DNS, a good SMTP server for each smart host, and
 * on port 25 a stand-in for the tenant's Office 365 MX host that attributes connections as
 * Exchange Online does (by the client certificate's name, within the accepted domains).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAttributingMx, type AttributingMx } from '../lab/attributing-mx.js';
import { createTestPki, toPkcs12 } from '../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../lab/smtp-scenarios.js';
import { parseReport, resultOf, runCliInProcess } from './preflight-lab.js';

const DNS_ADDRESS = '127.0.4.20';
const MX_ADDRESS = '127.0.4.25';
const HOSTS = { 'mx1.contoso.test': '127.0.4.31', 'mx2.contoso.test': '127.0.4.32' } as const;
const TENANT_MX = 'relay-test.mail.protection.outlook.com';
const PFX_PASSWORD = 'lab pfx password';

const pki = createTestPki();
const serverCert = pki.issue({ commonName: 'mx1.contoso.test', dnsNames: Object.keys(HOSTS) });
let dns: LabDnsServer;
let mx: AttributingMx;
const smtp: LabSmtpServer[] = [];
let dir: string;
let port = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mailflow-relay-'));
  writeFileSync(join(dir, 'root.pem'), pki.rootPem);
  writeFileSync(join(dir, 'server.pfx'), toPkcs12(serverCert, PFX_PASSWORD));
  const one = await startGoodSmtpServer({ host: HOSTS['mx1.contoso.test'], cert: serverCert });
  smtp.push(one, await startGoodSmtpServer({ host: HOSTS['mx2.contoso.test'], port: one.port, cert: serverCert }));
  port = one.port;
  dns = await startDnsServer({
    address: DNS_ADDRESS,
    zone: { [TENANT_MX]: [{ type: 'A', value: MX_ADDRESS }], ...Object.fromEntries(Object.entries(HOSTS).map(([name, address]) => [name, [{ type: 'A' as const, value: address }]])) },
  });
  mx = await startAttributingMx({
    host: MX_ADDRESS,
    port: 25,
    cert: pki.issue({ dnsNames: [TENANT_MX] }),
    clientCaPem: pki.rootPem,
    acceptedDomains: ['contoso.test'],
    connectors: { certificateNames: ['mx1.contoso.test'] },
  });
});
afterAll(async () => {
  await Promise.all([...smtp.map((server) => server.close()), dns.close(), mx.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function preflight(extra: readonly string[], env: Readonly<Record<string, string>> = {}) {
  const args = ['preflight', '--domain', 'contoso.test', ...Object.keys(HOSTS).flatMap((host) => ['--smart-host', host]), '--smtp-port', String(port), '--dns', `${DNS_ADDRESS}:${String(dns.port)}`];
  return runCliInProcess([...args, '--ca-file', join(dir, 'root.pem'), '--tenant-mx', TENANT_MX, '--timeout-ms', '3000', '--json', ...extra], dir, env);
}

describe('preflight of two smart hosts with the relay test', () => {
  it('relay accepted: the server’s certificate (a PFX, password from the environment) is presented, both hosts pass, nothing is sent', async () => {
    const run = await preflight(['--relay-to', 'someone@fabrikam.example', '--client-cert', 'server.pfx', '--password-env', 'LAB_PFX'], { LAB_PFX: PFX_PASSWORD });
    const report = parseReport(run.stdout);
    const relay = resultOf(report, 'eop.relay');
    expect(relay.status).toBe('pass');
    expect(relay.summary).toContain('Office 365 accepts relay to the Internet from this network');
    expect(relay.evidence).toMatchObject({ relayFrom: 'postmaster@contoso.test', relayTo: 'someone@fabrikam.example', certificatePresented: { names: Object.keys(HOSTS) } });
    // Connected from this computer to loopback addresses: a warning, as a LAN address would be.
    for (const host of Object.keys(HOSTS)) expect(resultOf(report, 'smtp.connect', host).status).toBe('warn');
    expect(report.inputs).toMatchObject({ smartHosts: Object.keys(HOSTS), relayTo: 'someone@fabrikam.example', clientCert: 'server.pfx' });
    expect(JSON.stringify(report)).not.toContain(PFX_PASSWORD);
    expect(mx.dataSeen()).toBe(false);
  });

  it('relay refused: without the certificate Office 365 cannot attribute the connection (5.7.64), with the Set-InboundConnector fix; exit 1', async () => {
    const run = await preflight(['--relay-to', 'someone@fabrikam.example']);
    const relay = resultOf(parseReport(run.stdout), 'eop.relay');
    expect(relay.status).toBe('fail');
    expect(relay.summary).toContain('550 5.7.64 TenantAttribution');
    expect(relay.advice).toContain('Set-InboundConnector "On-premises mail server to Office 365" -SenderIPAddresses');
    expect(run.code).toBe(1);
  });

  it('is skipped without --relay-to, and a wrong or missing PFX password is bad input (exit 2) naming the option', async () => {
    expect(resultOf(parseReport((await preflight([])).stdout), 'eop.relay').status).toBe('skip');
    const wrong = await preflight(['--relay-to', 'someone@fabrikam.example', '--client-cert', 'server.pfx', '--password-env', 'LAB_PFX'], { LAB_PFX: 'not it' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('--client-cert: server.pfx: wrong password for this PFX/P12 file');
    const missing = await preflight(['--relay-to', 'someone@fabrikam.example', '--client-cert', 'server.pfx']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--password-env');
    const badAddress = await preflight(['--relay-to', 'not an address']);
    expect(badAddress.code).toBe(2);
    expect(badAddress.stderr).toContain('--relay-to');
  });
});
