/**
 * Binds the contract to Electron IPC: one handler per method, each behind a trusted-sender check
 * (only our own window, showing our own page, may call), then the shared dispatcher.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { eventChannel, invokeMethods, ipcChannel, type EventName, type EventPayloads } from '../../preload/contract.js';
import { dispatch, type ErrorReporter, type Handlers } from './dispatch.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mailflow';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** A frame is trusted when it is the top frame of one of our windows and shows our own origin. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, trusted: (contents: WebContents) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (!trusted(event.sender)) return false;
  // Compared by parts: Node's URL gives a custom scheme the opaque origin "null".
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function bindIpc(
  ipcMain: IpcMain,
  handlers: Handlers,
  trusted: (contents: WebContents) => boolean,
  report: ErrorReporter,
): void {
  for (const method of invokeMethods) {
    ipcMain.handle(ipcChannel(method), (event, ...args: unknown[]) => {
      if (!isTrustedSender(event, trusted)) {
        return { ok: false, error: { name: 'UntrustedSenderError', message: 'This window is not allowed to call Mailflow Assistant.' } };
      }
      return dispatch(handlers, method, args, report);
    });
  }
}

export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayloads[E]): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
}
