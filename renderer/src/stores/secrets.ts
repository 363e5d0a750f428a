/** Which secrets the keychain holds for the open engagement; values are written, never read back. */
import { create } from 'zustand';
import type { SecretKind } from '../../../preload/contract';
import { useAppStore } from './app';

interface SecretsState {
  readonly engagementId: string | null;
  readonly status: Readonly<Record<SecretKind, boolean>> | null;
  /** Why the keychain cannot be used right now (shown in the panel, not as an app error). */
  readonly problem: string | null;
  readonly load: (engagementId: string) => Promise<void>;
  readonly save: (engagementId: string, kind: SecretKind, value: string) => Promise<boolean>;
  readonly remove: (engagementId: string, kind: SecretKind) => Promise<void>;
}

export const useSecretsStore = create<SecretsState>((set, get) => {
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    try {
      await work();
      set({ problem: null });
      return true;
    } catch (error) {
      set({ problem: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  const refresh = async (engagementId: string): Promise<void> => {
    const api = useAppStore.getState().api;
    if (api === null) return;
    await run(async () => {
      const status = await api.getSecretStatus(engagementId);
      if (get().engagementId === engagementId) set({ status });
    });
  };
  return {
    engagementId: null,
    status: null,
    problem: null,
    async load(engagementId) {
      set({ engagementId, status: null, problem: null });
      await refresh(engagementId);
    },
    async save(engagementId, kind, value) {
      const api = useAppStore.getState().api;
      const saved = api !== null && (await run(() => api.saveSecret(engagementId, kind, value)));
      await refresh(engagementId);
      return saved;
    },
    async remove(engagementId, kind) {
      const api = useAppStore.getState().api;
      if (api !== null) await run(() => api.deleteSecret(engagementId, kind));
      await refresh(engagementId);
    },
  };
});
