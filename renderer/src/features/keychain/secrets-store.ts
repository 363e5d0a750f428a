/**
 * Which secrets the keychain holds for the open engagement; values are written, never read back.
 * Why the keychain cannot be used right now is shown in the panel (the `keychain` place), not as
 * an app error.
 */
import { create } from 'zustand';
import type { SecretKind, TypedSecretKind } from '../../../../preload/contract';
import { runAction } from '../../api/actions';

interface SecretsState {
  readonly engagementId: string | null;
  readonly status: Readonly<Record<SecretKind, boolean>> | null;
  readonly load: (engagementId: string) => Promise<void>;
  readonly save: (engagementId: string, kind: TypedSecretKind, value: string) => Promise<boolean>;
  readonly remove: (engagementId: string, kind: TypedSecretKind) => Promise<void>;
}

const place = 'keychain';

export const useSecretsStore = create<SecretsState>((set, get) => {
  const refresh = async (engagementId: string): Promise<void> => {
    const status = await runAction({ label: 'getSecretStatus', place }, (api) => api.getSecretStatus(engagementId));
    if (status.ok && get().engagementId === engagementId) set({ status: status.value });
  };
  return {
    engagementId: null,
    status: null,
    async load(engagementId) {
      set({ engagementId, status: null });
      await refresh(engagementId);
    },
    async save(engagementId, kind, value) {
      const saved = await runAction({ label: 'saveSecret', place }, (api) => api.saveSecret(engagementId, kind, value));
      if (saved.ok) await refresh(engagementId);
      return saved.ok;
    },
    async remove(engagementId, kind) {
      const removed = await runAction({ label: 'deleteSecret', place }, (api) => api.deleteSecret(engagementId, kind));
      if (removed.ok) await refresh(engagementId);
    },
  };
});
