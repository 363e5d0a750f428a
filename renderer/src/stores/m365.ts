/** The Microsoft 365 sign-in: settings, who is signed in, a sign-in in progress and its code. */
import { create } from 'zustand';
import type { DeviceCodePrompt } from '../../../preload/contract';
import type { M365SettingsDocument } from '../../../preload/contract';
import type { M365Status } from '../../../preload/contract';
import { useAppStore } from './app';
import { useEngagementsStore } from './engagements';

interface SignInRun {
  readonly runId: string;
  readonly method: 'browser' | 'device-code';
  readonly prompt: DeviceCodePrompt | null;
}

interface M365State {
  readonly status: M365Status | null;
  readonly signingIn: SignInRun | null;
  readonly reading: boolean;
  /** The last problem, in the service's words (permission, consent, network...). */
  readonly problem: string | null;
  readonly load: () => Promise<void>;
  readonly saveSettings: (settings: M365SettingsDocument) => Promise<boolean>;
  readonly signIn: (method: 'browser' | 'device-code') => Promise<void>;
  readonly cancel: () => Promise<void>;
  readonly signOut: () => Promise<void>;
  readonly readTenant: (engagementId: string) => Promise<void>;
}

let subscribed = false;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useM365Store = create<M365State>((set, get) => {
  const api = () => {
    const current = useAppStore.getState().api;
    if (current === null) throw new Error('The app is not connected to its core yet.');
    return current;
  };
  const listen = (): void => {
    if (subscribed) return;
    subscribed = true;
    api().subscribe('signInPrompt', ({ runId, prompt }) => {
      const run = get().signingIn;
      if (run?.runId === runId) set({ signingIn: { ...run, prompt } });
    });
  };
  return {
    status: null,
    signingIn: null,
    reading: false,
    problem: null,
    async load() {
      try {
        set({ status: await api().getM365Status() });
      } catch (error) {
        set({ problem: message(error) });
      }
    },
    async saveSettings(settings) {
      try {
        set({ status: await api().updateM365Settings(settings), problem: null });
        return true;
      } catch (error) {
        set({ problem: message(error) });
        return false;
      }
    },
    async signIn(method) {
      listen();
      const runId = crypto.randomUUID();
      set({ signingIn: { runId, method, prompt: null }, problem: null });
      try {
        await api().signIn(method, runId);
        set({ status: await api().getM365Status() });
      } catch (error) {
        set({ problem: message(error) });
      } finally {
        set({ signingIn: null });
      }
    },
    async cancel() {
      const run = get().signingIn;
      if (run === null) return;
      try {
        await api().cancelSignIn(run.runId);
      } catch (error) {
        set({ problem: message(error) });
      }
    },
    async signOut() {
      try {
        set({ status: await api().signOut(), problem: null });
      } catch (error) {
        set({ problem: message(error) });
      }
    },
    async readTenant(engagementId) {
      set({ reading: true, problem: null });
      const ok = await useEngagementsStore.getState().change((current) => current.readTenant(engagementId));
      set({ reading: false, ...(ok ? {} : { problem: 'The tenant could not be read: see the message at the top of the window.' }) });
    },
  };
});
