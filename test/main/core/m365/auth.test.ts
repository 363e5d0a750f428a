import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import type { M365Auth } from '../../../../main/core/m365/auth.js';
import { M365Error } from '../../../../main/core/m365/errors.js';
import { createHttpsTransport } from '../../../../main/core/m365/http.js';
import type { HttpTransport } from '../../../../main/core/m365/http.js';
import { TOKEN_CACHE_ACCOUNT } from '../../../../main/core/m365/token-cache-plugin.js';
import type { SecretStore } from '../../../../main/core/ports/secret-store.js';
import { actAsBrowser, startM365Peer } from '../../../lab/m365-peer.js';
import type { M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';

function memoryStore(): SecretStore & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: (account) => Promise.resolve(entries.get(account) ?? null),
    set: (account, secret) => {
      entries.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(entries.delete(account)),
  };
}

/** The real transport, recording every host contacted. */
function recordingTransport(rootPem: string, hosts: Set<string>): HttpTransport {
  const inner = createHttpsTransport({ extraCaPem: [rootPem], timeoutMs: 5000 });
  return (request) => {
    hosts.add(new URL(request.url).host);
    return inner(request);
  };
}

let peer: M365Peer;
let shortLived: M365Peer;

beforeAll(async () => {
  peer = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.160' });
  shortLived = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.161', tokenLifetimeSeconds: 60 });
});

afterAll(async () => {
  await peer.close();
  await shortLived.close();
});

const created: M365Auth[] = [];
afterEach(async () => {
  for (const auth of created.splice(0)) await auth.signOut();
});

function setUp(target: M365Peer = peer): { auth: M365Auth; store: ReturnType<typeof memoryStore>; hosts: Set<string> } {
  const store = memoryStore();
  const hosts = new Set<string>();
  const auth = createM365Auth({ clock: systemClock, endpoints: target.endpoints(), secretStore: store, transport: recordingTransport(target.rootPem, hosts) });
  created.push(auth);
  return { auth, store, hosts };
}

describe('device code sign-in', () => {
  it('shows the code, polls through authorization_pending and signs in, contacting only the peer', async () => {
    const { auth, store, hosts } = setUp();
    const prompts: { userCode: string; verificationUri: string; message: string; expiresOn: string }[] = [];
    const account = await auth.signInWithDeviceCode((prompt) => prompts.push(prompt));
    expect(account).toMatchObject({ username: peer.user.upn, name: peer.user.name, tenantId: peer.tenantId, cloud: 'Worldwide' });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]?.userCode).toBe(peer.issuedUserCodes.at(-1));
    expect(prompts[0]?.verificationUri).toBe(`${peer.url}/devicelogin`);
    expect(Date.parse(prompts[0]?.expiresOn ?? '') - Date.now()).toBeGreaterThan(800_000);
    const polls = peer.requests.filter((request) => request.grantType === 'device_code');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect([...hosts]).toEqual([new URL(peer.url).host]);
    expect(peer.requests.some((request) => request.path.includes('openid-configuration') || request.path.includes('discovery/instance'))).toBe(false);
    expect(await auth.currentAccount()).toMatchObject({ username: peer.user.upn });
    expect(store.entries.get(TOKEN_CACHE_ACCOUNT)).toContain('RefreshToken');
  });

  it('stops polling when cancelled', async () => {
    const slow = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.162', pendingPolls: 1000 });
    try {
      const { auth } = setUp(slow);
      const controller = new AbortController();
      const pending = auth.signInWithDeviceCode(() => {
        controller.abort();
      }, controller.signal);
      await expect(pending).rejects.toMatchObject({ name: 'M365Error', kind: 'cancelled' });
      expect(await auth.currentAccount()).toBeNull();
    } finally {
      await slow.close();
    }
  });
});

describe('interactive sign-in', () => {
  it('receives the code on the loopback redirect (form_post) and redeems it with PKCE', async () => {
    const { auth } = setUp();
    const pages: string[] = [];
    const account = await auth.signInInteractive(async (url) => {
      const authorize = new URL(url);
      expect(authorize.origin).toBe(peer.url);
      expect(authorize.searchParams.get('redirect_uri')).toMatch(/^http:\/\/localhost:\d+$/);
      expect(authorize.searchParams.get('scope')).toContain('https://outlook.office365.com/Exchange.ManageV2');
      pages.push(await actAsBrowser(url, peer.rootPem));
    });
    expect(account.username).toBe(peer.user.upn);
    expect(pages[0]).toContain('signed in to Mailflow Assistant');
    expect(peer.requests.some((request) => request.grantType === 'authorization_code')).toBe(true);
  });
});

describe('cancelling the browser sign-in', () => {
  it('stops the loopback listener and reports the cancellation', async () => {
    const { auth } = setUp();
    const controller = new AbortController();
    let redirectUri = '';
    const pending = auth.signInInteractive((url) => {
      redirectUri = new URL(url).searchParams.get('redirect_uri') ?? '';
      controller.abort();
      return Promise.resolve();
    }, controller.signal);
    await expect(pending).rejects.toMatchObject({ name: 'M365Error', kind: 'cancelled' });
    expect(await auth.currentAccount()).toBeNull();
    const port = Number(new URL(redirectUri).port);
    await expect(
      new Promise((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve('still listening');
        });
        socket.on('error', reject);
      }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('does not open the browser when already cancelled', async () => {
    const { auth } = setUp();
    const controller = new AbortController();
    controller.abort();
    await expect(auth.signInInteractive(() => Promise.reject(new Error('must not open')), controller.signal)).rejects.toMatchObject({ kind: 'cancelled' });
  });
});

describe('tokens', () => {
  it('serves a valid token from the cache without contacting the service', async () => {
    const { auth } = setUp();
    await auth.signInWithDeviceCode(() => undefined);
    const before = peer.requests.length;
    const token = await auth.getToken(peer.endpoints().graphScopes);
    expect(token).not.toBe('');
    expect(peer.requests.length).toBe(before);
  });

  it('refreshes silently after the access token expires', async () => {
    const { auth } = setUp(shortLived);
    await auth.signInWithDeviceCode(() => undefined);
    const first = await auth.getToken(shortLived.endpoints().graphScopes);
    const second = await auth.getToken(shortLived.endpoints().graphScopes);
    expect(second).not.toBe(first);
    expect(shortLived.requests.filter((request) => request.grantType === 'refresh_token').length).toBeGreaterThanOrEqual(2);
  });

  it('gets the Exchange token separately, for its own resource', async () => {
    const { auth } = setUp();
    await auth.signInWithDeviceCode(() => undefined);
    await auth.getToken(peer.endpoints().exchangeScopes);
    const refresh = peer.requests.filter((request) => request.grantType === 'refresh_token').at(-1);
    expect(refresh?.scope).toContain('https://outlook.office365.com/Exchange.ManageV2');
  });

  it('says an administrator must consent when the tenant has not (AADSTS65001)', async () => {
    const { auth } = setUp();
    await auth.signInWithDeviceCode(() => undefined);
    peer.withholdConsentFor('https://outlook.office365.com');
    try {
      const failure = await auth.getToken(peer.endpoints().exchangeScopes).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(M365Error);
      expect(failure).toMatchObject({ kind: 'consent' });
      expect((failure as M365Error).message).toContain('Grant admin consent');
    } finally {
      peer.withholdConsentFor(null);
    }
  });

  it('asks to sign in when nobody is signed in', async () => {
    const { auth } = setUp();
    await expect(auth.getToken(peer.endpoints().graphScopes)).rejects.toMatchObject({ kind: 'sign-in-required' });
  });

  it('reports a sign-in service that is down as a network failure', async () => {
    const gone = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.163' });
    await gone.close();
    const { auth } = setUp(gone);
    await expect(auth.signInWithDeviceCode(() => undefined)).rejects.toMatchObject({ name: 'M365Error', kind: 'network' });
  });

  it('reports a token answer that is not JSON as malformed', async () => {
    const { auth } = setUp();
    peer.failNext('token', { status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } });
    await expect(auth.signInWithDeviceCode(() => undefined)).rejects.toMatchObject({ name: 'M365Error', kind: 'malformed' });
  });
});

describe('sign-out', () => {
  it('removes the account and the cached tokens from the keychain', async () => {
    const { auth, store } = setUp();
    await auth.signInWithDeviceCode(() => undefined);
    expect(store.entries.has(TOKEN_CACHE_ACCOUNT)).toBe(true);
    await auth.signOut();
    expect(store.entries.has(TOKEN_CACHE_ACCOUNT)).toBe(false);
    expect(await auth.currentAccount()).toBeNull();
  });
});

/**
 * msal-node's next major is set to drop PublicClientApplication with its device code and loopback
 * flows (AzureAD/microsoft-authentication-library-for-js#8836), which this app's sign-in is built
 * on: package.json keeps the 7.x line, and this fails loudly if an upgrade removes the API anyway.
 */
describe('the msal-node line the sign-in depends on', () => {
  it('is pinned to major 7 in package.json and is a 7.x at run time', async () => {
    const { readFile } = await import('node:fs/promises');
    const manifest = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['@azure/msal-node']).toMatch(/^[~^]7\.\d+\.\d+$/);
    const installed = JSON.parse(await readFile(new URL('../../../../node_modules/@azure/msal-node/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(installed.version).toMatch(/^7\./);
  });

  it('still has PublicClientApplication with acquireTokenByDeviceCode and acquireTokenInteractive', async () => {
    const msal = await import('@azure/msal-node');
    expect(typeof msal.PublicClientApplication, 'msal-node no longer exports PublicClientApplication: the public-client flows were removed; stay on msal-node 7 (see README, "Signing in to Microsoft 365")').toBe('function');
    const pca = new msal.PublicClientApplication({ auth: { clientId: CLIENT_ID } });
    expect(typeof pca.acquireTokenByDeviceCode, 'PublicClientApplication.acquireTokenByDeviceCode is gone: the device code sign-in cannot work').toBe('function');
    expect(typeof pca.acquireTokenInteractive, 'PublicClientApplication.acquireTokenInteractive is gone: the browser (loopback) sign-in cannot work').toBe('function');
  });
});
