/**
 * An in-memory SecretStore that refuses what Windows Credential Manager refuses: an entry larger
 * than 2,560 bytes of UTF-8 (keytar then fails with "The stub received bad data."). It can also fail
 * a chosen write, to play a keychain that breaks halfway through.
 */
import type { SecretStore } from '../../main/core/ports/secret-store.js';

export interface LimitedSecretStore extends SecretStore {
  readonly entries: Map<string, string>;
  /** Accounts in the order they were written. */
  readonly writes: string[];
  /** The next write of an account for which this returns true throws. */
  failWhen: ((account: string) => boolean) | null;
}

export function createLimitedSecretStore(maxEntryBytes = 2560): LimitedSecretStore {
  const entries = new Map<string, string>();
  const writes: string[] = [];
  const store: LimitedSecretStore = {
    entries,
    writes,
    failWhen: null,
    get: (account) => Promise.resolve(entries.get(account) ?? null),
    set(account, secret) {
      if (store.failWhen?.(account) === true) {
        store.failWhen = null;
        return Promise.reject(new Error(`Could not save "${account}" (simulated keychain failure).`));
      }
      if (Buffer.byteLength(secret, 'utf8') > maxEntryBytes) {
        return Promise.reject(new Error(`Could not save "${account}" in the system keychain (The stub received bad data.): ${String(Buffer.byteLength(secret, 'utf8'))} bytes is more than ${String(maxEntryBytes)}.`));
      }
      writes.push(account);
      entries.set(account, secret);
      return Promise.resolve();
    },
    delete: (account) => Promise.resolve(entries.delete(account)),
  };
  return store;
}
