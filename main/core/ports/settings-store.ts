/** Persistent settings document (engagements and preferences); adapters write it atomically. */
export interface SettingsStore {
  /**
   * The stored document as it is on disk now, or null when nothing was saved yet. Throws
   * SettingsUnreadableError when the file exists but is not valid JSON.
   */
  read(): unknown;
  write(document: unknown): void;
  /** Moves the current file aside (never deletes it) and returns where it went. */
  quarantine(): string;
  /** Copies the current file beside it, named with `label`, and returns the copy's path. */
  backup(label: string): string;
  /** Writes `content` to a new file beside the settings (never over an existing one) and returns its path. */
  setAside(label: string, content: unknown): string;
  /** Removes the temporary files an interrupted write left behind. */
  removeLeftovers(): void;
  /**
   * Runs `work` as the only writer of the data folder (other processes wait, or get
   * SettingsBusyError), so a read-change-write in `work` never loses another process's write.
   */
  exclusive<T>(work: () => T): T;
  /** Where the file lives, for messages to the user. */
  readonly location: string;
}

export class SettingsUnreadableError extends Error {
  override readonly name = 'SettingsUnreadableError';
}

/** Another process kept the data folder's lock longer than we wait. */
export class SettingsBusyError extends Error {
  override readonly name = 'SettingsBusyError';
}
