/**
 * An SMTP sink on loopback for the test-message tests: the smtp-server package, with STARTTLS
 * offered or not (or implicit TLS), optional AUTH checked against one user, recipients it refuses
 * with a chosen reply, and every message it accepts kept so a test can read it back.
 *
 *   const sink = await startSmtpSink({ host: '127.0.0.140', cert: pki.issue({ ipAddresses: ['127.0.0.140'] }) });
 *   ... send to sink.host:sink.port ...
 *   sink.messages[0]?.raw   // the message as received, headers and body
 *   await sink.close();
 */
import type { SecureVersion } from 'node:tls';
import { TLSSocket } from 'node:tls';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import type { IssuedCert } from './ca.js';
import type { LabSmtpServer } from './smtp-scenarios.js';

export type SinkTransport = 'starttls' | 'plain' | 'implicit-tls';

export interface SmtpSinkOptions {
  readonly host: string;
  readonly port?: number;
  /** Needed for 'starttls' and 'implicit-tls'. */
  readonly cert?: IssuedCert;
  /** 'starttls' (default) offers STARTTLS; 'plain' neither offers nor accepts it. */
  readonly transport?: SinkTransport;
  /** When set, AUTH PLAIN/LOGIN is offered (after TLS) and required before MAIL FROM. */
  readonly auth?: { readonly user: string; readonly password: string };
  /** Recipients refused at RCPT TO, with the reply text after the code (e.g. "5.7.64 TenantAttribution; Relay Access Denied"). */
  readonly refuse?: Readonly<Record<string, { readonly code: number; readonly text: string }>>;
  /**
   * Require every TLS client to present a certificate that chains to one of these roots, as a
   * server that identifies its peers by certificate does, and keep it in SinkMessage.clientCertificateDer.
   * A client without one fails the handshake.
   */
  readonly requireClientCert?: { readonly ca: readonly string[] };
  /**
   * The only TLS versions the sink speaks; by default those smtp-server and Node allow. A range below TLS 1.2
   * also lowers OpenSSL's security level to 0, the only level at which OpenSSL 3 still does TLS 1.0/1.1.
   */
  readonly tlsVersions?: { readonly min: SecureVersion; readonly max: SecureVersion };
}

export interface SinkMessage {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
  /** The message exactly as received (CRLF line ends). */
  readonly raw: string;
  /** The session was encrypted when the message came in. */
  readonly secure: boolean;
  /** The user the session logged in as, or null. */
  readonly user: string | null;
  /** The negotiated TLS version (e.g. "TLSv1.3"), or null for a plain session. */
  readonly tlsProtocol: string | null;
  /** Base64 DER of the certificate the client presented (requireClientCert only), or null. */
  readonly clientCertificateDer: string | null;
}

export interface AuthAttempt {
  readonly method: string;
  readonly username: string;
  readonly accepted: boolean;
}

export interface SmtpSink extends LabSmtpServer {
  readonly messages: readonly SinkMessage[];
  readonly authAttempts: readonly AuthAttempt[];
  /** How many TCP connections reached the sink. */
  readonly connections: () => number;
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** The envelope address of an smtp-server address object (false for the null sender). */
function addressOf(value: { readonly address: string } | false): string {
  return value === false ? '' : value.address;
}

/** TLS version limits for the secure context (see SmtpSinkOptions.tlsVersions). */
function versionOptions(versions: SmtpSinkOptions['tlsVersions']): Partial<SMTPServerOptions> {
  if (versions === undefined) return {};
  const legacy = versions.min !== 'TLSv1.2' && versions.min !== 'TLSv1.3';
  return { minVersion: versions.min, maxVersion: versions.max, ...(legacy ? { ciphers: 'DEFAULT@SECLEVEL=0' } : {}) };
}

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const transport = options.transport ?? 'starttls';
  const messages: SinkMessage[] = [];
  const authAttempts: AuthAttempt[] = [];
  let connections = 0;
  if (transport !== 'plain' && options.cert === undefined) throw new Error(`the ${transport} sink needs a certificate`);
  const tlsOptions: Partial<SMTPServerOptions> =
    options.cert === undefined || transport === 'plain'
      ? {}
      : {
          key: options.cert.keyPem,
          cert: [options.cert.certPem, ...options.cert.chainPem].join('\n'),
          ...(options.requireClientCert === undefined
            ? {}
            : { requestCert: true, rejectUnauthorized: true, ca: [...options.requireClientCert.ca] }),
          ...versionOptions(options.tlsVersions),
        };
  /** What each TLS session negotiated, by smtp-server session id, read when its message comes in. */
  const tlsSessions = new Map<string, { readonly protocol: string | null; readonly certificateDer: string | null }>();
  const disabledCommands = [...(transport === 'plain' ? ['STARTTLS'] : []), ...(options.auth === undefined ? ['AUTH'] : [])];
  const auth = options.auth;
  const server = new SMTPServer({
    name: 'sink.contoso.test',
    banner: 'lab sink ESMTP ready',
    secure: transport === 'implicit-tls',
    ...tlsOptions,
    disabledCommands,
    authMethods: ['PLAIN', 'LOGIN'],
    authOptional: auth === undefined,
    logger: false,
    closeTimeout: 200,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onSecure(socket, session, callback) {
      if (socket instanceof TLSSocket) {
        const peer = socket.getPeerCertificate();
        // An empty object (no `raw`) when the client sent no certificate.
        const der = 'raw' in peer ? peer.raw.toString('base64') : null;
        tlsSessions.set(session.id, { protocol: socket.getProtocol(), certificateDer: der });
      }
      callback();
    },
    onAuth(attempt, _session, callback) {
      const accepted = auth !== undefined && attempt.username === auth.user && attempt.password === auth.password;
      authAttempts.push({ method: attempt.method, username: attempt.username ?? '', accepted });
      if (accepted) callback(null, { user: attempt.username });
      else callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, callback) {
      const refusal = options.refuse?.[address.address.toLowerCase()];
      if (refusal === undefined) callback();
      else callback(smtpError(refusal.code, refusal.text));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const tls = tlsSessions.get(session.id);
        messages.push({
          mailFrom: addressOf(session.envelope.mailFrom),
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          secure: session.secure,
          user: typeof session.user === 'string' ? session.user : null,
          tlsProtocol: tls?.protocol ?? null,
          clientCertificateDer: tls?.certificateDer ?? null,
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('the sink has no TCP address');
  return {
    host: options.host,
    port: address.port,
    messages,
    authAttempts,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
