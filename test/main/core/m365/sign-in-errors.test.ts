/**
 * Sign-in against the strict peer: the refusals Entra ID really sends, each ending in one sentence
 * with the fix, and the device code outcomes a person can cause.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import type { M365Auth } from '../../../../main/core/m365/auth.js';
import { createHttpsTransport } from '../../../../main/core/m365/http.js';
import { createChunkedSecretStore } from '../../../../main/core/secrets/chunked-secret-store.js';
import type { SecretStore } from '../../../../main/core/ports/secret-store.js';
import { createLimitedSecretStore } from '../../../lab/limited-secret-store.js';
import { aadError, actAsBrowser, authorizeProblem, startM365Peer } from '../../../lab/m365-peer.js';
import type { M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';

let multi: M365Peer;
let single: M365Peer;
let noPublicFlows: M365Peer;

beforeAll(async () => {
  [multi, single, noPublicFlows] = await Promise.all([
    startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.168', pendingPolls: 0 }),
    startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.169', registration: 'single-tenant', pendingPolls: 0 }),
    startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.170', publicClientFlows: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([multi.close(), single.close(), noPublicFlows.close()]);
});

const sleeps: number[] = [];

function authFor(peer: M365Peer, tenant = 'organizations', store: SecretStore = createChunkedSecretStore(createLimitedSecretStore()), clientId = CLIENT_ID): M365Auth {
  return createM365Auth({
    clock: systemClock,
    endpoints: { ...peer.endpoints(tenant), clientId },
    secretStore: store,
    transport: createHttpsTransport({ extraCaPem: [peer.rootPem], timeoutMs: 5000 }),
    network: {
      slowDownStepMs: 5000,
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
    },
  });
}

describe('tenant authority and app registration', () => {
  it('a single-tenant app at "organizations" gets AADSTS50194 as one sentence naming both fixes (device code)', async () => {
    const failure = authFor(single).signInWithDeviceCode(() => undefined);
    await expect(failure).rejects.toMatchObject({ name: 'M365Error', kind: 'registration', detail: { code: 'AADSTS50194' } });
    await expect(failure).rejects.toThrow(/single-tenant.*"organizations".*tenant ID.*Accounts in any organizational directory/);
  });

  it('a single-tenant app at "organizations" gets the same sentence in the browser sign-in (form_post error)', async () => {
    const failure = authFor(single).signInInteractive(async (url) => {
      await actAsBrowser(url, single.rootPem);
    });
    await expect(failure).rejects.toMatchObject({ kind: 'registration', detail: { code: 'AADSTS50194' } });
  });

  it('a single-tenant app signs in at its tenant ID or one of its domains', async () => {
    expect((await authFor(single, single.tenantId).signInWithDeviceCode(() => undefined)).tenantId).toBe(single.tenantId);
    expect((await authFor(single, 'contoso.test').signInInteractive((url) => actAsBrowser(url, single.rootPem).then(() => undefined))).username).toBe(single.user.upn);
  });

  it('a multi-tenant app signs in at "organizations"', async () => {
    expect((await authFor(multi).signInWithDeviceCode(() => undefined)).username).toBe(multi.user.upn);
  });

  it('an unknown app (AADSTS700016) says to check the Application (client) ID', async () => {
    const failure = authFor(multi, 'organizations', createLimitedSecretStore(), '11111111-2222-4333-8444-555555555555').signInWithDeviceCode(() => undefined);
    await expect(failure).rejects.toMatchObject({ kind: 'registration', detail: { code: 'AADSTS700016' } });
    await expect(failure).rejects.toThrow(/11111111-2222-4333-8444-555555555555.*Application \(client\) ID/);
  });

  it('public client flows turned off (AADSTS7000218) says where to turn them on', async () => {
    await expect(authFor(noPublicFlows).signInWithDeviceCode(() => undefined)).rejects.toThrow(/Allow public client flows" to Yes/);
  });

  it('a user from another tenant (AADSTS50020) is told to use an account of the tenant', async () => {
    multi.failNext('token', { status: 400, body: aadError('invalid_grant', 50020, "User account 'guest@fabrikam.test' from identity provider 'https://sts.windows.net/x/' does not exist in tenant 'Contoso'.") });
    await expect(authFor(multi).signInWithDeviceCode(() => undefined)).rejects.toMatchObject({ kind: 'registration', detail: { code: 'AADSTS50020' } });
  });

  it('missing admin consent in the browser sign-in (AADSTS65001) says to grant admin consent', async () => {
    multi.failNext('token', { status: 400, body: aadError('invalid_grant', 65001, "The user or administrator has not consented to use the application with ID '3f1c'.", 'consent_required') });
    await expect(authFor(multi).signInInteractive((url) => actAsBrowser(url, multi.rootPem).then(() => undefined))).rejects.toThrow(/Grant admin consent/);
  });
});

describe('device code outcomes', () => {
  it.each([
    ['decline', 'cancelled', /declined on the Microsoft sign-in page/],
    ['expire', 'sign-in-required', /code expired before it was entered/],
    ['bad-code', 'sign-in-required', /did not recognise the sign-in code/],
  ] as const)('%s gets its own message, never "post_request_failed"', async (outcome, kind, message) => {
    multi.setDeviceCodeOutcome(outcome);
    try {
      const failure: unknown = await authFor(multi).signInWithDeviceCode(() => undefined).catch((error: unknown) => error);
      expect(failure).toMatchObject({ name: 'M365Error', kind });
      expect(String(failure)).toMatch(message);
      expect(String(failure)).not.toContain('post_request_failed');
    } finally {
      multi.setDeviceCodeOutcome('approve');
    }
  });

  it('slow_down makes the client poll 5 seconds slower each time and then succeeds', async () => {
    multi.setDeviceCodeOutcome('approve', 2);
    sleeps.length = 0;
    try {
      const before = multi.pollTimes.length;
      expect((await authFor(multi).signInWithDeviceCode(() => undefined)).username).toBe(multi.user.upn);
      expect(multi.pollTimes.length - before).toBe(3);
      expect(sleeps).toEqual([5000, 10000]);
    } finally {
      multi.setDeviceCodeOutcome('approve');
    }
  });
});

describe('the token cache on a keychain with Windows’ entry limit', () => {
  it('fails to save on the bare limited keychain, and works through the chunked store', async () => {
    await expect(authFor(multi, 'organizations', createLimitedSecretStore()).signInWithDeviceCode(() => undefined)).rejects.toThrow(/more than 2560/);
    const raw = createLimitedSecretStore();
    const auth = authFor(multi, 'organizations', createChunkedSecretStore(raw));
    await auth.signInWithDeviceCode(() => undefined);
    expect(raw.entries.size).toBeGreaterThan(1);
    expect(await auth.currentAccount()).toMatchObject({ username: multi.user.upn });
    await auth.signOut();
    expect(raw.entries.size).toBe(0);
  });
});

describe('the peer’s authorize checks', () => {
  const good = (): URLSearchParams =>
    new URLSearchParams({ client_id: CLIENT_ID, response_type: 'code', response_mode: 'form_post', code_challenge_method: 'S256', code_challenge: 'a'.repeat(43), state: 's1', redirect_uri: 'http://localhost:51234' });

  it('accepts what MSAL sends and refuses a missing PKCE, a second state, query mode and a non-loopback redirect', () => {
    expect(authorizeProblem(good(), CLIENT_ID)).toBeNull();
    const noPkce = good();
    noPkce.delete('code_challenge');
    expect(authorizeProblem(noPkce, CLIENT_ID)).toMatch(/Code_Challenge/);
    const twoStates = good();
    twoStates.append('state', 's2');
    expect(authorizeProblem(twoStates, CLIENT_ID)).toMatch(/exactly one/);
    const query = good();
    query.set('response_mode', 'query');
    expect(authorizeProblem(query, CLIENT_ID)).toMatch(/form_post/);
    const remote = good();
    remote.set('redirect_uri', 'https://example.test/cb');
    expect(authorizeProblem(remote, CLIENT_ID)).toMatch(/AADSTS50011/);
  });
});
