/**
 * The HTTPS GET of a policy against the loopback lab web server (127.0.3.10-12 on port 443): what
 * comes back, and each way it fails, as its own kind with words that say what to do.
 */
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpsGetError, httpsGet, type HttpsGetFailure, type HttpsGetOptions } from '../../../../main/core/network/https-get.js';
import { netConnector } from '../../../../main/core/smtp/net-connector.js';
import { staticResolver } from '../../../lab/check-context.js';
import { POLICY_PATH, startPolicyServer, type LabPolicyServer } from '../../../lab/https-policy-server.js';

const WEB = '127.0.3.10';
const NOTHING = '127.0.3.11';
const NOT_TLS = '127.0.3.12';
const POLICY = 'version: STSv1\nmode: enforce\nmx: *.mail.protection.outlook.com\nmax_age: 604800\n';

const resolver = staticResolver({
  'mta-sts.good.test': { A: [WEB] },
  'mta-sts.moved.test': { A: [WEB] },
  'mta-sts.wrong.test': { A: [WEB] },
  'mta-sts.unknown.test': { A: [WEB] },
  'mta-sts.expired.test': { A: [WEB] },
  'mta-sts.huge.test': { A: [WEB] },
  'mta-sts.stream.test': { A: [WEB] },
  'mta-sts.silent.test': { A: [WEB] },
  'mta-sts.closed.test': { A: [NOTHING] },
  'mta-sts.second.test': { A: [NOTHING, WEB] },
  'mta-sts.plain.test': { A: [NOT_TLS] },
  'mta-sts.alias.test': { CNAME: ['mta-sts.good.test'] },
  'mta-sts.noaddress.test': { TXT: ['x'] },
});

describe('httpsGet against the lab web server', () => {
  let web: LabPolicyServer | undefined;
  let plain: Server | undefined;
  beforeAll(async () => {
    web = await startPolicyServer({
      address: WEB,
      sites: {
        'mta-sts.good.test': { body: POLICY },
        'mta-sts.second.test': { body: POLICY },
        'mta-sts.moved.test': { status: 301, headers: { location: 'https://www.moved.test/policy.txt' } },
        'mta-sts.wrong.test': { body: POLICY, certificate: 'wrong-name' },
        'mta-sts.unknown.test': { body: POLICY, certificate: 'untrusted' },
        'mta-sts.expired.test': { body: POLICY, certificate: 'expired' },
        'mta-sts.huge.test': { body: 'x'.repeat(70_000) },
        'mta-sts.stream.test': { body: 'y'.repeat(70_000), behaviour: 'chunked' },
        'mta-sts.silent.test': { behaviour: 'silent' },
      },
    });
    plain = createServer((socket) => {
      // Read, so that the client's close is seen and the server can close too.
      socket.resume();
      socket.end('220 this is not a web server\r\n');
    });
    await new Promise<void>((resolve) => plain?.listen(443, NOT_TLS, resolve));
  });
  afterAll(async () => {
    await web?.close();
    await new Promise<void>((resolve, reject) => plain?.close((error) => (error === undefined ? resolve() : reject(error))));
  });

  const get = (host: string, overrides: Partial<HttpsGetOptions> = {}) =>
    httpsGet({ host, path: POLICY_PATH, resolver, connector: netConnector, extraCaPem: [web?.rootPem ?? ''], signal: new AbortController().signal, maxBytes: 65_536, ...overrides });

  async function failure(promise: Promise<unknown>): Promise<{ readonly kind: HttpsGetFailure; readonly message: string }> {
    const error: unknown = await promise.then(
      () => new Error('the fetch succeeded'),
      (caught: unknown) => caught,
    );
    if (!(error instanceof HttpsGetError)) throw error;
    return { kind: error.kind, message: error.message };
  }

  it('fetches the file with SNI and Host set to the name, over TLS 1.2 or newer', async () => {
    const response = await get('mta-sts.good.test');
    expect(response).toMatchObject({ status: 200, body: POLICY, address: WEB, chain: ['mta-sts.good.test'], headers: { 'content-type': 'text/plain' } });
    expect(response.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(web?.requests.at(-1)).toEqual({ servername: 'mta-sts.good.test', host: 'mta-sts.good.test', method: 'GET', path: POLICY_PATH });
  });

  it('follows a CNAME in the lookup and checks the certificate against the name asked for', async () => {
    const { kind, message } = await failure(get('mta-sts.alias.test'));
    expect(kind).toBe('certificate');
    expect(message).toContain('does not name mta-sts.alias.test');
  });

  it('tries the next address when one refuses the connection', async () => {
    expect(await get('mta-sts.second.test')).toMatchObject({ status: 200, address: WEB });
  });

  it('hands back a redirect without following it', async () => {
    const response = await get('mta-sts.moved.test');
    expect(response).toMatchObject({ status: 301, headers: { location: 'https://www.moved.test/policy.txt' } });
    expect(web?.requests.filter((request) => request.host === 'www.moved.test')).toEqual([]);
  });

  it.each([
    ['mta-sts.wrong.test', 'certificate', 'does not name mta-sts.wrong.test'],
    ['mta-sts.unknown.test', 'certificate', 'is not trusted'],
    ['mta-sts.expired.test', 'certificate', 'is not valid now'],
    ['mta-sts.huge.test', 'too-large', 'sent more than 65536 bytes'],
    ['mta-sts.stream.test', 'too-large', 'sent more than 65536 bytes'],
    ['mta-sts.closed.test', 'connect', `no address of mta-sts.closed.test accepted a connection on port 443 (${NOTHING}:`],
    ['mta-sts.plain.test', 'tls', 'the TLS handshake with mta-sts.plain.test failed (wrong version number)'],
    ['mta-sts.gone.test', 'dns', 'mta-sts.gone.test did not resolve through static test resolver (NXDOMAIN)'],
    ['mta-sts.noaddress.test', 'dns', '(NODATA)'],
  ] as const)('fails %s as %s', async (host, kind, words) => {
    const found = await failure(get(host));
    expect(found.kind).toBe(kind);
    expect(found.message).toContain(words);
  });

  it('refuses the lab certificate without the lab root: the system roots alone do not trust it', async () => {
    await expect(failure(get('mta-sts.good.test', { extraCaPem: [] }))).resolves.toMatchObject({ kind: 'certificate' });
  });

  it('stops when the signal fires, with the reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the deadline passed')), 200);
    await expect(failure(get('mta-sts.silent.test', { signal: controller.signal }))).resolves.toEqual({ kind: 'aborted', message: 'Fetching https://mta-sts.silent.test/.well-known/mta-sts.txt was stopped: the deadline passed' });
    const before = new AbortController();
    before.abort(new Error('cancelled by the user'));
    await expect(failure(get('mta-sts.good.test', { signal: before.signal }))).resolves.toMatchObject({ kind: 'aborted' });
  });
});
