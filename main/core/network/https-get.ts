/**
 * One HTTPS GET of a small text file, the way an MTA-STS sender fetches a policy (RFC 8461 section
 * 3.3): the name resolved through the run's resolver (never the system's), the connection through
 * the SocketConnector port, TLS with the name as SNI and the certificate verified against the system
 * roots plus the extra anchors (name included), HTTP/1.1 by node:http, no redirect followed, a size
 * limit. Each way it can fail is an HttpsGetError whose kind says where and whose message says what
 * to do.
 */
import { request } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { resolveAddresses } from '../dns/address-lookup.js';
import { trustAnchors } from '../m365/http.js';
import type { DnsResolver } from '../ports/dns.js';
import type { SocketConnector } from '../ports/socket.js';

export type HttpsGetFailure =
  /** The host name did not resolve through the configured resolver. */
  | 'dns'
  /** No address of the host accepted a TCP connection on the port. */
  | 'connect'
  /** The TLS handshake failed (not a certificate problem). */
  | 'tls'
  /** The certificate is not trusted, not valid now, or does not name the host. */
  | 'certificate'
  /** The HTTP exchange broke off or was not HTTP. */
  | 'http'
  /** The answer is larger than the limit. */
  | 'too-large'
  /** The caller's signal fired (deadline or cancel). */
  | 'aborted';

export class HttpsGetError extends Error {
  override readonly name = 'HttpsGetError';
  constructor(
    readonly kind: HttpsGetFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface HttpsGetOptions {
  /** The host name: looked up, sent as SNI and Host, and required in the certificate. */
  readonly host: string;
  /** Absolute path, e.g. "/.well-known/mta-sts.txt". */
  readonly path: string;
  /** Default 443. */
  readonly port?: number;
  readonly resolver: DnsResolver;
  readonly connector: SocketConnector;
  /** Trust anchors (PEM) added to the system roots. */
  readonly extraCaPem: readonly string[];
  /** Ends the fetch (the check's deadline or a cancel); there is no other timeout. */
  readonly signal: AbortSignal;
  /** Bodies larger than this are refused. */
  readonly maxBytes: number;
}

export interface HttpsGetResponse {
  readonly status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The address the answer came from. */
  readonly address: string;
  /** The CNAME chain the lookup followed, starting with the host. */
  readonly chain: readonly string[];
  readonly tlsProtocol: string | null;
}

/** Node's codes for a certificate that does not verify (OpenSSL's, and Node's own for the name). */
const NAME_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID']);
const TIME_CODES = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const TRUST_CODES = new Set(['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT', 'CERT_UNTRUSTED', 'CERT_SIGNATURE_FAILURE', 'CERT_REVOKED', 'INVALID_CA']);

const codeOf = (error: unknown): string => (error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : '');

/** OpenSSL's own words ("wrong version number") rather than its whole error line, when Node gives them. */
const tlsReason = (error: Error): string => ('reason' in error && typeof error.reason === 'string' ? error.reason : errorMessage(error));

/** Read through a call, so that a check before an await does not make the compiler think it stays false. */
const isAborted = (signal: AbortSignal): boolean => signal.aborted;

function aborted(signal: AbortSignal, what: string): HttpsGetError {
  return new HttpsGetError('aborted', `${what} was stopped: ${signal.reason instanceof Error ? signal.reason.message : 'cancelled'}`, { cause: signal.reason });
}

function certificateError(host: string, error: unknown): HttpsGetError | null {
  const code = codeOf(error);
  const detail = errorMessage(error);
  if (NAME_CODES.has(code)) return new HttpsGetError('certificate', `the certificate of ${host} does not name ${host} (${detail}): serve a certificate whose names include ${host}`, { cause: error });
  if (TIME_CODES.has(code)) return new HttpsGetError('certificate', `the certificate of ${host} is not valid now (${detail}): renew it`, { cause: error });
  if (TRUST_CODES.has(code)) {
    return new HttpsGetError('certificate', `the certificate of ${host} is not trusted (${detail}): use a certificate from a public certification authority and send its intermediate certificates`, { cause: error });
  }
  return null;
}

async function connectAny(options: HttpsGetOptions, port: number): Promise<{ readonly socket: Socket; readonly address: string; readonly chain: readonly string[] }> {
  const lookup = await resolveAddresses(options.resolver, options.host);
  if (!lookup.ok) throw new HttpsGetError('dns', `${options.host} did not resolve through ${options.resolver.description} (${lookup.failure}): ${lookup.message}; publish its A or AAAA record`);
  const failures: string[] = [];
  for (const address of lookup.addresses) {
    if (isAborted(options.signal)) throw aborted(options.signal, `Connecting to ${options.host}`);
    try {
      const socket = await options.connector.connect({ host: address, port, signal: options.signal });
      return { socket, address, chain: lookup.chain };
    } catch (error) {
      if (isAborted(options.signal)) throw aborted(options.signal, `Connecting to ${options.host}`);
      failures.push(`${address}: ${errorMessage(error)}`);
    }
  }
  throw new HttpsGetError('connect', `no address of ${options.host} accepted a connection on port ${port} (${failures.join('; ')}): check that a web server listens there and that no firewall blocks it`);
}

/** Runs `work` until it settles or the signal fires; `onAbort` tears down what is open. */
function untilAborted<T>(signal: AbortSignal, what: string, onAbort: () => void, work: (resolve: (value: T) => void, reject: (error: Error) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      onAbort();
      reject(aborted(signal, what));
      return;
    }
    const stop = (): void => {
      onAbort();
      reject(aborted(signal, what));
    };
    signal.addEventListener('abort', stop, { once: true });
    work(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

function handshake(options: HttpsGetOptions, socket: Socket): Promise<TLSSocket> {
  const ca = trustAnchors(options.extraCaPem);
  const secure = tlsConnect({ socket, host: options.host, ...(isIP(options.host) === 0 ? { servername: options.host } : {}), ...(ca === undefined ? {} : { ca }), ALPNProtocols: ['http/1.1'] });
  return untilAborted(options.signal, `The TLS handshake with ${options.host}`, () => secure.destroy(), (resolve, reject) => {
    const onError = (error: Error): void => {
      secure.destroy();
      reject(certificateError(options.host, error) ?? new HttpsGetError('tls', `the TLS handshake with ${options.host} failed (${tlsReason(error)}): the web server must offer TLS 1.2 or newer on port ${options.port ?? 443}`, { cause: error }));
    };
    secure.once('secureConnect', () => {
      // The HTTP request takes the socket's errors from here on.
      secure.off('error', onError);
      resolve(secure);
    });
    secure.once('error', onError);
  });
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function exchange(options: HttpsGetOptions, secure: TLSSocket): Promise<{ readonly status: number; readonly headers: Record<string, string>; readonly body: string }> {
  const url = `https://${options.host}${options.port === undefined || options.port === 443 ? '' : `:${options.port}`}${options.path}`;
  const hostHeader = options.port === undefined || options.port === 443 ? options.host : `${options.host}:${options.port}`;
  const outgoing = request({ createConnection: () => secure, method: 'GET', path: options.path, setHost: false, headers: { host: hostHeader, accept: 'text/plain', connection: 'close' } });
  return untilAborted(options.signal, `Fetching ${url}`, () => outgoing.destroy(), (resolve, reject) => {
    const tooLarge = (): HttpsGetError => new HttpsGetError('too-large', `${url} sent more than ${options.maxBytes} bytes: a policy file is a few lines`);
    outgoing.on('response', (incoming) => {
      const length = Number(incoming.headers['content-length'] ?? Number.NaN);
      if (length > options.maxBytes) {
        incoming.destroy();
        reject(tooLarge());
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) incoming.destroy(tooLarge());
        else chunks.push(chunk);
      });
      incoming.on('error', (error) => {
        reject(error instanceof HttpsGetError ? error : new HttpsGetError('http', `the answer from ${url} was cut off (${errorMessage(error)})`, { cause: error }));
      });
      incoming.on('end', () => {
        resolve({ status: incoming.statusCode ?? 0, headers: headersOf(incoming), body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    outgoing.on('error', (error) => {
      reject(error instanceof HttpsGetError ? error : new HttpsGetError('http', `${url} did not answer over HTTP/1.1 (${errorMessage(error)}): serve the file over HTTPS on port ${options.port ?? 443}`, { cause: error }));
    });
    outgoing.end();
  });
}

/** GETs `https://<host><path>`; resolves with any HTTP answer (redirects included, never followed). */
export async function httpsGet(options: HttpsGetOptions): Promise<HttpsGetResponse> {
  const port = options.port ?? 443;
  const { socket, address, chain } = await connectAny(options, port);
  try {
    const secure = await handshake(options, socket);
    const tlsProtocol = secure.getProtocol();
    try {
      const answer = await exchange(options, secure);
      return { ...answer, address, chain, tlsProtocol };
    } finally {
      secure.destroy();
    }
  } finally {
    socket.destroy();
  }
}
