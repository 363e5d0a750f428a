/**
 * HTTPS for the Microsoft 365 code: node:https rather than fetch, because only node:https takes
 * extra trust anchors per request (a corporate TLS-inspecting proxy's root, or the test CA) while
 * keeping the system roots and full verification, and goes through the customer's proxy (proxy.ts).
 */
import { isIP } from 'node:net';
import { request as httpsRequest } from 'node:https';
import * as tls from 'node:tls';
import type { FetchFunction } from '../eop/endpoints-client.js';
import { M365Error, errorMessage } from './errors.js';
import { directResolver, openTunnel, shownProxy } from './proxy.js';
import type { ProxyResolver } from './proxy.js';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Sends one request; rejects with M365Error kind 'network' when no answer arrives. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpsTransportOptions {
  /** Trust anchors (PEM) added to the system roots. */
  readonly extraCaPem?: readonly string[];
  /** Deadline for one request, in milliseconds. Default 30 s. */
  readonly timeoutMs?: number;
  /** Answers larger than this are cut off as malformed. Default 10 MB. */
  readonly maxBodyBytes?: number;
  /** Which proxy each request goes through; default none. */
  readonly proxy?: ProxyResolver;
}

type CaReader = (type: 'default' | 'system') => string[];

/**
 * The roots to verify against: Node's own store (with NODE_EXTRA_CA_CERTS), the operating system's
 * trusted roots where the runtime can read them (tls.getCACertificates, Node 22.15 and Electron's
 * newer Node; a proxy that inspects TLS usually has its root there), and the extra PEMs.
 */
export function trustAnchors(extraCaPem: readonly string[] = [], reader: CaReader | undefined = (tls as { readonly getCACertificates?: CaReader }).getCACertificates): string[] | undefined {
  /** Without a reader and without extras, Node's default store (with NODE_EXTRA_CA_CERTS) is used as is. */
  if (reader === undefined && extraCaPem.length === 0) return undefined;
  const base = reader === undefined ? [...tls.rootCertificates] : [...reader('default'), ...reader('system')];
  return [...new Set([...base, ...extraCaPem])];
}

const TLS_TRUST_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_UNTRUSTED']);

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 10_000_000;

/** The real transport; verification always on, only https URLs. */
export function createHttpsTransport(options: HttpsTransportOptions = {}): HttpTransport {
  const ca = trustAnchors(options.extraCaPem);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const resolveProxy = options.proxy ?? directResolver;
  return async (request) => {
    const url = new URL(request.url);
    const shown = `${url.origin}${url.pathname}`;
    if (url.protocol !== 'https:') throw new M365Error('network', `Refusing to send a request to ${shown} without TLS.`);
    const choice = await resolveProxy(request.url);
    const proxy = choice.kind === 'proxy' ? shownProxy(choice.url) : null;
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const tunnel =
      choice.kind === 'proxy'
        ? await openTunnel({ proxyUrl: choice.url, host, port: url.port === '' ? 443 : Number(url.port), timeoutMs, ...(ca === undefined ? {} : { ca }), ...(request.signal === undefined ? {} : { signal: request.signal }) })
        : null;
    return new Promise<HttpResponse>((resolve, reject) => {
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const viaTunnel =
        tunnel === null
          ? {}
          : { createConnection: () => tls.connect({ socket: tunnel, host, ...(ca === undefined ? {} : { ca }), ...(isIP(host) === 0 ? { servername: host } : {}) }) };
      const outgoing = httpsRequest(url, { method: request.method, headers, timeout: timeoutMs, ...(ca === undefined ? {} : { ca }), ...viaTunnel, ...(request.signal === undefined ? {} : { signal: request.signal }) }, (incoming) => {
        const chunks: Buffer[] = [];
        let size = 0;
        incoming.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBodyBytes) {
            incoming.destroy(new M365Error('malformed', `${shown} sent more than ${String(maxBodyBytes)} bytes.`));
            return;
          }
          chunks.push(chunk);
        });
        incoming.on('error', (error) => {
          reject(error instanceof M365Error ? error : new M365Error('network', `The answer from ${shown} was cut off (${errorMessage(error)}).`));
        });
        incoming.on('end', () => {
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) responseHeaders[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') });
        });
      });
      outgoing.on('timeout', () => {
        outgoing.destroy(new M365Error('network', `${shown} did not answer within ${String(timeoutMs)} ms.`));
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        tunnel?.destroy();
        if (error instanceof M365Error) {
          reject(error);
          return;
        }
        if (request.signal?.aborted === true) {
          reject(new M365Error('cancelled', `The request to ${shown} was cancelled.`));
          return;
        }
        if (proxy !== null && TLS_TRUST_CODES.has(error.code ?? '')) {
          reject(new M365Error('proxy', `The certificate ${url.host} presented through the proxy ${proxy} is not trusted (${errorMessage(error)}): the proxy inspects TLS with its own root certificate; add that root to the trusted roots of this computer (or pass it with --ca-file).`, { proxy }));
          return;
        }
        const through = proxy === null ? '' : ` through the proxy ${proxy}`;
        reject(new M365Error('network', `${url.host} is unreachable${through} (${errorMessage(error)}): check the network connection, a proxy or firewall in between, and the cloud chosen in the settings.`, proxy === null ? {} : { proxy }));
      });
      outgoing.end(request.body);
    });
  };
}

/** The endpoints web service client's fetch, on this transport, so it goes through the same proxy and trust. */
export function fetchOverTransport(transport: HttpTransport): FetchFunction {
  return async (url, init) => {
    const response = await transport({ method: 'GET', url, headers: { ...init.headers }, signal: init.signal });
    return { status: response.status, headers: { get: (name) => response.headers[name.toLowerCase()] ?? null }, text: () => Promise.resolve(response.body) };
  };
}

/** Waits, ending early with M365Error 'cancelled' when the signal aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new M365Error('cancelled', 'Cancelled.'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new M365Error('cancelled', 'Cancelled.'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
