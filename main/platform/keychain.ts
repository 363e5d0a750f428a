/**
 * The SecretStore port on the OS keychain (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux) through keytar. One service name for the whole app.
 */
import type { SecretStore } from '../core/ports/secret-store.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';

export const KEYCHAIN_SERVICE = 'Mailflow Assistant';

export class KeychainError extends Error {
  override readonly name = 'KeychainError';
}

function explain(action: string, account: string, error: unknown): KeychainError {
  const reason = errorMessage(error);
  return new KeychainError(
    `Could not ${action} "${account}" in the system keychain (${reason}). On Linux, a Secret Service such as GNOME Keyring must be running and unlocked.`,
  );
}

type Keytar = typeof import('keytar');

/** keytar is loaded on first use, so a machine without a Secret Service still starts the app. */
let loaded: Promise<Keytar> | null = null;
const loadKeytar = (): Promise<Keytar> => (loaded ??= import('keytar').then((module) => module.default));

export function createKeychainSecretStore(service: string = KEYCHAIN_SERVICE): SecretStore {
  return {
    async get(account) {
      try {
        return await (await loadKeytar()).getPassword(service, account);
      } catch (error) {
        throw explain('read', account, error);
      }
    },
    async set(account, secret) {
      try {
        await (await loadKeytar()).setPassword(service, account, secret);
      } catch (error) {
        throw explain('save', account, error);
      }
    },
    async delete(account) {
      try {
        return await (await loadKeytar()).deletePassword(service, account);
      } catch (error) {
        throw explain('delete', account, error);
      }
    },
  };
}
