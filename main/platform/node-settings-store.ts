import Conf from 'conf';
import type { SettingsStore } from '../core/ports/settings-store.js';
import { createSettingsStore, type SettingsStoreOptions } from './settings-store.js';

/** Settings in plain Node (CLI, browser preview, tests): conf, electron-store's base library. */
export function createNodeSettingsStore(options: SettingsStoreOptions): SettingsStore {
  return createSettingsStore((confOptions) => new Conf(confOptions), options);
}
