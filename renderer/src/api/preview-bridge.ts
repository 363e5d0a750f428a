/**
 * The bridge in the browser preview: the same contract over HTTP (calls) and WebSocket (events)
 * to the loopback server, authenticated with the per-run token from the address fragment.
 */
import type { Envelope, EventName, EventPayloads, RawBridge } from '../../../preload/contract';
import { errorMessage } from '../../../preload/contract';
import { usePreviewLink } from './preview-link';

const TOKEN_KEY = 'mailflow.previewToken';

/** Moves the token from the address (where the launcher put it) into session storage. */
export function takePreviewToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createPreviewBridge(token: string): RawBridge {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let socket: WebSocket | null = null;
  let opened: Promise<void> = Promise.resolve();
  let retryMs = 500;
  let retry: ReturnType<typeof setTimeout> | null = null;
  const setLink = (link: 'connected' | 'lost'): void => {
    if (usePreviewLink.getState().link !== link) usePreviewLink.setState({ link });
  };

  /**
   * One event socket for the page's lifetime: opened with the bridge (so no early event is lost),
   * and opened again after a drop (a sleeping laptop), with a growing pause between attempts. A
   * drop shows as a lost link (the app's banner) until a socket opens again: the socket alone
 * decides, so the banner's "Reconnect now" always has a socket to open.
   */
  const connect = (): void => {
    if (retry !== null) clearTimeout(retry);
    retry = null;
    const url = new URL('/events', window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('token', token);
    const current = new WebSocket(url);
    socket = current;
    opened = new Promise((resolve) => {
      current.addEventListener('open', () => {
        retryMs = 500;
        setLink('connected');
        resolve();
      });
      current.addEventListener('close', () => {
        resolve();
      });
    });
    current.addEventListener('message', (message: MessageEvent<string>) => {
      const { event, payload } = JSON.parse(message.data) as { event: EventName; payload: EventPayloads[EventName] };
      listeners.get(event)?.forEach((listener) => {
        listener(payload as never);
      });
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = null;
      setLink('lost');
      retry = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    });
  };
  connect();
  usePreviewLink.setState({
    reconnect: () => {
      retryMs = 500;
      if (socket === null) connect();
    },
  });

  const invoke = async (method: string, args: readonly unknown[]): Promise<Envelope<unknown>> => {
    // Calls that report progress as events go out once the event socket is listening.
    await opened;
    try {
      const response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mailflow-token': token },
        body: JSON.stringify(args),
      });
      if (!response.ok) {
        const code = response.status === 400 || response.status === 413 || response.status === 415 ? 'invalid-request' : 'internal';
        return { ok: false, error: { code, message: `${response.status}: ${await response.text()}` } };
      }
      return (await response.json()) as Envelope<unknown>;
    } catch (error) {
      return {
        ok: false,
        error: { code: 'unreachable', message: `The preview server did not answer (${errorMessage(error)}). Is it still running?` },
      };
    }
  };

  const subscribe = <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): (() => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  };

  return new Proxy({ subscribe } as RawBridge, {
    get(target, property) {
      if (property === 'subscribe') return target.subscribe;
      if (typeof property !== 'string') return undefined;
      return (...args: unknown[]) => invoke(property, args);
    },
  });
}
