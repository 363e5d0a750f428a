/** The contract's methods implemented on the core; shared by the Electron app and the preview. */
import { networkInterfaces } from 'node:os';
import type { EngagementRepository } from '../core/engagements/repository.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import { SECRET_KINDS, secretAccount, type SecretKind } from '../core/secrets/accounts.js';
import { networkStatusFrom } from '../core/network/status.js';
import type { AppInfo } from '../../preload/contract.js';
import type { Handlers } from './dispatch.js';

export interface HandlerDependencies {
  readonly repository: EngagementRepository;
  readonly secrets: SecretStore;
  readonly appInfo: Omit<AppInfo, 'recovery'>;
}

export function createHandlers({ repository, secrets, appInfo }: HandlerDependencies): Handlers {
  return {
    getAppInfo: () => Promise.resolve({ ...appInfo, recovery: repository.recovery }),
    getNetworkStatus: () => Promise.resolve(networkStatusFrom(networkInterfaces())),
    listEngagements: () => Promise.resolve(repository.list()),
    createEngagement: (details) => Promise.resolve(repository.create(details)),
    updateEngagement: (engagementId, details) => Promise.resolve(repository.update(engagementId, details)),
    deleteEngagement: async (engagementId) => {
      repository.remove(engagementId);
      const removals = await Promise.allSettled(SECRET_KINDS.map((kind) => secrets.delete(secretAccount(engagementId, kind))));
      const failure = removals.find((removal) => removal.status === 'rejected');
      if (failure === undefined) return { warning: null };
      const reason = failure.reason instanceof Error ? failure.reason.message : String(failure.reason);
      return { warning: `The engagement was deleted, but its saved passwords could not be removed: ${reason}` };
    },
    setItemDone: (engagementId, itemId, done) => Promise.resolve(repository.setItemDone(engagementId, itemId, done)),
    getSecretStatus: async (engagementId) => {
      repository.get(engagementId);
      const saved = await Promise.all(
        SECRET_KINDS.map(async (kind) => [kind, (await secrets.get(secretAccount(engagementId, kind))) !== null] as const),
      );
      return Object.fromEntries(saved) as Record<SecretKind, boolean>;
    },
    saveSecret: async (engagementId, kind, value) => {
      repository.get(engagementId);
      await secrets.set(secretAccount(engagementId, kind), value);
      return null;
    },
    deleteSecret: async (engagementId, kind) => {
      repository.get(engagementId);
      await secrets.delete(secretAccount(engagementId, kind));
      return null;
    },
  };
}
