/**
 * The relay test's certificate, chosen in the app: through the contract's dispatcher, kept in the
 * keychain (never in the settings file), and presented by eop.relay to a loopback Office 365 MX
 * stand-in that attributes the connection by the certificate's name, as Exchange Online does.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { secretAccount } from '../../../main/core/secrets/accounts.js';
import { defaultCheckSettings, type Engagement, type FileContent, type Envelope } from '../../../preload/contract.js';
import { createTestApp, memorySecretStore } from '../../lab/app-handlers.js';
import { startAttributingMx, type AttributingMx } from '../../lab/attributing-mx.js';
import { createTestPki, toPkcs12, type IssuedCert, type TestPki } from '../../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../../lab/dns-server.js';

/** This suite's loopback addresses: the MX stand-in on 127.0.4.40:25, the lab DNS on 127.0.4.41. */
const MX_HOST = '127.0.4.40';
const DNS_HOST = '127.0.4.41';
const TENANT_MX = 'contoso-test.mail.protection.outlook.com';
const SERVER = 'mail.contoso.test';
const PASSWORD = 'relay pfx password';

const keychain = memorySecretStore();
const app = createTestApp({ secrets: keychain, network: () => ({ online: true, detail: 'Connected through eth0.' }) });
let pki: TestPki;
let serverCert: IssuedCert;
let stand: AttributingMx;
let dns: LabDnsServer;

const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
  const envelope = (await dispatch(app.handlers, method, args, () => undefined)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
};

const file = (name: string, content: Buffer | string): FileContent => ({ name, contentBase64: Buffer.from(content).toString('base64') });
const pfx = (): FileContent => file('server.pfx', toPkcs12(serverCert, PASSWORD));
const relayResult = (engagement: Engagement) => engagement.checkResults.find((result) => result.id === 'eop.relay');

let engagement: Engagement;

beforeAll(async () => {
  pki = createTestPki();
  serverCert = pki.issue({ commonName: SERVER, dnsNames: [SERVER] });
  stand = await startAttributingMx({
    host: MX_HOST,
    port: 25,
    cert: pki.issue({ dnsNames: [TENANT_MX] }),
    clientCaPem: pki.rootPem,
    acceptedDomains: ['contoso.test'],
    connectors: { certificateNames: [SERVER] },
  });
  dns = await startDnsServer({ address: DNS_HOST, zone: { [TENANT_MX]: [{ type: 'A', value: MX_HOST }] } });
  const created = await call<Engagement>('createEngagement', {
    name: 'Contoso',
    domains: ['contoso.test'],
    smartHosts: [SERVER],
    serverKind: 'postfix',
    testAddresses: ['it@contoso.test'],
    notes: '',
  });
  engagement = await call<Engagement>('updateCheckSettings', created.id, {
    ...defaultCheckSettings,
    dnsServer: `${DNS_HOST}:${String(dns.port)}`,
    tenantMx: TENANT_MX,
    relayTo: 'someone@fabrikam.example',
    extraCaPem: pki.rootPem,
    timeoutMs: 5000,
  });
});

afterAll(async () => {
  await stand.close();
  await dns.close();
  app.cleanup();
});

describe('the relay test’s certificate, chosen in the app', () => {
  it('without a certificate, the relay test is refused as TenantAttribution by a connector that expects one', async () => {
    const ran = await call<Engagement>('runChecks', engagement.id, 'part2', 'relay-1');
    expect(relayResult(ran)).toMatchObject({ status: 'fail', summary: expect.stringContaining('TenantAttribution') as unknown });
    expect(stand.sessions.at(-1)?.clientCertificateNames).toEqual([]);
  });

  it('asks for the PFX password, refuses a wrong one, and changes nothing until the file opens', async () => {
    await expect(call('setRelayCertificate', engagement.id, pfx(), null, null)).rejects.toThrow(/^password-required: /);
    await expect(call('setRelayCertificate', engagement.id, pfx(), null, 'not it')).rejects.toThrow(/^bad-input: .*wrong password/);
    expect((await call<Engagement[]>('listEngagements')).find((e) => e.id === engagement.id)?.relayCertificate).toBeNull();
    expect(keychain.values.has(secretAccount(engagement.id, 'relay-certificate'))).toBe(false);
  });

  it('keeps the certificate and key in the keychain, notes only what it is, and presents it: Office 365 accepts the relay', async () => {
    const chosen = await call<Engagement>('setRelayCertificate', engagement.id, pfx(), null, PASSWORD);
    expect(chosen.relayCertificate).toMatchObject({ fileName: 'server.pfx', names: [SERVER], sha256: expect.stringMatching(/^[0-9A-F:]{95}$/) as unknown });
    expect(chosen.relayCertificate?.subject).toContain(`CN=${SERVER}`);
    const kept = keychain.values.get(secretAccount(engagement.id, 'relay-certificate')) ?? '';
    expect(kept).toContain('PRIVATE KEY');
    const settingsFile = readFileSync(join(app.dataDir, 'settings.json'), 'utf8');
    expect(settingsFile).not.toContain('PRIVATE KEY');
    expect(settingsFile).not.toContain(PASSWORD);

    const ran = await call<Engagement>('runChecks', engagement.id, 'part2', 'relay-2');
    expect(relayResult(ran)).toMatchObject({ status: 'pass', evidence: { certificatePresented: { names: [SERVER] } } });
    expect(stand.sessions.at(-1)?.clientCertificateNames).toContain(SERVER);
    expect(stand.dataSeen()).toBe(false);
  });

  it('a key that does not belong to the certificate is refused and the earlier choice stays', async () => {
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    await expect(call('setRelayCertificate', engagement.id, file('server.pem', serverCert.certPem), file('other.key', otherKey), null)).rejects.toThrow(/does not belong to the certificate/);
    expect((await call<Engagement[]>('listEngagements')).find((e) => e.id === engagement.id)?.relayCertificate?.fileName).toBe('server.pfx');
  });

  it('takes a PEM certificate with its key in another file', async () => {
    const chosen = await call<Engagement>('setRelayCertificate', engagement.id, file('server.pem', serverCert.certPem), file('server.key', serverCert.keyPem), null);
    expect(chosen.relayCertificate?.fileName).toBe('server.pem');
  });

  it('says what to do when the keychain no longer holds the certificate, and forgets it when removed', async () => {
    await app.secrets.delete(secretAccount(engagement.id, 'relay-certificate'));
    await expect(call('runChecks', engagement.id, 'part2', 'relay-3')).rejects.toThrow(/^missing-answers: The certificate for the relay test \(server\.pem\) is no longer in this computer's keychain: choose it again/);
    const cleared = await call<Engagement>('clearRelayCertificate', engagement.id);
    expect(cleared.relayCertificate).toBeNull();
    expect(relayResult(await call<Engagement>('runChecks', engagement.id, 'part2', 'relay-4'))?.status).toBe('fail');
  });

  it('the keychain panel cannot write the certificate entry as if it were a typed password', async () => {
    await expect(call('saveSecret', engagement.id, 'relay-certificate', 'text')).rejects.toThrow(/^invalid-request: /);
  });
});
