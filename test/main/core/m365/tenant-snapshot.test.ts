import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import type { M365Auth } from '../../../../main/core/m365/auth.js';
import { createHttpsTransport } from '../../../../main/core/m365/http.js';
import type { HttpTransport } from '../../../../main/core/m365/http.js';
import { readTenant, tenantSnapshotSchema } from '../../../../main/core/m365/tenant-snapshot.js';
import type { SecretStore } from '../../../../main/core/ports/secret-store.js';
import { SAMPLE_TENANT, graphError, startM365Peer } from '../../../lab/m365-peer.js';
import type { M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';
const NOW = Date.parse('2026-11-27T09:30:00Z');

function memoryStore(): SecretStore {
  const entries = new Map<string, string>();
  return {
    get: (account) => Promise.resolve(entries.get(account) ?? null),
    set: (account, secret) => {
      entries.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(entries.delete(account)),
  };
}

let peer: M365Peer;
let auth: M365Auth;
let transport: HttpTransport;
let downUrl = '';
const slept: number[] = [];
const sleep = (ms: number): Promise<void> => {
  slept.push(ms);
  return Promise.resolve();
};

beforeAll(async () => {
  peer = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.164', ...SAMPLE_TENANT });
  transport = createHttpsTransport({ extraCaPem: [peer.rootPem], timeoutMs: 5000 });
  auth = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: memoryStore(), transport });
  await auth.signInWithDeviceCode(() => undefined);
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.165', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
  downUrl = `https://127.0.0.165:${String(port)}`;
});

afterAll(async () => {
  await auth.signOut();
  await peer.close();
});

const read = (overrides: { auth?: M365Auth; maxRetries?: number } = {}) => {
  slept.length = 0;
  return readTenant({ auth: overrides.auth ?? auth, transport, sleep, now: () => NOW, ...(overrides.maxRetries === undefined ? {} : { maxRetries: overrides.maxRetries }) });
};

describe('readTenant', () => {
  it('gathers domains, expected records and accepted domains into a snapshot that survives JSON', async () => {
    const snapshot = await read();
    expect(snapshot).toMatchObject({ version: 1, readAt: '2026-11-27T09:30:00.000Z', cloud: 'Worldwide', tenantId: peer.tenantId, account: peer.user.upn, errors: [] });
    expect(snapshot.domains?.map((domain) => [domain.id, domain.isVerified, domain.isDefault])).toEqual([
      ['contoso.test', true, true],
      ['fabrikam.test', false, false],
      ['contoso.onmicrosoft.test', true, false],
    ]);
    const contoso = snapshot.domains?.[0];
    expect(contoso?.records).toContainEqual({ type: 'MX', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 });
    expect(contoso?.records).toContainEqual({ type: 'TXT', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, text: 'v=spf1 include:spf.protection.outlook.com -all' });
    expect(contoso?.records?.filter((record) => record.type === 'CNAME')).toHaveLength(2);
    expect(contoso?.records?.some((record) => record.type === 'SRV')).toBe(true);
    expect(snapshot.domains?.[1]?.records).toBeNull();
    expect(snapshot.acceptedDomains).toEqual([
      { domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true },
      { domainName: 'contoso.onmicrosoft.test', domainType: 'Authoritative', isDefault: false },
    ]);
    expect(tenantSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    const adminCall = peer.requests.filter((request) => request.path.endsWith('/AcceptedDomain'));
    expect(adminCall.at(-1)?.method).toBe('POST');
  });

  it('records a missing Graph permission with what to grant, and still reads the rest', async () => {
    peer.failNext('graph-domains', { status: 403, body: graphError('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') });
    const snapshot = await read();
    expect(snapshot.domains).toBeNull();
    expect(snapshot.acceptedDomains).toHaveLength(2);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ source: 'domains', domain: null, kind: 'permission' });
    expect(snapshot.errors[0]?.message).toContain('Insufficient privileges');
    expect(snapshot.errors[0]?.message).toContain('Domain.Read.All');
    expect(snapshot.errors[0]?.message).toContain('Global Reader');
  });

  it('records a missing Exchange role with what to grant', async () => {
    peer.failNext('accepted-domains', { status: 403, body: JSON.stringify({ error: { code: 'Forbidden', message: 'The user is not assigned a role that allows Get-AcceptedDomain.' } }) });
    const snapshot = await read();
    expect(snapshot.acceptedDomains).toBeNull();
    expect(snapshot.errors[0]).toMatchObject({ source: 'accepted-domains', kind: 'permission' });
    expect(snapshot.errors[0]?.message).toContain('Exchange.ManageV2');
  });

  it('waits as long as Retry-After says when throttled, then succeeds', async () => {
    peer.failNext('accepted-domains', { status: 429, body: JSON.stringify({ error: { code: 'TooManyRequests', message: 'Too many requests.' } }), headers: { 'retry-after': '7' } }, 2);
    const snapshot = await read();
    expect(slept).toEqual([7000, 7000]);
    expect(snapshot.acceptedDomains).toHaveLength(2);
    expect(snapshot.errors).toEqual([]);
  });

  it('gives up after the bounded retries and says so', async () => {
    peer.failNext('graph-domains', { status: 429, body: graphError('TooManyRequests', 'Too many requests.'), headers: { 'retry-after': '3' } }, 3);
    const snapshot = await read({ maxRetries: 2 });
    expect(slept).toEqual([3000, 3000]);
    expect(snapshot.domains).toBeNull();
    expect(snapshot.errors[0]).toMatchObject({ source: 'domains', kind: 'throttled' });
    expect(snapshot.errors[0]?.message).toContain('try again in about 3 s');
  });

  it('records malformed JSON for one domain without losing the others', async () => {
    peer.failNext('graph-records', { status: 200, body: '{"value": [{"@odata.type": ' });
    const snapshot = await read();
    expect(snapshot.domains?.[0]?.records).toBeNull();
    expect(snapshot.domains?.[2]?.records).toHaveLength(1);
    expect(snapshot.errors).toHaveLength(1);
    expect(snapshot.errors[0]).toMatchObject({ source: 'records', domain: 'contoso.test', kind: 'malformed' });
  });

  it('records a body of the wrong shape as malformed', async () => {
    peer.failNext('graph-domains', { status: 200, body: JSON.stringify({ value: [{ id: 'contoso.test' }] }) });
    const snapshot = await read();
    expect(snapshot.errors[0]).toMatchObject({ source: 'domains', kind: 'malformed' });
    expect(snapshot.errors[0]?.message).toContain('value.0');
  });

  it('records an unreachable service as a network failure', async () => {
    const unreachable: M365Auth = { ...auth, endpoints: { ...auth.endpoints, graphBaseUrl: downUrl, exchangeBaseUrl: downUrl } };
    const snapshot = await read({ auth: unreachable });
    expect(snapshot.domains).toBeNull();
    expect(snapshot.acceptedDomains).toBeNull();
    expect(snapshot.errors.map((error) => error.kind)).toEqual(['network', 'network']);
    expect(snapshot.errors[0]?.message).toContain('127.0.0.165');
  });

  it('records missing admin consent for the Exchange token, with what to do', async () => {
    const fresh = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: memoryStore(), transport });
    await fresh.signInWithDeviceCode(() => undefined);
    peer.withholdConsentFor('https://outlook.office365.com');
    try {
      const snapshot = await read({ auth: fresh });
      expect(snapshot.domains).toHaveLength(3);
      expect(snapshot.acceptedDomains).toBeNull();
      expect(snapshot.errors[0]).toMatchObject({ source: 'accepted-domains', kind: 'consent' });
      expect(snapshot.errors[0]?.message).toContain('AADSTS65001');
    } finally {
      peer.withholdConsentFor(null);
      await fresh.signOut();
    }
  });

  it('reports a record of a kind it cannot read instead of dropping it, and keeps the rest', async () => {
    peer.failNext('graph-records', {
      status: 200,
      body: JSON.stringify({
        value: [
          ...SAMPLE_TENANT.records['contoso.test'],
          { '@odata.type': 'microsoft.graph.domainDnsCaaRecord', isOptional: false, label: 'contoso.test', recordType: 'Caa', supportedService: 'Email', ttl: 3600, value: 'letsencrypt.org' },
        ],
      }),
    });
    const snapshot = await read();
    expect(snapshot.domains?.[0]?.records?.some((record) => record.type === 'MX')).toBe(true);
    expect(snapshot.errors).toEqual([
      expect.objectContaining({ source: 'records', domain: 'contoso.test', kind: 'malformed', message: expect.stringMatching(/required Email record of kind "Caa" at contoso.test/) as unknown }),
    ]);
  });

  it('never turns an MX record without its value into "no MX expected"', async () => {
    peer.failNext('graph-records', {
      status: 200,
      body: JSON.stringify({ value: [{ '@odata.type': 'microsoft.graph.domainDnsMxRecord', isOptional: false, label: 'contoso.test', recordType: 'Mx', supportedService: 'Email', ttl: 3600 }] }),
    });
    const snapshot = await read();
    expect(snapshot.domains?.[0]?.records).toBeNull();
    expect(snapshot.errors[0]).toMatchObject({ source: 'records', domain: 'contoso.test', kind: 'malformed' });
  });

  it('needs a signed-in account', async () => {
    const nobody = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: memoryStore(), transport });
    await expect(read({ auth: nobody })).rejects.toMatchObject({ name: 'M365Error', kind: 'sign-in-required' });
  });
});
