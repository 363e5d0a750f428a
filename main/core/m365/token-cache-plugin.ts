/**
 * MSAL's token cache in the OS keychain (the SecretStore port), never in a file: read before every
 * cache access, written back only when MSAL changed it. With real Entra tokens the serialised cache
 * is about 9 KB, more than a Windows Credential Manager entry holds (2,560 bytes): the store given
 * here must take secrets of any size (the app wraps the keychain in createChunkedSecretStore).
 */
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { SecretStore } from '../ports/secret-store.js';

export const TOKEN_CACHE_ACCOUNT = 'm365/token-cache';

export function createKeychainCachePlugin(store: SecretStore, account: string = TOKEN_CACHE_ACCOUNT): ICachePlugin {
  return {
    async beforeCacheAccess(context: TokenCacheContext) {
      const stored = await store.get(account);
      if (stored !== null) context.tokenCache.deserialize(stored);
    },
    async afterCacheAccess(context: TokenCacheContext) {
      if (context.cacheHasChanged) await store.set(account, context.tokenCache.serialize());
    },
  };
}
