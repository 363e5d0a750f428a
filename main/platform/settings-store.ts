/**
 * The SettingsStore port on top of conf (plain Node) or electron-store (Electron, which extends
 * conf): atomic writes come from conf; a file that is not JSON is reported, not cleared.
 */
import { copyFileSync, existsSync, renameSync } from 'node:fs';
import type Conf from 'conf';
import { type SettingsStore, SettingsUnreadableError } from '../core/ports/settings-store.js';

type StoreInstance = Pick<Conf, 'store' | 'path'>;

export interface SettingsStoreOptions {
  /** Directory of the settings file. */
  readonly cwd: string;
  /** File name without extension. */
  readonly configName?: string;
}

/** Builds the adapter from a conf-compatible class (conf's Conf, or electron-store's Store). */
export function createSettingsStore(
  construct: (options: { cwd: string; configName: string; clearInvalidConfig: false; configFileMode: number }) => StoreInstance,
  options: SettingsStoreOptions,
): SettingsStore {
  const configName = options.configName ?? 'settings';
  const open = (): StoreInstance => construct({ cwd: options.cwd, configName, clearInvalidConfig: false, configFileMode: 0o600 });
  let instance: StoreInstance | null = null;
  const location = `${options.cwd}/${configName}.json`;

  return {
    location,
    read() {
      if (!existsSync(location)) return null;
      try {
        instance ??= open();
        return instance.store;
      } catch (error) {
        if (error instanceof SyntaxError) {
          throw new SettingsUnreadableError(`the file is not valid JSON (${error.message})`);
        }
        throw error;
      }
    },
    write(document) {
      instance ??= open();
      instance.store = document as Record<string, unknown>;
    },
    backup(label) {
      const copy = `${options.cwd}/${configName}.${label}.json`;
      copyFileSync(location, copy);
      return copy;
    },
    quarantine() {
      instance = null;
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      let movedTo = `${options.cwd}/${configName}.corrupt-${stamp}.json`;
      for (let n = 2; existsSync(movedTo); n += 1) movedTo = `${options.cwd}/${configName}.corrupt-${stamp}-${n}.json`;
      renameSync(location, movedTo);
      return movedTo;
    },
  };
}
