/** Microsoft 365 through the app's contract, against the loopback Entra ID / Graph / Admin API peer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import { createHttpsTransport } from '../../../main/core/m365/http.js';
import { TOKEN_CACHE_ACCOUNT } from '../../../main/core/m365/token-cache-plugin.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import type { M365Status } from '../../../preload/contract.js';
import type { Envelope } from '../../../preload/contract.js';
import { createTestApp, memorySecretStore } from '../../lab/app-handlers.js';
import { SAMPLE_TENANT, startM365Peer, type M365Peer } from '../../lab/m365-peer.js';

const CLIENT_ID = '3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e6f';
let peer: M365Peer;
let app: ReturnType<typeof createTestApp>;
const secrets = memorySecretStore();

const call = async <T>(method: string, ...args: unknown[]): Promise<T> => {
  const envelope = (await dispatch(app.handlers, method, args, () => undefined)) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value;
};

beforeAll(async () => {
  peer = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.195', ...SAMPLE_TENANT });
  app = createTestApp({
    secrets,
    m365: {
      hostOverrides: { authorityBaseUrl: peer.url, graphBaseUrl: peer.url, exchangeBaseUrl: peer.url },
      transport: createHttpsTransport({ extraCaPem: [peer.rootPem], timeoutMs: 5000 }),
    },
  });
});

afterAll(async () => {
  await peer.close();
  app.cleanup();
});

describe('Microsoft 365 in the app', () => {
  it('says what to configure before anyone can sign in, and validates the settings', async () => {
    const status = await call<M365Status>('getM365Status');
    expect(status.account).toBeNull();
    expect(status.problem).toMatch(/No app registration is configured/);
    await expect(call('updateM365Settings', { cloud: 'Worldwide', clientId: 'not-a-guid', tenant: 'organizations' })).rejects.toThrow(/GUID/);
  });

  it('signs in with a code, reads the tenant into the engagement, feeds the tenant checks, and signs out', async () => {
    const configured = await call<M365Status>('updateM365Settings', { cloud: 'Worldwide', clientId: CLIENT_ID, tenant: 'organizations' });
    expect(configured.problem).toBeNull();
    const account = await call<{ username: string }>('signIn', 'device-code', 'sign-in-1');
    expect(account.username).toBe(peer.user.upn);
    const prompt = app.events.find((event) => event.event === 'signInPrompt');
    expect(prompt?.payload).toMatchObject({ runId: 'sign-in-1', prompt: { userCode: peer.issuedUserCodes.at(-1) } });
    expect((await call<M365Status>('getM365Status')).account?.username).toBe(peer.user.upn);
    expect(secrets.values.get(TOKEN_CACHE_ACCOUNT)).toContain('RefreshToken');

    const created = await call<Engagement>('createEngagement', {
      name: 'Contoso',
      domains: ['contoso.test', 'fabrikam.test'],
      smartHosts: ['mail.contoso.test'],
      serverKind: 'exchange',
      testAddresses: [],
      notes: '',
    });
    const read = await call<Engagement>('readTenant', created.id);
    expect(read.tenantSnapshot?.tenantId).toBe(peer.tenantId);
    expect(read.tenantSnapshot?.domains?.map((domain) => domain.id)).toContain('contoso.test');
    expect(Date.parse(read.tenantSnapshot?.readAt ?? '')).toBeGreaterThan(Date.now() - 60_000);

    await call('updateCheckSettings', created.id, { smtpPort: 1, dnsServer: '127.0.0.196:1', tenantMx: null, firewallAllow: '', timeoutMs: 1000, extraCaPem: '' });
    const checked = await call<Engagement>('runChecks', created.id, 'prerequisites', 'run-tenant');
    const domains = checked.checkResults.filter((result) => result.id === 'tenant.domains');
    expect(domains.map((result) => [result.target, result.status])).toEqual([
      ['contoso.test', 'pass'],
      ['fabrikam.test', 'fail'],
    ]);

    const signedOut = await call<M365Status>('signOut');
    expect(signedOut.account).toBeNull();
    expect(secrets.values.has(TOKEN_CACHE_ACCOUNT)).toBe(false);
    await expect(call('readTenant', created.id)).rejects.toThrow(/sign in first/);
  });

  it('exports the handover report for an engagement', async () => {
    const created = await call<Engagement>('createEngagement', {
      name: 'Fabrikam & Sons <Ltd>',
      domains: ['fabrikam.test'],
      smartHosts: ['mx.fabrikam.test'],
      serverKind: 'postfix',
      testAddresses: [],
      notes: '',
    });
    const report = await call<{ fileName: string; html: string }>('exportReport', created.id, { includeNotes: false });
    expect(report.fileName).toMatch(/^mailflow-handover-fabrikam-sons-ltd-\d{4}-\d{2}-\d{2}\.html$/);
    expect(report.html).toContain('Fabrikam &amp; Sons &lt;Ltd&gt;');
    expect(report.html).not.toMatch(/<script/i);
  });
});
