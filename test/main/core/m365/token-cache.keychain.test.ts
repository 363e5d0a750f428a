import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import { createHttpsTransport } from '../../../../main/core/m365/http.js';
import { TOKEN_CACHE_ACCOUNT } from '../../../../main/core/m365/token-cache-plugin.js';
import { createChunkedSecretStore } from '../../../../main/core/secrets/chunked-secret-store.js';
import { createKeychainSecretStore } from '../../../../main/platform/keychain.js';
import { startM365Peer } from '../../../lab/m365-peer.js';
import type { M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';
/** A service name of its own, so the test never meets another test's (or a person's) secrets. */
const store = createChunkedSecretStore(createKeychainSecretStore(`Mailflow Assistant test ${randomUUID()}`));

let peer: M365Peer;

beforeAll(async () => {
  peer = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.167' });
});

afterAll(async () => {
  await store.delete(TOKEN_CACHE_ACCOUNT);
  await peer.close();
});

const newAuth = () => createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: store, transport: createHttpsTransport({ extraCaPem: [peer.rootPem] }) });

describe('the MSAL token cache in the real keychain', () => {
  it('holds the cache after sign-in, survives a restart, and holds nothing after sign-out', async () => {
    expect(await store.get(TOKEN_CACHE_ACCOUNT)).toBeNull();
    const auth = newAuth();
    await auth.signInWithDeviceCode(() => undefined);

    const stored = await store.get(TOKEN_CACHE_ACCOUNT);
    expect(stored).not.toBeNull();
    const cache = JSON.parse(stored ?? '{}') as Record<string, Record<string, unknown>>;
    expect(Object.keys(cache['RefreshToken'] ?? {})).toHaveLength(1);
    expect(Object.keys(cache['Account'] ?? {})).toHaveLength(1);

    const restarted = newAuth();
    expect(await restarted.currentAccount()).toMatchObject({ username: peer.user.upn, tenantId: peer.tenantId });
    const before = peer.requests.length;
    expect(await restarted.getToken(peer.endpoints().graphScopes)).not.toBe('');
    expect(peer.requests.length).toBe(before);

    await restarted.signOut();
    expect(await store.get(TOKEN_CACHE_ACCOUNT)).toBeNull();
    expect(await newAuth().currentAccount()).toBeNull();
  });
});
