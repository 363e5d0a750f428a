/** The OS keychain, behind the smallest interface that serves: one app service, keyed by account. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/**
 * There is no keychain to use on this machine (its module is not installed, or no keychain service
 * runs): nothing can have been saved there, and nothing can be. The message says how to fix it.
 */
export class SecretStoreUnavailableError extends Error {
  override readonly name: string = 'SecretStoreUnavailableError';
}
