/**
 * The customer's proxy, for sign-in, Graph, the Admin API and the endpoints web service. Which proxy
 * a URL goes through is a port (ProxyResolver): the environment (HTTPS_PROXY / NO_PROXY, as curl
 * reads them) here in core, the operating system's settings through Electron at the edge. The
 * tunnel is an HTTP CONNECT; TLS to Microsoft runs inside it with full verification, so a proxy can
 * never weaken it, and a refusal by the proxy is an error that names the proxy.
 */
import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { M365Error, errorMessage } from './errors.js';

/** Where one request goes: straight to the server, or through an HTTP(S) proxy (its URL, maybe with user:password). */
export type ProxyChoice = { readonly kind: 'direct' } | { readonly kind: 'proxy'; readonly url: string };

/** The port: picks the proxy for a URL (environment variables, PAC scripts, system settings). */
export type ProxyResolver = (url: string) => Promise<ProxyChoice>;

export const DIRECT: ProxyChoice = { kind: 'direct' };

export const directResolver: ProxyResolver = () => Promise.resolve(DIRECT);

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** The proxy's address for messages: scheme, host and port, never the credentials. */
export function shownProxy(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  return `${url.protocol}//${url.host}`;
}

/** A NO_PROXY entry: "*", a host or domain (".example.com" and "example.com" both cover subdomains), optional ":port". */
function bypasses(entry: string, host: string, port: string): boolean {
  if (entry === '*') return true;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
  if (match === null) return false;
  if (match[2] !== undefined && match[2] !== port) return false;
  const pattern = (match[1] ?? '').toLowerCase().replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return name === pattern || name.endsWith(`.${pattern}`);
}

/** HTTPS_PROXY (or https_proxy, then ALL_PROXY) unless NO_PROXY (or no_proxy) names the host. */
export function environmentProxyResolver(env: ProxyEnvironment): ProxyResolver {
  const pick = (...names: string[]): string => names.map((name) => env[name]?.trim() ?? '').find((value) => value !== '') ?? '';
  const configured = pick('HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy');
  const noProxy = pick('NO_PROXY', 'no_proxy')
    .split(/[\s,]+/)
    .filter((entry) => entry !== '');
  const proxyUrl = configured === '' ? '' : /^[a-z][a-z0-9+.-]*:\/\//i.test(configured) ? configured : `http://${configured}`;
  if (proxyUrl !== '') {
    const protocol = URL.canParse(proxyUrl) ? new URL(proxyUrl).protocol : '';
    if (protocol !== 'http:' && protocol !== 'https:') {
      return () => Promise.reject(new M365Error('proxy', `The proxy setting HTTPS_PROXY="${URL.canParse(proxyUrl) ? shownProxy(proxyUrl) : configured}" is not an http:// or https:// proxy address; SOCKS proxies are not supported.`));
    }
  }
  return (url) => {
    if (proxyUrl === '') return Promise.resolve(DIRECT);
    const target = new URL(url);
    const port = target.port === '' ? (target.protocol === 'https:' ? '443' : '80') : target.port;
    if (noProxy.some((entry) => bypasses(entry, target.hostname, port))) return Promise.resolve(DIRECT);
    return Promise.resolve({ kind: 'proxy', url: proxyUrl });
  };
}

/**
 * What Chromium's proxy resolution (Electron's session.resolveProxy) answers: a PAC result such as
 * "PROXY proxy.contoso.com:8080; DIRECT". The first entry this transport can use wins; SOCKS entries
 * are skipped.
 */
export function parsePacResult(result: string): ProxyChoice {
  for (const entry of result.split(';').map((part) => part.trim()).filter((part) => part !== '')) {
    const [keyword = '', address = ''] = entry.split(/\s+/);
    const upper = keyword.toUpperCase();
    if (upper === 'DIRECT') return DIRECT;
    if ((upper === 'PROXY' || upper === 'HTTP') && address !== '') return { kind: 'proxy', url: `http://${address}` };
    if (upper === 'HTTPS' && address !== '') return { kind: 'proxy', url: `https://${address}` };
  }
  if (result.trim() === '') return DIRECT;
  throw new M365Error('proxy', `The system proxy settings name only proxies this app cannot use ("${result}"): configure an HTTP proxy, or set HTTPS_PROXY.`);
}

/** The environment wins when it names a proxy (as for curl and most tools); otherwise the system settings. */
export function preferEnvironment(env: ProxyEnvironment, system: ProxyResolver): ProxyResolver {
  const fromEnvironment = environmentProxyResolver(env);
  const configured = ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy'].some((name) => (env[name]?.trim() ?? '') !== '');
  return configured ? fromEnvironment : system;
}

export interface TunnelOptions {
  readonly proxyUrl: string;
  /** Host and port of the server behind the proxy. */
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
  /** Trust anchors for an https:// proxy itself (the tunnelled TLS is verified separately); default Node's. */
  readonly ca?: readonly string[];
  readonly signal?: AbortSignal;
}

function refusedBy(proxy: string, target: string, response: IncomingMessage): M365Error {
  const status = response.statusCode ?? 0;
  const detail = { status, proxy };
  if (status === 407) {
    return new M365Error('proxy', `The proxy ${proxy} asks for a sign-in (HTTP 407 Proxy Authentication Required) before it connects to ${target}: put the proxy user and password in HTTPS_PROXY (http://user:password@host:port), or ask for ${target} to be allowed without proxy authentication.`, detail);
  }
  if (status === 403) {
    return new M365Error('proxy', `The proxy ${proxy} does not allow connections to ${target} (HTTP 403): ask the network team to allow the Microsoft 365 sign-in and management addresses, or add ${target.split(':')[0] ?? target} to NO_PROXY if it may be reached directly.`, detail);
  }
  return new M365Error('proxy', `The proxy ${proxy} refused to connect to ${target} (HTTP ${String(status)}${response.statusMessage === undefined ? '' : ` ${response.statusMessage}`}).`, detail);
}

/** Opens a CONNECT tunnel through the proxy; the socket is raw TCP to the server, ready for TLS. */
export function openTunnel(options: TunnelOptions): Promise<Socket> {
  const proxy = new URL(options.proxyUrl);
  const shown = shownProxy(options.proxyUrl);
  const target = `${options.host.includes(':') ? `[${options.host}]` : options.host}:${String(options.port)}`;
  const headers: Record<string, string> = { host: target };
  if (proxy.username !== '') {
    headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
  }
  const send = proxy.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Socket>((resolve, reject) => {
    const connect = send({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port),
      method: 'CONNECT',
      path: target,
      headers,
      timeout: options.timeoutMs,
      agent: false,
      ...(proxy.protocol === 'https:' && options.ca !== undefined ? { ca: [...options.ca] } : {}),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    connect.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        connect.setTimeout(0);
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(refusedBy(shown, target, response));
    });
    connect.once('response', (response) => {
      response.resume();
      reject(refusedBy(shown, target, response));
    });
    connect.once('timeout', () => {
      connect.destroy(new M365Error('proxy', `The proxy ${shown} did not open a connection to ${target} within ${String(options.timeoutMs)} ms.`, { proxy: shown }));
    });
    connect.once('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof M365Error) {
        reject(error);
        return;
      }
      if (options.signal?.aborted === true) {
        reject(new M365Error('cancelled', `The request to ${target} was cancelled.`));
        return;
      }
      const refused = error.code === 'ECONNREFUSED' ? 'refused the connection' : 'could not be reached';
      reject(new M365Error('proxy', `The proxy ${shown} ${refused} (${errorMessage(error)}): check the proxy address in HTTPS_PROXY or the system proxy settings.`, { proxy: shown }));
    });
    connect.end();
  });
}
