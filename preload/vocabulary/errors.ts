/**
 * Failures that cross the contract: a code the renderer can act on (never a class name to match
 * by string) and a message a person can act on.
 */
export const ERROR_CODES = [
  /** The call's arguments were refused; the message names the field. */
  'invalid-request',
  /** The engagement (or another named thing) does not exist. */
  'not-found',
  /** A run or sign-in with this id is already going on. */
  'run-in-use',
  /** The run or sign-in has already ended. */
  'run-not-found',
  /** The engagement's saved answers are not enough for what was asked. */
  'missing-answers',
  /** The given data (a file, a paste) could not be read as what it should be. */
  'bad-input',
  /** A PFX/P12 file needs its password and none was given or saved: ask for it. */
  'password-required',
  /** No usable system keychain on this machine; the message names the fix. */
  'keychain-unavailable',
  /** The keychain refused a read or write. */
  'keychain',
  /** Microsoft 365 sign-in settings are incomplete or wrong. */
  'm365-configuration',
  /** Microsoft 365 answered with an error, or could not be reached. */
  'm365',
  /** Another window or process changed the data folder; nothing was lost, reload and repeat. */
  'conflict',
  /** A file could not be written where it was asked. */
  'write',
  /** The core could not be reached (the preview server stopped or the connection broke). */
  'unreachable',
  /** Anything else: a bug, reported with its message. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The one way to turn any thrown value into a message: an Error's own message, anything else as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
