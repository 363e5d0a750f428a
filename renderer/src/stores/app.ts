/** App-wide state: the API, what the core says about itself, and whether the machine is online. */
import { create } from 'zustand';
import type { AppInfo, MailflowApi, NetworkStatus } from '../../../preload/contract';
import { useCheckCatalogStore } from './check-catalog';

interface AppState {
  readonly api: MailflowApi | null;
  readonly info: AppInfo | null;
  readonly network: NetworkStatus;
  /** A problem that stops the app from working at all (no bridge, core unreachable). */
  readonly fatal: string | null;
  /** The last error of an action, shown until dismissed. */
  readonly error: string | null;
  readonly start: (api: MailflowApi) => Promise<void>;
  readonly fail: (message: string) => void;
  readonly showError: (error: unknown) => void;
  readonly dismissError: () => void;
  readonly refreshNetwork: () => Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const useAppStore = create<AppState>((set, get) => ({
  api: null,
  info: null,
  network: { online: navigator.onLine, detail: navigator.onLine ? 'Checking…' : 'The browser reports no network.' },
  fatal: null,
  error: null,
  async start(api) {
    set({ api });
    try {
      set({ info: await api.getAppInfo() });
      await useCheckCatalogStore.getState().load(api);
    } catch (error) {
      set({ fatal: message(error) });
    }
    await get().refreshNetwork();
  },
  fail(text) {
    set({ fatal: text });
  },
  showError(error) {
    set({ error: message(error) });
  },
  dismissError() {
    set({ error: null });
  },
  async refreshNetwork() {
    const { api } = get();
    if (!navigator.onLine) {
      set({ network: { online: false, detail: 'This computer reports no network connection.' } });
      return;
    }
    if (api === null) return;
    try {
      set({ network: await api.getNetworkStatus() });
    } catch (error) {
      set({ error: message(error) });
    }
  },
}));
