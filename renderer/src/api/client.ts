/**
 * The renderer's one way to the core: the Electron preload's bridge when present, else the preview
 * bridge. Envelopes become values or thrown errors with the core's own message.
 */
import type { Envelope, ErrorCode, MailflowApi, RawBridge } from '../../../preload/contract';
import { createPreviewBridge, takePreviewToken } from './preview-bridge';

/** A failure from the core, with the contract's error code to act on and its message to show. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export class NoBridgeError extends Error {
  override readonly name = 'NoBridgeError';
}

function findBridge(): RawBridge {
  if (window.mailflow !== undefined) return window.mailflow;
  const token = takePreviewToken();
  if (token === null) {
    throw new NoBridgeError('This page needs its access token: open the address that `npm start` printed, including the part after #.');
  }
  return createPreviewBridge(token);
}

export function createApi(bridge: RawBridge = findBridge()): MailflowApi {
  return new Proxy({ subscribe: bridge.subscribe } as MailflowApi, {
    get(target, property) {
      if (property === 'subscribe') return target.subscribe;
      if (typeof property !== 'string') return undefined;
      const call = (bridge as unknown as Record<string, ((...args: unknown[]) => Promise<Envelope<unknown>>) | undefined>)[property];
      if (call === undefined) return undefined;
      return async (...args: unknown[]) => {
        const envelope = await call(...args);
        if (!envelope.ok) throw new ApiError(envelope.error.code, envelope.error.message);
        return envelope.value;
      };
    },
  });
}
