/**
 * Which web permission the renderer may have: only `clipboard-sanitized-write` (the copy buttons),
 * and only for the top frame of a page on the app's own origin. Everything else is refused, so a
 * frame or page that is not ours never gets the clipboard, the camera, notifications or anything else.
 */
export const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export interface PermissionAsk {
  readonly permission: string;
  /** The URL or origin of the frame that asks (Electron gives one or the other). */
  readonly requestingUrl: string | undefined;
  /** Undefined when Electron does not say: treated as not the main frame. */
  readonly isMainFrame: boolean | undefined;
}

/** True only for the app's own top frame asking for the one permission the app needs. */
export function isPermissionAllowed(ask: PermissionAsk, appOrigin: string): boolean {
  if (ask.permission !== ALLOWED_PERMISSION || ask.isMainFrame !== true || ask.requestingUrl === undefined) return false;
  let requesting: URL;
  let own: URL;
  try {
    requesting = new URL(ask.requestingUrl);
    own = new URL(appOrigin);
  } catch {
    return false;
  }
  // URL.origin is "null" for a scheme Node does not know (app:), so compare scheme and host.
  return requesting.protocol === own.protocol && requesting.host === own.host && requesting.username === '' && requesting.password === '';
}
