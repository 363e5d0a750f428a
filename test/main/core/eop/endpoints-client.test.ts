import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryEndpointsCacheStore } from '../../../../main/core/eop/endpoints-cache.js';
import type { EndpointsCacheStore } from '../../../../main/core/eop/endpoints-cache.js';
import type { EndpointEntry } from '../../../../main/core/eop/endpoints-data.js';
import {
  REFRESH_INTERVAL_MS,
  loadEndpointsOffline,
  rangesOf,
  refreshEndpoints,
} from '../../../../main/core/eop/endpoints-client.js';
import type { EndpointsClientOptions } from '../../../../main/core/eop/endpoints-client.js';
import { EopRangesError } from '../../../../main/core/eop/ranges.js';
import { bundledSnapshot } from '../../../../main/core/eop/snapshot.js';

/** A newer list as the service would send it; documentation addresses, so nobody mistakes them for EOP's. */
const newerEndpoints: readonly EndpointEntry[] = [
  {
    id: 10,
    serviceArea: 'Exchange',
    serviceAreaDisplayName: 'Exchange Online',
    urls: ['*.mail.protection.outlook.com', '*.mx.microsoft'],
    ips: ['192.0.2.0/24', '198.51.100.0/24', '2001:db8:f400::/48'],
    tcpPorts: '25',
    category: 'Allow',
    expressRoute: true,
    required: true,
  },
];

type Reply = { readonly status: number; readonly body: string; readonly headers?: Readonly<Record<string, string>> } | 'hang';
type Handler = (path: string) => Reply;

const json = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value) });
const versionReply = (latest: string): Reply => json({ instance: 'Worldwide', latest });

let handler: Handler = () => ({ status: 500, body: '' });
let requests: URL[] = [];
const hanging: ServerResponse[] = [];
let server: Server;
let baseUrl = '';
let downUrl = '';

function listen(target: Server, host: string): Promise<number> {
  return new Promise((resolve) => {
    target.listen(0, host, () => {
      resolve((target.address() as AddressInfo).port);
    });
  });
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.60');
    requests.push(url);
    const reply = handler(url.pathname);
    if (reply === 'hang') {
      hanging.push(response);
      return;
    }
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    response.end(reply.body);
  });
  baseUrl = `http://127.0.0.60:${String(await listen(server, '127.0.0.60'))}/`;
  const closed = createServer();
  const port = await listen(closed, '127.0.0.61');
  await new Promise<void>((resolve) => closed.close(() => { resolve(); }));
  downUrl = `http://127.0.0.61:${String(port)}`;
});

afterAll(async () => {
  for (const response of hanging) response.destroy();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
});

let now = Date.parse('2026-11-02T09:00:00Z');
let store: EndpointsCacheStore;
const clock = { now: () => now };

beforeEach(() => {
  requests = [];
  now = Date.parse('2026-11-02T09:00:00Z');
  store = memoryEndpointsCacheStore();
});

function options(extra: Partial<EndpointsClientOptions> = {}): EndpointsClientOptions {
  return { fetch: (url, init) => fetch(url, init), store, clock, baseUrl, timeoutMs: 1_000, ...extra };
}

const paths = (): string[] => requests.map((url) => url.pathname);

describe('refreshEndpoints', () => {
  it('checks the version, fetches the Exchange list when it changed, and caches it', async () => {
    handler = (path) => (path.startsWith('/version/') ? versionReply('2026110100') : json(newerEndpoints));
    const result = await refreshEndpoints(options());

    expect(paths()).toEqual(['/version/Worldwide', '/endpoints/Worldwide']);
    expect(requests[1]?.searchParams.get('ServiceAreas')).toBe('Exchange');
    const ids = requests.map((url) => url.searchParams.get('clientrequestid'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[1]).toBe(ids[0]);

    expect(result.origin).toBe('web-service');
    expect(result.contacted).toBe('version-and-endpoints');
    expect(result.snapshot?.version).toBe('2026110100');
    expect(result.snapshot?.takenAt).toBe('2026-11-02T09:00:00.000Z');
    expect(rangesOf(result).ipv4).toEqual(['192.0.2.0/24', '198.51.100.0/24']);

    const cached = store.read();
    expect(cached?.clientRequestId).toBe(ids[0]);
    expect(cached?.instances.Worldwide).toEqual({ snapshot: result.snapshot, checkedAt: now });
    expect(loadEndpointsOffline(store)).toMatchObject({ origin: 'cache', contacted: 'none', notes: [] });
  });

  it('asks at most once an hour, and keeps one client request id per installation', async () => {
    handler = (path) => (path.startsWith('/version/') ? versionReply('2026110100') : json(newerEndpoints));
    await refreshEndpoints(options());
    const firstId = store.read()?.clientRequestId;
    requests = [];

    now += REFRESH_INTERVAL_MS - 60_000;
    const early = await refreshEndpoints(options());
    expect(requests).toEqual([]);
    expect(early).toMatchObject({ origin: 'cache', contacted: 'none' });
    expect(early.notes.join(' ')).toMatch(/less than an hour ago.*about 1 min/);

    now += 60_000;
    const due = await refreshEndpoints(options());
    expect(paths()).toEqual(['/version/Worldwide']);
    expect(requests[0]?.searchParams.get('clientrequestid')).toBe(firstId);
    expect(due).toMatchObject({ origin: 'cache', contacted: 'version' });
  });

  it('does not download the list when the version is unchanged', async () => {
    handler = (path) => (path.startsWith('/version/') ? versionReply(bundledSnapshot.version) : json(newerEndpoints));
    const result = await refreshEndpoints(options());
    expect(paths()).toEqual(['/version/Worldwide']);
    expect(result).toMatchObject({ origin: 'bundled', contacted: 'version' });
    expect(result.snapshot).toBe(bundledSnapshot);
    expect(result.notes).toEqual([`The EOP ranges are current (endpoints version ${bundledSnapshot.version}).`]);
    expect(store.read()?.instances.Worldwide).toEqual({ snapshot: null, checkedAt: now });
  });

  it('falls back on HTTP 429 and waits an hour before asking again', async () => {
    handler = () => ({ status: 429, body: '', headers: { 'retry-after': '3600' } });
    const result = await refreshEndpoints(options());
    expect(result).toMatchObject({ origin: 'bundled', contacted: 'version' });
    expect(result.snapshot).toBe(bundledSnapshot);
    expect(result.notes.join(' ')).toMatch(/HTTP 429.*retry after 3600.*Using the bundled snapshot \(version 2023073100/);

    requests = [];
    now += 5 * 60_000;
    await refreshEndpoints(options());
    expect(requests).toEqual([]);
  });

  it('keeps the cached list when the endpoints answer is not JSON', async () => {
    handler = (path) => (path.startsWith('/version/') ? versionReply('2026110100') : json(newerEndpoints));
    await refreshEndpoints(options());
    now += REFRESH_INTERVAL_MS;
    handler = (path) => (path.startsWith('/version/') ? versionReply('2026120100') : { status: 200, body: '[{"id": 10,' });
    const result = await refreshEndpoints(options());
    expect(result).toMatchObject({ origin: 'cache', contacted: 'version-and-endpoints' });
    expect(result.snapshot?.version).toBe('2026110100');
    expect(result.notes.join(' ')).toMatch(/did not send valid JSON.*Using the cached list \(version 2026110100, 2026-11-02\)/);
    expect(store.read()?.instances.Worldwide?.checkedAt).toBe(now);
  });

  it('rejects data of the wrong shape, a bad address or a list without the SMTP set', async () => {
    const fresh = versionReply('2026110100');
    const bad: readonly (readonly [Reply, Reply, RegExp])[] = [
      [versionReply('not-a-version'), json(newerEndpoints), /unexpected shape at latest/],
      [fresh, json([{ ...newerEndpoints[0], ips: ['192.0.2.0/33'] }]), /unexpected shape at 0\.ips\.0: not an IP address or CIDR block/],
      [fresh, json([{ ...newerEndpoints[0], id: 9, tcpPorts: '443' }]), /no SMTP \(TCP 25\) ranges/],
      [fresh, { status: 503, body: 'maintenance' }, /answered HTTP 503/],
    ];
    for (const [version, endpoints, message] of bad) {
      store = memoryEndpointsCacheStore();
      handler = (path) => (path.startsWith('/version/') ? version : endpoints);
      const result = await refreshEndpoints(options());
      expect(result.origin).toBe('bundled');
      expect(result.notes.join(' ')).toMatch(message);
    }
  });

  it('uses the bundled snapshot with a note when the service is down, and tries again next time', async () => {
    const result = await refreshEndpoints(options({ baseUrl: downUrl }));
    expect(result).toMatchObject({ origin: 'bundled', contacted: 'version' });
    expect(result.notes.join(' ')).toMatch(/unreachable.*offline/);
    expect(result.notes.join(' ')).not.toContain(store.read()?.clientRequestId ?? 'no id');
    expect(store.read()?.instances.Worldwide).toBeUndefined();
  });

  it('gives up after the timeout', async () => {
    handler = () => 'hang';
    const started = Date.now();
    const result = await refreshEndpoints(options({ timeoutMs: 150 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.origin).toBe('bundled');
    expect(result.notes.join(' ')).toMatch(/did not answer within 150 ms/);
  });

  it('asks for the chosen instance, and has no data for it while offline without a cache', async () => {
    const result = await refreshEndpoints(options({ baseUrl: downUrl, instance: 'USGovDoD' }));
    expect(result).toMatchObject({ snapshot: null, origin: null });
    expect(() => rangesOf(result)).toThrow(EopRangesError);

    handler = (path) => (path.startsWith('/version/') ? json({ instance: 'USGovDoD', latest: '2026110100' }) : json(newerEndpoints));
    requests = [];
    const online = await refreshEndpoints(options({ instance: 'USGovDoD' }));
    expect(paths()).toEqual(['/version/USGovDoD', '/endpoints/USGovDoD']);
    expect(online.snapshot?.instance).toBe('USGovDoD');
    expect(rangesOf(online).endpointSetIds).toEqual([10]);
  });

  it('carries on without a cache when the store fails, and says so', async () => {
    const broken: EndpointsCacheStore = {
      location: 'broken',
      read: () => {
        throw new Error('disk on fire');
      },
      write: () => {
        throw new Error('read-only');
      },
    };
    handler = (path) => (path.startsWith('/version/') ? versionReply('2026110100') : json(newerEndpoints));
    const result = await refreshEndpoints(options({ store: broken }));
    expect(result.origin).toBe('web-service');
    expect(result.notes).toContain('Ignoring the endpoints cache: disk on fire');
    expect(result.notes).toContain('The endpoints cache was not saved: read-only');
  });
});

describe('loadEndpointsOffline', () => {
  it('prefers the bundled snapshot over an older cached list', () => {
    const older = { ...bundledSnapshot, version: '2022072800' };
    const offline = loadEndpointsOffline(
      memoryEndpointsCacheStore({ clientRequestId: '3f1c2a4e-8d5b-4f6a-9c7e-1b2d3e4f5a6b', instances: { Worldwide: { snapshot: older, checkedAt: 0 } } }),
    );
    expect(offline).toMatchObject({ origin: 'bundled', contacted: 'none' });
    expect(offline.snapshot).toBe(bundledSnapshot);
  });
});
