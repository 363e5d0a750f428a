/**
 * The SecretStore port on the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux) through keytar. One service name for the whole app. keytar is an optional
 * dependency loaded on first use: a machine where it could not be built (no libsecret headers) or
 * has no keychain service still installs and runs everything that needs no secret.
 */
import type { SecretStore } from '../core/ports/secret-store.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';
import { SecretStoreUnavailableError } from '../core/ports/secret-store.js';

export const KEYCHAIN_SERVICE = 'Mailflow Assistant';

/** The keychain answered, but refused or failed this one operation (a locked keychain, say). */
export class KeychainError extends Error {
  override readonly name = 'KeychainError';
}

/** No keychain on this machine: the module is missing or no keychain service answers. */
export class KeychainUnavailableError extends SecretStoreUnavailableError {
  override readonly name = 'KeychainUnavailableError';
}

/** What to do about a missing keychain, for the platform the app runs on. */
export function keychainFix(platform: NodeJS.Platform): string {
  if (platform === 'linux') {
    return 'On Debian or Ubuntu: sudo apt-get install libsecret-1-0 gnome-keyring, and have the keyring unlocked (log in to a desktop session, or start gnome-keyring-daemon --unlock). If Mailflow Assistant was installed before libsecret was there, on the machine that installed it run sudo apt-get install libsecret-1-dev, then npm rebuild keytar.';
  }
  return 'Reinstall Mailflow Assistant (npm install) so that its keychain module is built for this system.';
}

type Keytar = typeof import('keytar');

function unavailable(reason: string): KeychainUnavailableError {
  return new KeychainUnavailableError(`No system keychain is available to save or read passwords (${reason}). ${keychainFix(process.platform)}`);
}

/** Messages of the Secret Service client when no keychain service runs on the session bus (or no bus). */
const NO_SERVICE = /org\.freedesktop\.secrets|d-?bus|autolaunch|no such (secret )?collection/i;

function explain(action: string, account: string, error: unknown): Error {
  const reason = errorMessage(error);
  if (error instanceof KeychainUnavailableError) return error;
  if (process.platform === 'linux' && NO_SERVICE.test(reason)) return unavailable(`no keychain service answers: ${reason}`);
  return new KeychainError(
    `Could not ${action} "${account}" in the system keychain (${reason}). On Linux, a Secret Service such as GNOME Keyring must be running and unlocked.`,
  );
}

/** How keytar is loaded; a test gives one that fails the way a missing or unbuilt module does. */
export type KeytarLoader = () => Promise<{ readonly default: Keytar }>;

const firstLine = (error: unknown): string => errorMessage(error).split('\n')[0] ?? '';

export function createKeychainSecretStore(service: string = KEYCHAIN_SERVICE, loadKeytar: KeytarLoader = () => import('keytar')): SecretStore {
  /** Loaded on first use, once; a failed load is remembered so every use says the same. */
  let loaded: Promise<Keytar> | null = null;
  const keytar = (): Promise<Keytar> =>
    (loaded ??= loadKeytar().then(
      (module) => module.default,
      (error: unknown) => {
        throw unavailable(`its module could not be loaded: ${firstLine(error)}`);
      },
    ));
  return {
    async get(account) {
      try {
        return await (await keytar()).getPassword(service, account);
      } catch (error) {
        throw explain('read', account, error);
      }
    },
    async set(account, secret) {
      try {
        await (await keytar()).setPassword(service, account, secret);
      } catch (error) {
        throw explain('save', account, error);
      }
    },
    async delete(account) {
      try {
        return await (await keytar()).deletePassword(service, account);
      } catch (error) {
        throw explain('delete', account, error);
      }
    },
  };
}
