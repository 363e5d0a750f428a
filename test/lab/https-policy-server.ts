/**
 * Lab web server for MTA-STS policies: one node:https server on a loopback address (port 443 by
 * default, as senders fetch) that serves `/.well-known/mta-sts.txt` for several made-up hosts,
 * each with its own answer and its own certificate from the test CA (chosen by SNI): valid for the
 * name, for another name, from an unknown root, or expired.
 *
 *   const web = await startPolicyServer({ address: '127.0.3.2', sites: {
 *     'mta-sts.contoso.test': { body: 'version: STSv1\nmode: enforce\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n' },
 *     'mta-sts.moved.test': { status: 301, headers: { location: 'https://www.moved.test/' } },
 *     'mta-sts.wrong.test': { certificate: 'wrong-name' },
 *   } });
 *   // trust web.rootPem; await web.close();
 */
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import { createTestPki, type IssuedCert } from './ca.js';

export const POLICY_PATH = '/.well-known/mta-sts.txt';

export interface PolicySite {
  /** Default 200. */
  readonly status?: number;
  /** Default "text/plain"; null sends no Content-Type. */
  readonly contentType?: string | null;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Which certificate the host presents; default one for its own name from the test CA. */
  readonly certificate?: 'valid' | 'wrong-name' | 'untrusted' | 'expired';
  /** answer (default), chunked (no Content-Length, the body in pieces) or silent (never answers). */
  readonly behaviour?: 'answer' | 'chunked' | 'silent';
}

export interface PolicyServerOptions {
  /** A loopback address. */
  readonly address: string;
  /** Default 443; 0 picks a free port. */
  readonly port?: number;
  /** By host name (what SNI and Host carry). */
  readonly sites: Readonly<Record<string, PolicySite>>;
}

export interface PolicyRequest {
  readonly servername: string | null;
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

export interface LabPolicyServer {
  readonly address: string;
  readonly port: number;
  /** The test CA's root: trust it to accept the 'valid' certificates. */
  readonly rootPem: string;
  readonly requests: readonly PolicyRequest[];
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

function certificateFor(host: string, kind: NonNullable<PolicySite['certificate']>): IssuedCert {
  const pki = createTestPki();
  switch (kind) {
    case 'valid':
      return pki.issue({ dnsNames: [host] });
    case 'wrong-name':
      return pki.issue({ dnsNames: [`www.${host.replace(/^mta-sts\./, '')}`] });
    case 'untrusted':
      return pki.issue({ dnsNames: [host], issuer: 'unknown' });
    case 'expired':
      return pki.issue({ dnsNames: [host], notBefore: new Date(Date.now() - 30 * DAY_MS), notAfter: new Date(Date.now() - DAY_MS) });
  }
}

const contextOf = (cert: IssuedCert): SecureContext => createSecureContext({ cert: [cert.certPem, ...cert.chainPem].join('\n'), key: cert.keyPem });

export async function startPolicyServer(options: PolicyServerOptions): Promise<LabPolicyServer> {
  const requests: PolicyRequest[] = [];
  const contexts = new Map<string, SecureContext>();
  const lower = Object.fromEntries(Object.entries(options.sites).map(([host, site]) => [host.toLowerCase(), site]));
  const fallback = createTestPki().issue({ dnsNames: ['no-sni.invalid'] });
  const server: Server = createServer(
    {
      cert: [fallback.certPem, ...fallback.chainPem].join('\n'),
      key: fallback.keyPem,
      SNICallback: (servername, done) => {
        const host = servername.toLowerCase();
        const site = lower[host];
        // A host that is not a site gets the server's default certificate, which names no site.
        if (site === undefined) {
          done(null, undefined);
          return;
        }
        const kind = site.certificate ?? 'valid';
        const key = `${host}\u0000${kind}`;
        let context = contexts.get(key);
        if (context === undefined) {
          context = contextOf(certificateFor(host, kind));
          contexts.set(key, context);
        }
        done(null, context);
      },
    },
    (request, response) => {
      const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const servername = (request.socket as { servername?: string | false }).servername;
      requests.push({ servername: typeof servername === 'string' ? servername : null, host, method: request.method ?? '', path: request.url ?? '' });
      const site = lower[host];
      if (site === undefined || request.url !== POLICY_PATH) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      if (site.behaviour === 'silent') return;
      const contentType = site.contentType === undefined ? 'text/plain' : site.contentType;
      const headers = { ...(contentType === null ? {} : { 'content-type': contentType }), ...site.headers };
      const body = site.body ?? '';
      if (site.behaviour === 'chunked') {
        response.writeHead(site.status ?? 200, headers);
        for (let offset = 0; offset < body.length; offset += 4096) response.write(body.slice(offset, offset + 4096));
        response.end();
        return;
      }
      response.writeHead(site.status ?? 200, { ...headers, 'content-length': String(Buffer.byteLength(body)) }).end(body);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 443, options.address, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: options.address,
    port,
    rootPem: createTestPki().rootPem,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error === undefined) resolve();
          else reject(error);
        });
      }),
  };
}
