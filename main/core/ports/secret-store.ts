/** The OS keychain, behind the smallest interface that serves: one app service, keyed by account. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}
