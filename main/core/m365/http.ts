/**
 * HTTPS for the Microsoft 365 code: node:https rather than fetch, because only node:https takes
 * extra trust anchors per request (a corporate TLS-inspecting proxy's root, or the test CA) while
 * keeping the system roots and full verification.
 */
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { M365Error } from './errors.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

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
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 10_000_000;

/** The real transport; verification always on, only https URLs. */
export function createHttpsTransport(options: HttpsTransportOptions = {}): HttpTransport {
  const ca = options.extraCaPem === undefined || options.extraCaPem.length === 0 ? undefined : [...rootCertificates, ...options.extraCaPem];
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const url = new URL(request.url);
      const shown = `${url.origin}${url.pathname}`;
      if (url.protocol !== 'https:') {
        reject(new M365Error('network', `Refusing to send a request to ${shown} without TLS.`));
        return;
      }
      const headers: Record<string, string> = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
      const outgoing = httpsRequest(url, { method: request.method, headers, timeout: timeoutMs, ...(ca === undefined ? {} : { ca }), ...(request.signal === undefined ? {} : { signal: request.signal }) }, (incoming) => {
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
      outgoing.on('error', (error) => {
        if (error instanceof M365Error) {
          reject(error);
          return;
        }
        if (request.signal?.aborted === true) {
          reject(new M365Error('cancelled', `The request to ${shown} was cancelled.`));
          return;
        }
        reject(new M365Error('network', `${url.host} is unreachable (${errorMessage(error)}): check the network connection, a proxy or firewall in between, and the cloud chosen in the settings.`));
      });
      outgoing.end(request.body);
    });
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
