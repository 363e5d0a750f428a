import Store from 'electron-store';
import type { SettingsStore } from '../core/ports/settings-store.js';
import { createSettingsStore, type SettingsStoreOptions } from './settings-store.js';

/** Settings in the Electron app: electron-store (conf underneath) in the user data folder. */
export function createElectronSettingsStore(options: SettingsStoreOptions): SettingsStore {
  return createSettingsStore((storeOptions) => new Store(storeOptions), options);
}
