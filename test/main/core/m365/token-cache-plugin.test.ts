import { TokenCacheContext } from '@azure/msal-node';
import type { ISerializableTokenCache } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { TOKEN_CACHE_ACCOUNT, createKeychainCachePlugin } from '../../../../main/core/m365/token-cache-plugin.js';
import type { SecretStore } from '../../../../main/core/ports/secret-store.js';

function memoryStore(): SecretStore & { readonly entries: Map<string, string>; writes: number } {
  const entries = new Map<string, string>();
  const store = {
    entries,
    writes: 0,
    get: (account: string) => Promise.resolve(entries.get(account) ?? null),
    set: (account: string, secret: string) => {
      store.writes += 1;
      entries.set(account, secret);
      return Promise.resolve();
    },
    delete: (account: string) => Promise.resolve(entries.delete(account)),
  };
  return store;
}

function fakeCache(initial: string): ISerializableTokenCache & { content: string } {
  const cache = {
    content: initial,
    deserialize: (value: string) => {
      cache.content = value;
    },
    serialize: () => cache.content,
  };
  return cache;
}

describe('createKeychainCachePlugin', () => {
  it('loads the stored cache before MSAL reads it', async () => {
    const store = memoryStore();
    store.entries.set(TOKEN_CACHE_ACCOUNT, '{"Account":{}}');
    const cache = fakeCache('');
    await createKeychainCachePlugin(store).beforeCacheAccess(new TokenCacheContext(cache, false));
    expect(cache.content).toBe('{"Account":{}}');
  });

  it('leaves an empty cache alone when nothing is stored', async () => {
    const cache = fakeCache('untouched');
    await createKeychainCachePlugin(memoryStore()).beforeCacheAccess(new TokenCacheContext(cache, false));
    expect(cache.content).toBe('untouched');
  });

  it('writes back only when MSAL changed the cache', async () => {
    const store = memoryStore();
    const plugin = createKeychainCachePlugin(store, 'custom/account');
    await plugin.afterCacheAccess(new TokenCacheContext(fakeCache('{"a":1}'), false));
    expect(store.writes).toBe(0);
    await plugin.afterCacheAccess(new TokenCacheContext(fakeCache('{"a":2}'), true));
    expect(store.entries.get('custom/account')).toBe('{"a":2}');
  });
});
