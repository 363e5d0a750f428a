/**
 * The Microsoft 365 sign-in: settings, who is signed in, a sign-in in progress and its code. Its
 * problems (permission, consent, network…) are shown in the panel, under the `m365` place.
 */
import { create } from 'zustand';
import type { DeviceCodePrompt, M365SettingsDocument, M365Status, MailflowApi } from '../../../../preload/contract';
import { listen, runAction } from '../../api/actions';
import { useErrorsStore } from '../../api/errors';
import { useEngagementsStore } from '../engagements/engagements-store';

export const READ_TENANT = 'readTenant';

interface SignInRun {
  readonly runId: string;
  readonly method: 'browser' | 'device-code';
  readonly prompt: DeviceCodePrompt | null;
}

interface M365State {
  readonly status: M365Status | null;
  readonly signingIn: SignInRun | null;
  readonly load: () => Promise<void>;
  readonly saveSettings: (settings: M365SettingsDocument) => Promise<boolean>;
  readonly signIn: (method: 'browser' | 'device-code') => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly signOut: () => Promise<void>;
  readonly readTenant: (engagementId: string) => Promise<void>;
}

const place = 'm365';
let subscribed = false;

export const useM365Store = create<M365State>((set, get) => {
  const follow = (): void => {
    if (subscribed) return;
    subscribed = listen('signInPrompt', ({ runId, prompt }) => {
      const run = get().signingIn;
      if (run?.runId === runId) set({ signingIn: { ...run, prompt } });
    });
  };
  const takeStatus = async (label: string, work: (api: MailflowApi) => Promise<M365Status>): Promise<boolean> => {
    const status = await runAction({ label, place }, work);
    if (status.ok) set({ status: status.value });
    return status.ok;
  };
  return {
    status: null,
    signingIn: null,
    async load() {
      await takeStatus('getM365Status', (api) => api.getM365Status());
    },
    saveSettings(settings) {
      return takeStatus('updateM365Settings', (api) => api.updateM365Settings(settings));
    },
    async signIn(method) {
      follow();
      const runId = crypto.randomUUID();
      set({ signingIn: { runId, method, prompt: null } });
      const signedIn = await runAction({ label: 'signIn', place }, (api) => api.signIn(method, runId));
      if (signedIn.ok) await get().load();
      set({ signingIn: null });
    },
    async cancel() {
      const run = get().signingIn;
      if (run === null) return;
      await runAction({ label: 'cancelSignIn', place }, (api) => api.cancelSignIn(run.runId));
    },
    async signOut() {
      await takeStatus('signOut', (api) => api.signOut());
    },
    async readTenant(engagementId) {
      useErrorsStore.getState().dismiss(place);
      const ok = await useEngagementsStore.getState().change(READ_TENANT, (api) => api.readTenant(engagementId));
      if (!ok) useErrorsStore.getState().show(place, { code: null, message: 'The tenant could not be read: see the message at the top of the window.' });
    },
  };
});
