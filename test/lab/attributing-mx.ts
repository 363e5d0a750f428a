/**
 * A loopback stand-in for a tenant's Office 365 MX host that decides relay as Exchange Online does:
 * a recipient in an accepted domain is always taken (inbound mail); a recipient outside them only
 * when an inbound connector claims the connection, by the client certificate's name (which must be
 * in an accepted domain, like TlsSenderCertificateName) or by the source address (like
 * SenderIPAddresses). Otherwise `550 5.7.64 TenantAttribution; Relay Access Denied`. It can also
 * play a blocked sending IP (5.7.606) and a busy service (4.7.500). DATA is always refused, and
 * the test can see whether it ever came.
 */
import type { TLSSocket } from 'node:tls';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { IssuedCert } from './ca.js';
import type { LabSmtpServer } from './smtp-scenarios.js';

export interface AttributingMxOptions {
  readonly host: string;
  readonly port?: number;
  /** The certificate the stand-in presents (named as the tenant MX host). */
  readonly cert: IssuedCert;
  /** Client certificates are verified against this root. */
  readonly clientCaPem: string;
  readonly acceptedDomains: readonly string[];
  /** What the tenant's inbound connectors claim: certificate names and source addresses. */
  readonly connectors: { readonly certificateNames?: readonly string[]; readonly senderIps?: readonly string[] };
  readonly blockedIps?: readonly string[];
  readonly busy?: boolean;
}

/** One session as the stand-in saw it. */
export interface AttributedSession {
  readonly remoteAddress: string;
  readonly clientCertificateNames: string[];
  readonly commands: string[];
}

export interface AttributingMx extends LabSmtpServer {
  readonly sessions: readonly AttributedSession[];
  /** Whether any client ever sent DATA. */
  readonly dataSeen: () => boolean;
}

const inDomain = (name: string, domains: readonly string[]): boolean => domains.some((domain) => name === domain || name.endsWith(`.${domain}`));

/** The names of a verified client certificate: its CN and DNS subjectAltNames. */
function clientNames(socket: TLSSocket): string[] {
  if (!socket.authorized) return [];
  const peer = socket.getPeerCertificate();
  const names = (peer.subjectaltname ?? '').split(', ').flatMap((entry) => (entry.startsWith('DNS:') ? [entry.slice(4).toLowerCase()] : []));
  const cn = typeof peer.subject.CN === 'string' ? [peer.subject.CN.toLowerCase()] : [];
  return [...new Set([...cn, ...names])];
}

const refusal = (code: number, message: string): Error & { responseCode: number } => Object.assign(new Error(message), { responseCode: code });

export async function startAttributingMx(options: AttributingMxOptions): Promise<AttributingMx> {
  const sessions = new Map<string, AttributedSession>();
  let dataSeen = false;
  const sessionOf = (session: SMTPServerSession): AttributedSession => {
    let seen = sessions.get(session.id);
    if (seen === undefined) {
      seen = { remoteAddress: session.remoteAddress.replace(/^::ffff:/, ''), clientCertificateNames: [], commands: [] };
      sessions.set(session.id, seen);
    }
    return seen;
  };
  const claimedBy = (seen: AttributedSession): boolean =>
    seen.clientCertificateNames.some((name) => (options.connectors.certificateNames ?? []).includes(name) && inDomain(name, options.acceptedDomains)) ||
    (options.connectors.senderIps ?? []).includes(seen.remoteAddress);
  const server = new SMTPServer({
    name: 'lab-tenant.mail.protection.outlook.test',
    banner: 'Microsoft ESMTP MAIL Service ready (lab stand-in)',
    key: options.cert.keyPem,
    cert: [options.cert.certPem, ...options.cert.chainPem].join('\n'),
    ca: [options.clientCaPem],
    requestCert: true,
    disabledCommands: ['AUTH'],
    hideENHANCEDSTATUSCODES: true,
    logger: false,
    closeTimeout: 200,
    onSecure(socket, session, callback) {
      sessionOf(session).clientCertificateNames.push(...clientNames(socket as TLSSocket));
      callback();
    },
    onMailFrom(address, session, callback) {
      sessionOf(session).commands.push(`MAIL FROM:<${address.address}>`);
      callback();
    },
    onRcptTo(address, session, callback) {
      const seen = sessionOf(session);
      seen.commands.push(`RCPT TO:<${address.address}>`);
      const domain = address.address.split('@').at(-1)?.toLowerCase() ?? '';
      if (inDomain(domain, options.acceptedDomains) || (options.busy !== true && !(options.blockedIps ?? []).includes(seen.remoteAddress) && claimedBy(seen))) {
        callback();
      } else if (options.busy === true) {
        callback(refusal(451, '4.7.500 Server busy. Please try again later'));
      } else if ((options.blockedIps ?? []).includes(seen.remoteAddress)) {
        callback(refusal(550, `5.7.606 Access denied, banned sending IP [${seen.remoteAddress}]`));
      } else {
        callback(refusal(550, '5.7.64 TenantAttribution; Relay Access Denied [lab-stand-in]'));
      }
    },
    onData(stream, session, callback) {
      dataSeen = true;
      sessionOf(session).commands.push('DATA');
      stream.resume();
      stream.on('end', () => {
        callback(refusal(554, 'DATA refused by the lab stand-in: a relay test must never send it'));
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
  if (address === null || typeof address === 'string') throw new Error('the attributing MX has no TCP address');
  return {
    host: options.host,
    port: address.port,
    get sessions() {
      return [...sessions.values()];
    },
    dataSeen: () => dataSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
