/** App-wide state: what the core says about itself, and whether the machine is online. */
import { create } from 'zustand';
import type { AppInfo, MailflowApi, NetworkStatus } from '../../../../preload/contract';
import { connect, isConnected, runAction } from '../../api/actions';
import { useCheckCatalogStore } from '../checks/check-catalog-store';

interface AppState {
  readonly info: AppInfo | null;
  readonly network: NetworkStatus;
  readonly start: (api: MailflowApi) => Promise<void>;
  readonly refreshNetwork: () => Promise<void>;
}

export const useAppStore = create<AppState>((set, get) => ({
  info: null,
  network: { online: navigator.onLine, detail: navigator.onLine ? 'Checking…' : 'The browser reports no network.' },
  async start(api) {
    connect(api);
    // Without its own description the core is unreachable: nothing else can work.
    const info = await runAction({ label: 'getAppInfo', place: 'fatal' }, (core) => core.getAppInfo());
    if (info.ok) set({ info: info.value });
    await useCheckCatalogStore.getState().load();
    await get().refreshNetwork();
  },
  async refreshNetwork() {
    if (!navigator.onLine) {
      set({ network: { online: false, detail: 'This computer reports no network connection.' } });
      return;
    }
    if (!isConnected()) return;
    const status = await runAction('getNetworkStatus', (api) => api.getNetworkStatus());
    if (status.ok) set({ network: status.value });
  },
}));
