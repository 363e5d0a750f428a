/**
 * MSAL's token cache in the OS keychain (the SecretStore port), never in a file: read before every
 * cache access, written back only when MSAL changed it. The serialised cache of one account is a
 * few kilobytes, well within what every keychain holds, so it is stored as one secret.
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
