/**
 * The TLS handshake after STARTTLS. It accepts any certificate and old protocol versions on
 * purpose: the probe must finish the handshake to read a bad certificate or an outdated protocol
 * and report on it; Node's verdict against the given trust anchors is recorded, never acted on.
 */
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { checkServerIdentity, connect, createSecureContext } from 'node:tls';
import type { DetailedPeerCertificate, SecureContext, SecureVersion, TLSSocket } from 'node:tls';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { readHandshakeCertificates, type HandshakeReading } from '../tls/handshake-certificates.js';
import type { CertificateWithKey } from '../tls/certificate-file.js';
import type { ProbeStageOutcome, ProbeTls } from './probe-types.js';

/** What the client offers in one handshake; the default offers everything from TLS 1.0 up. */
export interface TlsOffer {
  readonly minVersion: SecureVersion;
  readonly maxVersion: SecureVersion;
  /** OpenSSL cipher list (TLS 1.2 and below). */
  readonly ciphers: string;
}

/** Security level 0 lets OpenSSL 3 still negotiate TLS 1.0/1.1 so that they can be reported. */
export const DEFAULT_OFFER: TlsOffer = { minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT:@SECLEVEL=0' };

export type ProfileAttemptName = SecureVersion | 'weak-ciphers';

/** The weak suite families (TLS 1.2 at most: TLS 1.3 has none of them), as OpenSSL cipher strings. */
export const WEAK_SUITE_FAMILIES = [
  { family: 'NULL', ciphers: 'eNULL' },
  { family: 'anonymous', ciphers: 'aNULL' },
  { family: 'export', ciphers: 'EXPORT' },
  { family: 'RC4', ciphers: 'RC4' },
  { family: '3DES', ciphers: '3DES' },
] as const;
export type WeakSuiteFamily = (typeof WEAK_SUITE_FAMILIES)[number]['family'];

const WEAK_RANGE = { minVersion: 'TLSv1', maxVersion: 'TLSv1.2' } as const satisfies Omit<TlsOffer, 'ciphers'>;

/** OpenSSL's answer to a cipher string that selects no suite it has. */
const NO_CIPHER_MATCH = /no cipher match/i;

let offerableFamilies: readonly WeakSuiteFamily[] | null = null;

/**
 * The weak families this process's OpenSSL can offer: a context offering only that family builds,
 * or OpenSSL says it has no such suite. OpenSSL 3 (Node 20) has NULL and anonymous suites but no
 * longer RC4, export or 3DES ones; the server cannot be asked about those.
 */
export function offerableWeakFamilies(): readonly WeakSuiteFamily[] {
  offerableFamilies ??= WEAK_SUITE_FAMILIES.filter(({ ciphers }) => {
    try {
      createSecureContext({ ...WEAK_RANGE, ciphers: `${ciphers}:@SECLEVEL=0` });
      return true;
    } catch (error) {
      if (NO_CIPHER_MATCH.test(errorMessage(error))) return false;
      throw error;
    }
  }).map(({ family }) => family);
  return offerableFamilies;
}

/** The handshakes of tls.protocols; insecure offers live here, where the lint rule allows them. */
export function profileOffers(): readonly { readonly name: ProfileAttemptName; readonly offer: TlsOffer | null }[] {
  const weak = WEAK_SUITE_FAMILIES.filter(({ family }) => offerableWeakFamilies().includes(family)).map(({ ciphers }) => ciphers);
  return [
    { name: 'TLSv1', offer: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } },
    { name: 'TLSv1.1', offer: { minVersion: 'TLSv1.1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' } },
    { name: 'TLSv1.2', offer: { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: 'DEFAULT' } },
    { name: 'TLSv1.3', offer: { minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT' } },
    { name: 'weak-ciphers', offer: weak.length === 0 ? null : { ...WEAK_RANGE, ciphers: `${weak.join(':')}:@SECLEVEL=0` } },
  ];
}

const contexts = new Map<string, SecureContext>();

/** The native context Node keeps inside a SecureContext (what its own `ca` option adds to). */
interface NativeContext {
  addCACert(pem: string): void;
}

/**
 * One secure context per offer and trust anchor set, kept for the process. Extra anchors are added
 * to the system roots Node has already parsed once, with the same call Node's own `ca` option
 * makes: passing `ca: [...rootCertificates, ...extra]` instead would parse all ~140 roots again for
 * each of the six offers, a large share of a pre-flight's start-up.
 */
function secureContextFor(offer: TlsOffer, extraCaPem: readonly string[] | 'none', client: ClientCertificate | null = null): SecureContext {
  const key = JSON.stringify([offer, extraCaPem, client]);
  let context = contexts.get(key);
  if (context === undefined) {
    const versions = { minVersion: offer.minVersion, maxVersion: offer.maxVersion, ciphers: offer.ciphers, ...(client === null ? {} : { cert: client.certPem, key: client.keyPem }) };
    // An empty `ca` list replaces the system roots: nothing verifies, so Node does no chain work at all.
    if (extraCaPem === 'none') {
      context = createSecureContext({ ...versions, ca: [] });
      contexts.set(key, context);
      return context;
    }
    context = createSecureContext(versions);
    const native = (context as unknown as { readonly context: NativeContext }).context;
    for (const pem of extraCaPem) native.addCACert(pem);
    contexts.set(key, context);
  }
  return context;
}

/** A certificate (PEM, leaf first, with its chain) and its private key (PEM), presented to the server when it asks. */
export type ClientCertificate = CertificateWithKey;

export interface TlsUpgradeOptions {
  /** The name the certificate should carry: sent as SNI unless it is an IP address. */
  readonly host: string;
  /** Extra trust anchors (PEM); the system roots are always trusted too. */
  readonly extraCaPem: readonly string[];
  readonly deadlineAt: number;
  readonly now: () => number;
  readonly signal: AbortSignal;
  /** Versions and ciphers to offer; DEFAULT_OFFER when absent. */
  readonly offer?: TlsOffer;
  /** Record the server's handshake bytes to read its certificates as sent (see ProbeTls.sentChainDer). */
  readonly recordSentChain?: boolean;
  /**
   * false for a handshake that only asks which protocol and cipher the server accepts: no trust
   * anchors, so the chain is neither verified nor read (authorized is false, peerChainDer empty).
   * A TLS handshake costs the client about a third less CPU this way.
   */
  readonly verifyPeer?: boolean;
  /** Presented when the server asks for a client certificate (Office 365 attributes a connection by it). */
  readonly clientCertificate?: ClientCertificate | null;
}

/**
 * The socket as a stream whose incoming bytes are also handed to `record` until it says stop.
 * TLS over a net.Socket reads the socket's handle directly, so the bytes are only seen by putting
 * a stream in between (Node then runs TLS over it as over any stream).
 */
function recordingStream(socket: Socket, record: (chunk: Buffer) => boolean): Duplex {
  let recording = true;
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy(error ?? undefined);
      callback(error);
    },
  });
  socket.on('data', (chunk: Buffer) => {
    if (recording) recording = record(chunk);
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('error', (error) => stream.destroy(error));
  socket.on('close', () => stream.destroy());
  return stream;
}

/** The authorization error of a handshake made with verifyPeer: false. */
const NOT_VERIFIED = 'not verified: this handshake only tested which protocol and cipher the server accepts';

export type TlsUpgradeResult =
  | { readonly ok: true; readonly socket: TLSSocket; readonly tls: ProbeTls }
  | { readonly ok: false; readonly outcome: ProbeStageOutcome; readonly detail: string };

/** Node types these as always present; at run time either may be missing (no certificate, unknown issuer). */
function rawOf(cert: DetailedPeerCertificate): Buffer | undefined {
  return cert.raw;
}
function issuerOf(cert: DetailedPeerCertificate): DetailedPeerCertificate | undefined {
  return cert.issuerCertificate;
}

/** The chain leaf first; Node links a self-signed root to itself, which ends the walk. */
function chainDer(leaf: DetailedPeerCertificate): string[] {
  const chain: string[] = [];
  let current: DetailedPeerCertificate | undefined = leaf;
  while (current !== undefined) {
    const raw = rawOf(current);
    if (raw === undefined) break;
    const der = raw.toString('base64');
    if (chain.includes(der)) break;
    chain.push(der);
    current = issuerOf(current);
  }
  return chain;
}

function errorCode(error: Error): string | undefined {
  const code: unknown = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

function describeFailure(error: Error): { outcome: ProbeStageOutcome; detail: string } {
  const code = errorCode(error);
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return { outcome: 'closed', detail: `the server closed the connection during the TLS handshake (${error.message})` };
  }
  if (/protocol version|unsupported protocol|no protocols available/i.test(error.message)) {
    return {
      outcome: 'tls-failed',
      detail: `the server and this probe have no TLS version in common (${error.message})`,
    };
  }
  if (/wrong version number|packet length too long|record layer failure/i.test(error.message)) {
    return { outcome: 'tls-failed', detail: `the server did not answer with TLS after accepting STARTTLS (${error.message})` };
  }
  return { outcome: 'tls-failed', detail: `TLS handshake failed: ${error.message}` };
}

export function upgradeToTls(socket: Socket, options: TlsUpgradeOptions): Promise<TlsUpgradeResult> {
  const literal = isIP(options.host) !== 0;
  const verify = options.verifyPeer !== false;
  return new Promise<TlsUpgradeResult>((resolve) => {
    // Node reads the peer's chain once to check the name; keep that copy instead of reading it again.
    let checkedPeer: DetailedPeerCertificate | null = null;
    let sent: HandshakeReading = { kind: options.recordSentChain === true ? 'incomplete' : 'unreadable' };
    let recorded = Buffer.alloc(0);
    const record = (chunk: Buffer): boolean => {
      recorded = Buffer.concat([recorded, chunk]);
      sent = readHandshakeCertificates(recorded);
      return sent.kind === 'incomplete';
    };
    const tlsSocket = connect({
      socket: options.recordSentChain === true ? recordingStream(socket, record) : socket,
      // `host` is what Node checks the certificate against; SNI must not carry an IP address.
      host: options.host,
      ...(literal ? {} : { servername: options.host }),
      secureContext: secureContextFor(options.offer ?? DEFAULT_OFFER, verify ? options.extraCaPem : 'none', options.clientCertificate ?? null),
      rejectUnauthorized: false,
      checkServerIdentity: (hostname, cert) => {
        // Node passes getPeerCertificate(true): the detailed chain, typed here as its plain base type.
        checkedPeer = cert as DetailedPeerCertificate;
        return checkServerIdentity(hostname, cert);
      },
    });
    const finish = (result: TlsUpgradeResult): void => {
      clearTimeout(timer);
      options.signal.removeEventListener('abort', onAbort);
      tlsSocket.off('secureConnect', onSecure);
      tlsSocket.off('error', onError);
      tlsSocket.off('close', onClose);
      if (!result.ok) {
        // Keep a listener: a late error on a socket being torn down must not crash the process.
        tlsSocket.on('error', () => undefined);
        tlsSocket.destroy();
      }
      resolve(result);
    };
    const onSecure = (): void => {
      const cipher = tlsSocket.getCipher();
      const authorizationError: unknown = tlsSocket.authorizationError;
      finish({
        ok: true,
        socket: tlsSocket,
        tls: {
          protocol: tlsSocket.getProtocol(),
          cipher: cipher.standardName,
          authorized: tlsSocket.authorized,
          authorizationError: !verify
            ? NOT_VERIFIED
            : authorizationError instanceof Error
              ? authorizationError.message
              : typeof authorizationError === 'string'
                ? authorizationError
                : null,
          // Node skips the name check (and its read of the chain) when the chain did not verify.
          peerChainDer: verify ? chainDer(checkedPeer ?? tlsSocket.getPeerCertificate(true)) : [],
          sentChainDer: sent.kind === 'certificates' ? sent.chainDer : null,
        },
      });
    };
    const onError = (error: Error): void => {
      finish({ ok: false, ...describeFailure(error) });
    };
    const onClose = (): void => {
      finish({ ok: false, outcome: 'closed', detail: 'the server closed the connection during the TLS handshake' });
    };
    const onAbort = (): void => {
      finish({ ok: false, outcome: 'aborted', detail: 'the probe was cancelled during the TLS handshake' });
    };
    const timer = setTimeout(() => {
      finish({ ok: false, outcome: 'timeout', detail: 'the TLS handshake did not complete before the deadline' });
    }, Math.max(0, options.deadlineAt - options.now()));
    tlsSocket.once('secureConnect', onSecure);
    tlsSocket.once('error', onError);
    tlsSocket.once('close', onClose);
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  });
}
