import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createM365Auth } from '../../../../main/core/m365/auth.js';
import { M365Error } from '../../../../main/core/m365/errors.js';
import { createHttpsTransport, fetchOverTransport, trustAnchors } from '../../../../main/core/m365/http.js';
import { DIRECT, environmentProxyResolver, parsePacResult, preferEnvironment, shownProxy } from '../../../../main/core/m365/proxy.js';
import type { ProxyResolver } from '../../../../main/core/m365/proxy.js';
import { readTenant, tenantSnapshotSchema } from '../../../../main/core/m365/tenant-snapshot.js';
import { createChunkedSecretStore } from '../../../../main/core/secrets/chunked-secret-store.js';
import { startConnectProxy } from '../../../lab/connect-proxy.js';
import type { ConnectProxy } from '../../../lab/connect-proxy.js';
import { createLimitedSecretStore } from '../../../lab/limited-secret-store.js';
import { SAMPLE_TENANT, startM365Peer } from '../../../lab/m365-peer.js';
import type { M365Peer } from '../../../lab/m365-peer.js';
import { systemClock } from '../../../../main/platform/clock.js';

const CLIENT_ID = '3f1c6a52-8b7e-4d2a-9c1f-0a4b5c6d7e8f';

describe('environmentProxyResolver', () => {
  it('uses HTTPS_PROXY (or https_proxy) and bypasses what NO_PROXY names', async () => {
    const resolve = environmentProxyResolver({ https_proxy: 'proxy.contoso.test:3128', NO_PROXY: 'localhost, .internal.contoso.test,graph.microsoft.com:8443 [::1]' });
    expect(await resolve('https://login.microsoftonline.com/organizations')).toEqual({ kind: 'proxy', url: 'http://proxy.contoso.test:3128' });
    expect(await resolve('https://a.internal.contoso.test/x')).toEqual(DIRECT);
    expect(await resolve('https://internal.contoso.test/x')).toEqual(DIRECT);
    expect(await resolve('https://graph.microsoft.com:8443/v1.0')).toEqual(DIRECT);
    expect(await resolve('https://graph.microsoft.com/v1.0')).toMatchObject({ kind: 'proxy' });
    expect(await resolve('https://[::1]:444/')).toEqual(DIRECT);
    expect(await environmentProxyResolver({ HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' })('https://x.test/')).toEqual(DIRECT);
    expect(await environmentProxyResolver({})('https://x.test/')).toEqual(DIRECT);
  });

  it('refuses a SOCKS proxy with a sentence that names it, never its password', async () => {
    const failure = environmentProxyResolver({ HTTPS_PROXY: 'socks5://user:secret@proxy.test:1080' })('https://x.test/');
    await expect(failure).rejects.toMatchObject({ kind: 'proxy' });
    await expect(failure).rejects.toThrow(/socks5:\/\/proxy.test:1080.*SOCKS/);
    await expect(failure).rejects.not.toThrow(/secret/);
    expect(shownProxy('http://user:secret@proxy.test:8080')).toBe('http://proxy.test:8080');
  });

  it('prefers the environment over the system settings only when it names a proxy', async () => {
    const system: ProxyResolver = () => Promise.resolve({ kind: 'proxy', url: 'http://system.test:8080' });
    expect(await preferEnvironment({}, system)('https://x.test/')).toEqual({ kind: 'proxy', url: 'http://system.test:8080' });
    expect(await preferEnvironment({ HTTPS_PROXY: 'http://env.test:3128' }, system)('https://x.test/')).toEqual({ kind: 'proxy', url: 'http://env.test:3128' });
  });
});

describe('parsePacResult (what Electron’s session.resolveProxy answers)', () => {
  it('takes the first usable entry', () => {
    expect(parsePacResult('DIRECT')).toEqual(DIRECT);
    expect(parsePacResult('')).toEqual(DIRECT);
    expect(parsePacResult('PROXY proxy.contoso.test:8080; DIRECT')).toEqual({ kind: 'proxy', url: 'http://proxy.contoso.test:8080' });
    expect(parsePacResult('SOCKS5 s.test:1080; HTTPS secure.test:443')).toEqual({ kind: 'proxy', url: 'https://secure.test:443' });
    expect(() => parsePacResult('SOCKS5 s.test:1080')).toThrow(M365Error);
  });
});

describe('trustAnchors', () => {
  it('adds the operating system’s roots where the runtime can read them, and the extra ones', () => {
    const reader = (type: 'default' | 'system'): string[] => (type === 'default' ? ['node-root'] : ['os-root', 'node-root']);
    expect(trustAnchors(['proxy-root'], reader)).toEqual(['node-root', 'os-root', 'proxy-root']);
    expect(trustAnchors([], undefined)).toBeUndefined();
  });
});

describe('Microsoft 365 through a CONNECT proxy (loopback)', () => {
  let peer: M365Peer;
  let open: ConnectProxy;
  let authenticating: ConnectProxy;
  let denying: ConnectProxy;
  let inspecting: ConnectProxy;
  let closedProxyUrl = '';

  beforeAll(async () => {
    peer = await startM365Peer({ clientId: CLIENT_ID, host: '127.0.0.174', pendingPolls: 0, ...SAMPLE_TENANT });
    [open, authenticating, denying, inspecting] = await Promise.all([
      startConnectProxy({ host: '127.0.0.175' }),
      startConnectProxy({ host: '127.0.0.176', credentials: 'mailflow:pr0xy-pass' }),
      startConnectProxy({ host: '127.0.0.177', deny: ['*'] }),
      startConnectProxy({ host: '127.0.0.178', inspectTls: { upstreamCaPem: peer.rootPem } }),
    ]);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.179', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
    closedProxyUrl = `http://127.0.0.179:${String(port)}`;
  });

  afterAll(async () => {
    await Promise.all([peer.close(), open.close(), authenticating.close(), denying.close(), inspecting.close()]);
  });

  const through = (proxyUrl: string, extraCaPem: readonly string[] = [peer.rootPem]) =>
    createHttpsTransport({ extraCaPem, timeoutMs: 5000, proxy: environmentProxyResolver({ HTTPS_PROXY: proxyUrl }) });

  it('signs in, reads Graph and the Admin API through the proxy, with TLS to the peer verified inside the tunnel', async () => {
    const transport = through(open.url);
    const auth = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: createChunkedSecretStore(createLimitedSecretStore()), transport });
    await auth.signInWithDeviceCode(() => undefined);
    const snapshot = await readTenant({ auth, transport });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.acceptedDomains?.map((domain) => domain.domainName)).toEqual(['contoso.test', 'contoso.onmicrosoft.test']);
    const peerTarget = new URL(peer.url).host;
    expect(open.connects.length).toBeGreaterThanOrEqual(5);
    expect(open.connects.every((entry) => entry.target === peerTarget && entry.status === 200)).toBe(true);
  });

  it('keeps verifying: the peer’s certificate is refused through the proxy without its root', async () => {
    await expect(through(open.url, [])({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} })).rejects.toMatchObject({ kind: 'proxy', message: expect.stringMatching(/not trusted/) as unknown });
  });

  it('names the proxy when it asks for authentication (407), and passes credentials from HTTPS_PROXY', async () => {
    const failure = through(authenticating.url)({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} });
    await expect(failure).rejects.toMatchObject({ name: 'M365Error', kind: 'proxy', detail: { status: 407, proxy: authenticating.url } });
    await expect(failure).rejects.toThrow(/proxy http:\/\/127\.0\.0\.176:\d+ asks for a sign-in \(HTTP 407/);
    const withCredentials = authenticating.url.replace('http://', 'http://mailflow:pr0xy-pass@');
    const answer = await through(withCredentials)({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} });
    expect(answer.status).toBe(401);
    expect(authenticating.connects.at(-1)).toMatchObject({ authorized: true, status: 200 });
    const wrong = through(authenticating.url.replace('http://', 'http://mailflow:wrong@'))({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} });
    await expect(wrong).rejects.not.toThrow(/wrong/);
  });

  it('names the proxy when it forbids the target (403)', async () => {
    await expect(through(denying.url)({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} })).rejects.toMatchObject({
      kind: 'proxy',
      detail: { status: 403 },
      message: expect.stringMatching(/proxy http:\/\/127\.0\.0\.177:\d+ does not allow connections to 127\.0\.0\.174:\d+ \(HTTP 403\)/) as unknown,
    });
  });

  it('records a proxy refusal in the tenant snapshot with its own kind, and the snapshot still validates', async () => {
    const auth = createM365Auth({ clock: systemClock, endpoints: peer.endpoints(), secretStore: createChunkedSecretStore(createLimitedSecretStore()), transport: through(open.url) });
    await auth.signInWithDeviceCode(() => undefined);
    const snapshot = await readTenant({ auth, transport: through(denying.url) });
    expect(snapshot.errors.map((error) => [error.source, error.kind])).toEqual([
      ['domains', 'proxy'],
      ['accepted-domains', 'proxy'],
    ]);
    expect(tenantSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
  });

  it('names the proxy when nothing listens there (connection refused)', async () => {
    await expect(through(closedProxyUrl)({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} })).rejects.toMatchObject({
      kind: 'proxy',
      message: expect.stringMatching(/The proxy http:\/\/127\.0\.0\.179:\d+ refused the connection/) as unknown,
    });
  });

  it('works through a TLS-inspecting proxy once its root is trusted, and says what to do when it is not', async () => {
    const refused = through(inspecting.url)({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} });
    await expect(refused).rejects.toMatchObject({ kind: 'proxy' });
    await expect(refused).rejects.toThrow(/inspects TLS with its own root certificate/);
    const answer = await through(inspecting.url, [inspecting.rootPem ?? ''])({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} });
    expect(answer.status).toBe(401);
  });

  it('bypasses the proxy for hosts in NO_PROXY', async () => {
    const before = open.connects.length;
    const transport = createHttpsTransport({ extraCaPem: [peer.rootPem], proxy: environmentProxyResolver({ HTTPS_PROXY: open.url, NO_PROXY: '127.0.0.174' }) });
    expect((await transport({ method: 'GET', url: `${peer.url}/v1.0/domains`, headers: {} })).status).toBe(401);
    expect(open.connects.length).toBe(before);
  });

  it('carries the endpoints web service client’s requests through the same proxy', async () => {
    const before = open.connects.length;
    const response = await fetchOverTransport(through(open.url))(`${peer.url}/endpoints/Worldwide?clientrequestid=x`, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toContain('application/json');
    expect(await response.text()).toContain('NotFound');
    expect(open.connects.length).toBe(before + 1);
  });
});
