/**
 * The browser preview: the built renderer and the contract over HTTP and WebSocket, on 127.0.0.1
 * only. Every API call needs the per-run token; every request must carry our own Host (and, when
 * present, Origin), which defeats DNS rebinding and cross-site requests.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayloads } from '../../preload/contract.js';
import { dispatch, type ErrorReporter, type Handlers } from '../ipc/dispatch.js';
import { CONTENT_SECURITY_POLICY } from '../security/csp.js';
import { resolveStaticFile } from '../security/static-files.js';

export const TOKEN_HEADER = 'x-mailflow-token';
/**
 * Pasted text is up to 2,000,000 characters; as UTF-8 inside JSON one character can take 6 bytes
 * (an escaped control character), so the body may be up to about 12 MB.
 */
const MAX_BODY_BYTES = 13 * 1024 * 1024;

export interface PreviewServerOptions {
  readonly handlers: Handlers;
  readonly rendererRoot: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly report: ErrorReporter;
}

export interface PreviewServer {
  /** The address to open, token in the fragment (never sent to the server or logged). */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  broadcast<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
} as const;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPreviewServer(options: PreviewServerOptions): Promise<PreviewServer> {
  const token = randomBytes(32).toString('base64url');
  let allowedHosts: readonly string[] = [];
  let allowedOrigins: readonly string[] = [];

  /** Host must be ours; Origin, when the browser sends one, too. */
  const fromOurPage = (request: IncomingMessage): boolean => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    return allowedHosts.includes(host) && (origin === undefined || allowedOrigins.includes(origin));
  };

  const hasToken = (value: string | undefined): boolean => value !== undefined && sameSecret(value, token);

  interface Reply {
    readonly status: number;
    readonly body: string | Buffer;
    readonly type: string;
  }
  const text = (status: number, body: string): Reply => ({ status, body, type: 'text/plain; charset=utf-8' });

  const handleApi = async (request: IncomingMessage, method: string): Promise<Reply> => {
    if (request.method !== 'POST') return text(405, 'Use POST.');
    const tokenHeader = request.headers[TOKEN_HEADER];
    if (!hasToken(typeof tokenHeader === 'string' ? tokenHeader : undefined)) return text(401, 'Missing or wrong token.');
    if (request.headers['content-type']?.startsWith('application/json') !== true) return text(415, 'Send JSON.');
    let args: unknown;
    try {
      args = JSON.parse(await readBody(request));
    } catch (error) {
      return text(400, `Bad request body: ${error instanceof Error ? error.message : String(error)}`);
    }
    const envelope = await dispatch(options.handlers, method, args, options.report);
    return { status: 200, body: JSON.stringify(envelope), type: 'application/json' };
  };

  const handleStatic = async (pathname: string): Promise<Reply> => {
    const file = resolveStaticFile(options.rendererRoot, pathname);
    if (file === null) return text(404, 'Not found.');
    try {
      return { status: 200, body: await readFile(file.path), type: file.contentType };
    } catch {
      return text(404, 'Not found.');
    }
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    const api = /^\/api\/([A-Za-z0-9]+)$/.exec(url.pathname);
    const work: Promise<Reply> = !fromOurPage(request)
      ? Promise.resolve(text(403, 'Forbidden: wrong Host or Origin.'))
      : api?.[1] !== undefined
        ? handleApi(request, api[1])
        : handleStatic(url.pathname);
    work
      .catch((error: unknown): Reply => {
        options.report(url.pathname, error instanceof Error ? error : new Error(String(error)));
        return text(500, 'Internal error.');
      })
      .then((reply) => {
        response.writeHead(reply.status, { ...SECURITY_HEADERS, 'content-type': reply.type });
        response.end(reply.body);
      }, options.report.bind(null, url.pathname));
  });

  // The page never sends on this socket: 1 KiB is room enough for a client's ping payload.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://preview.invalid');
    if (url.pathname !== '/events' || !fromOurPage(request) || !hasToken(url.searchParams.get('token') ?? undefined)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (client) => {
      clients.add(client);
      client.on('close', () => clients.delete(client));
      // An oversized (1009) or malformed (1002) frame: ws has already closed this socket with that
      // code; without a listener the 'error' event would end the whole server.
      client.on('error', (error) => {
        options.report('events', error);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  allowedOrigins = allowedHosts.map((host) => `http://${host}`);
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    broadcast(event, payload) {
      const message = JSON.stringify({ event, payload });
      for (const client of clients) client.send(message);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of clients) client.terminate();
        sockets.close();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
