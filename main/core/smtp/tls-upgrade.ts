/**
 * The TLS handshake after STARTTLS. It accepts any certificate and old protocol versions on
 * purpose: the probe must finish the handshake to read a bad certificate or an outdated protocol
 * and report on it; Node's verdict against the given trust anchors is recorded, never acted on.
 */
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { connect, rootCertificates } from 'node:tls';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { ProbeStageOutcome, ProbeTls } from './probe-types.js';

export interface TlsUpgradeOptions {
  /** The name the certificate should carry: sent as SNI unless it is an IP address. */
  readonly host: string;
  /** Extra trust anchors (PEM); the system roots are always trusted too. */
  readonly extraCaPem: readonly string[];
  readonly deadlineAt: number;
  readonly now: () => number;
  readonly signal: AbortSignal;
}

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
  return new Promise<TlsUpgradeResult>((resolve) => {
    const tlsSocket = connect({
      socket,
      // `host` is what Node checks the certificate against; SNI must not carry an IP address.
      host: options.host,
      ...(literal ? {} : { servername: options.host }),
      ca: [...rootCertificates, ...options.extraCaPem],
      minVersion: 'TLSv1',
      // Security level 0 lets OpenSSL 3 still negotiate TLS 1.0/1.1 so that they can be reported.
      ciphers: 'DEFAULT@SECLEVEL=0',
      rejectUnauthorized: false,
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
          authorizationError:
            authorizationError instanceof Error ? authorizationError.message : typeof authorizationError === 'string' ? authorizationError : null,
          peerChainDer: chainDer(tlsSocket.getPeerCertificate(true)),
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
