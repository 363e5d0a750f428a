/** Persistent settings document (engagements and preferences); adapters write it atomically. */
export interface SettingsStore {
  /**
   * The stored document, or null when nothing was saved yet. Throws SettingsUnreadableError when
   * the file exists but is not valid JSON.
   */
  read(): unknown;
  write(document: unknown): void;
  /** Moves the current file aside (never deletes it) and returns where it went. */
  quarantine(): string;
  /** Copies the current file beside it, named with `label`, and returns the copy's path. */
  backup(label: string): string;
  /** Where the file lives, for messages to the user. */
  readonly location: string;
}

export class SettingsUnreadableError extends Error {
  override readonly name = 'SettingsUnreadableError';
}
