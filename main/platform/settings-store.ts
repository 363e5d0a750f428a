/**
 * The SettingsStore port on top of conf (plain Node) or electron-store (Electron, which extends
 * conf): atomic writes come from conf; a file that is not JSON is reported, not cleared; a UTF-8
 * byte-order mark (as Notepad saves) is accepted; a lock file makes each change the only writer.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import { type SettingsStore, SettingsUnreadableError } from '../core/ports/settings-store.js';
import { withFolderLock } from './folder-lock.js';

type StoreInstance = Pick<Conf, 'store' | 'path'>;

export interface SettingsStoreOptions {
  /** Directory of the settings file. */
  readonly cwd: string;
  /** File name without extension. */
  readonly configName?: string;
  /** How long a change waits for another process's change to finish (default 10 s). */
  readonly lockWaitMs?: number;
}

export interface ConstructOptions {
  readonly cwd: string;
  readonly configName: string;
  readonly clearInvalidConfig: false;
  readonly configFileMode: number;
  readonly deserialize: (text: string) => Record<string, unknown>;
}

const parseJson = (text: string): Record<string, unknown> => JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as Record<string, unknown>;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Builds the adapter from a conf-compatible class (conf's Conf, or electron-store's Store). */
export function createSettingsStore(construct: (options: ConstructOptions) => StoreInstance, options: SettingsStoreOptions): SettingsStore {
  const configName = options.configName ?? 'settings';
  const open = (): StoreInstance =>
    construct({ cwd: options.cwd, configName, clearInvalidConfig: false, configFileMode: 0o600, deserialize: parseJson });
  let instance: StoreInstance | null = null;
  const fileName = `${configName}.json`;
  const location = join(options.cwd, fileName);
  const lockPath = `${location}.lock`;
  // The temporary file conf's writer (atomically) renames over the settings: <file>.tmp-<10 digits><6 hex>.
  const leftover = new RegExp(`^${escapeRegExp(fileName)}\\.tmp-\\d{10}[a-f0-9]{6}$`);

  const freshPath = (label: string): string => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let path = join(options.cwd, `${configName}.${label}-${stamp}.json`);
    for (let n = 2; existsSync(path); n += 1) path = join(options.cwd, `${configName}.${label}-${stamp}-${n}.json`);
    return path;
  };

  return {
    location,
    read() {
      if (!existsSync(location)) return null;
      try {
        instance ??= open();
        return instance.store;
      } catch (error) {
        if (error instanceof SyntaxError) {
          instance = null;
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
      const copy = join(options.cwd, `${configName}.${label}.json`);
      copyFileSync(location, copy);
      return copy;
    },
    quarantine() {
      instance = null;
      const movedTo = freshPath('corrupt');
      renameSync(location, movedTo);
      return movedTo;
    },
    setAside(label, content) {
      const path = freshPath(label);
      writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return path;
    },
    removeLeftovers() {
      if (!existsSync(options.cwd)) return;
      for (const name of readdirSync(options.cwd)) if (leftover.test(name)) unlinkSync(join(options.cwd, name));
    },
    exclusive(work) {
      mkdirSync(options.cwd, { recursive: true });
      return withFolderLock(lockPath, location, work, options.lockWaitMs === undefined ? {} : { waitMs: options.lockWaitMs });
    },
  };
}
