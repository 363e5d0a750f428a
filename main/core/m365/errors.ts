/**
 * One error type for everything Microsoft 365 can refuse, so the app and the snapshot can tell a
 * person what to do: the kind picks the advice, the message carries the specifics.
 */
export type M365ErrorKind =
  /** The user or the app lacks a permission or an admin role. */
  | 'permission'
  /** An administrator has not consented to the app's permissions. */
  | 'consent'
  /** The app registration or the sign-in settings do not fit together: fix them in the Entra admin center or the settings. */
  | 'registration'
  /** No account is signed in, or its session ended: sign in again. */
  | 'sign-in-required'
  /** The service asked to slow down and the retries ran out. */
  | 'throttled'
  /** The service could not be reached. */
  | 'network'
  /** The proxy in between refused the connection or the request (its address is in the message). */
  | 'proxy'
  /** The answer was not what Microsoft documents. */
  | 'malformed'
  /** The person cancelled the sign-in. */
  | 'cancelled'
  /** Any other refusal by the service. */
  | 'service';

export class M365Error extends Error {
  override readonly name = 'M365Error';
  constructor(
    readonly kind: M365ErrorKind,
    message: string,
    /** HTTP status or the service's error code, when there was one. */
    readonly detail: { readonly status?: number; readonly code?: string; readonly proxy?: string } = {},
  ) {
    super(message);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
