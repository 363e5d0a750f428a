/**
 * A loopback HTTP CONNECT proxy, to stand in for the customer's: it tunnels to loopback targets only,
 * and can ask for Basic authentication (407), refuse targets (403), or inspect TLS the way a
 * corporate proxy does (terminate it with a certificate from its own root, the test PKI's "unknown"
 * root, then talk TLS to the real
 * server). Every CONNECT is recorded.
 *
 *   const proxy = await startConnectProxy({ host: '127.0.0.174' });
 *   createHttpsTransport({ proxy: environmentProxyResolver({ HTTPS_PROXY: proxy.url }) });
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { TLSSocket, connect as tlsConnect } from 'node:tls';
import { createTestPki } from './ca.js';
import type { TestPki } from './ca.js';

export interface ConnectProxyOptions {
  /** Loopback address to listen on. */
  readonly host: string;
  /** "user:password" the proxy requires in Proxy-Authorization (Basic); none by default. */
  readonly credentials?: string;
  /** Targets ("host:port") refused with 403; "*" refuses all. */
  readonly deny?: readonly string[];
  /** Terminates TLS with its own CA; the upstream server is verified with `upstreamCaPem`. */
  readonly inspectTls?: { readonly upstreamCaPem: string };
}

export interface ProxiedConnect {
  readonly target: string;
  readonly authorized: boolean;
  readonly status: number;
}

export interface ConnectProxy {
  /** http://host:port (no credentials). */
  readonly url: string;
  readonly connects: ProxiedConnect[];
  /** The inspecting proxy's root certificate (what an admin would install on the computer). */
  readonly rootPem: string | null;
  close(): Promise<void>;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost):\d+$/;

export async function startConnectProxy(options: ConnectProxyOptions): Promise<ConnectProxy> {
  const connects: ProxiedConnect[] = [];
  const sockets = new Set<Socket>();
  const pki: TestPki | null = options.inspectTls === undefined ? null : createTestPki();
  const leafByHost = new Map<string, { readonly key: string; readonly cert: string }>();
  const expected = options.credentials === undefined ? null : `Basic ${Buffer.from(options.credentials).toString('base64')}`;

  const refuse = (socket: Socket, target: string, authorized: boolean, status: number, reason: string, extra = ''): void => {
    connects.push({ target, authorized, status });
    socket.end(`HTTP/1.1 ${String(status)} ${reason}\r\n${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`);
  };

  const leafFor = (hostname: string): { readonly key: string; readonly cert: string } => {
    const known = leafByHost.get(hostname);
    if (known !== undefined) return known;
    if (pki === null) throw new Error('not an inspecting proxy');
    const isAddress = /^\d+\.\d+\.\d+\.\d+$/.test(hostname);
    const issued = pki.issue({ commonName: hostname, dnsNames: isAddress ? [] : [hostname], ...(isAddress ? { ipAddresses: [hostname] } : {}), issuer: 'unknown' });
    const leaf = { key: issued.keyPem, cert: issued.certPem };
    leafByHost.set(hostname, leaf);
    return leaf;
  };

  const server: Server = createServer((_request, response) => {
    response.writeHead(405, { 'content-type': 'text/plain' });
    response.end('Only CONNECT is supported.');
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const target = request.url ?? '';
    const authorized = expected === null || request.headers['proxy-authorization'] === expected;
    if (!authorized) {
      refuse(client, target, false, 407, 'Proxy Authentication Required', 'Proxy-Authenticate: Basic realm="lab"\r\n');
      return;
    }
    if (!LOOPBACK.test(target) || options.deny?.some((entry) => entry === '*' || entry === target) === true) {
      refuse(client, target, authorized, 403, 'Forbidden');
      return;
    }
    const colon = target.lastIndexOf(':');
    const hostname = target.slice(0, colon).replace(/^\[|\]$/g, '');
    const port = Number(target.slice(colon + 1));
    const upstream = options.inspectTls === undefined ? netConnect(port, hostname) : tlsConnect({ host: hostname, port, ca: options.inspectTls.upstreamCaPem });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.once('error', () => {
      if (connects.at(-1)?.target !== target) refuse(client, target, authorized, 502, 'Bad Gateway');
      client.destroy();
    });
    upstream.once(options.inspectTls === undefined ? 'connect' : 'secureConnect', () => {
      connects.push({ target, authorized, status: 200 });
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (pki === null) {
        if (head.length > 0) upstream.write(head);
        client.pipe(upstream);
        upstream.pipe(client);
        return;
      }
      const leaf = leafFor(hostname);
      const inspected = new TLSSocket(client, { isServer: true, key: leaf.key, cert: leaf.cert });
      inspected.on('error', () => {
        inspected.destroy();
        upstream.destroy();
      });
      inspected.pipe(upstream);
      upstream.pipe(inspected);
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(0, options.host, () => {
      resolve();
    });
  });
  return {
    url: `http://${options.host}:${String((server.address() as AddressInfo).port)}`,
    connects,
    rootPem: pki?.unknownRootPem ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          resolve();
        });
      }),
  };
}
