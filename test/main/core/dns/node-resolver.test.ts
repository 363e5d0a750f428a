import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver, firstSystemServer } from '../../../../main/core/dns/node-resolver.js';
import { splitTxt, startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';

const longSpf = `v=spf1 ${Array.from({ length: 30 }, (_, i) => `ip4:198.51.100.${i}`).join(' ')} -all`;

describe('createResolver against the lab DNS server', () => {
  let dns: LabDnsServer;
  let resolver: ReturnType<typeof createResolver>;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '127.0.0.50',
      zone: {
        'mail.contoso.test': [
          { type: 'A', value: '203.0.113.10' },
          { type: 'AAAA', value: '2001:db8::10' },
        ],
        'contoso.test': [
          { type: 'MX', priority: 10, exchange: 'mail.contoso.test' },
          { type: 'TXT', value: ['v=spf1 ip4:203.0.113.10 ', 'include:spf.protection.outlook.com -all'] },
          { type: 'TXT', value: 'google-site-verification=abc' },
        ],
        'long.contoso.test': [{ type: 'TXT', value: splitTxt(longSpf) }],
        'alias.contoso.test': [{ type: 'CNAME', value: 'mail.contoso.test' }],
        'sub.deep.contoso.test': [{ type: 'A', value: '203.0.113.11' }],
        '10.113.0.203.in-addr.arpa': [{ type: 'PTR', value: 'mail.contoso.test' }],
        '0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa': [{ type: 'PTR', value: 'mail6.contoso.test' }],
        'servfail.test': 'SERVFAIL',
        'refused.test': 'REFUSED',
        'silent.test': 'SILENT',
      },
    });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 1000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('describes where lookups go', () => {
    expect(resolver.description).toBe(`127.0.0.50:${dns.port}`);
    expect(createResolver({ server: null, timeoutMs: 100, tries: 1 }).description).toMatch(/^system resolver \(/);
    expect(createResolver({ server: { address: '::1', port: 53 }, timeoutMs: 100, tries: 1 }).description).toBe('[::1]:53');
  });

  it('answers A, AAAA, MX and CNAME', async () => {
    expect(await resolver.resolve4('mail.contoso.test')).toEqual({ ok: true, records: ['203.0.113.10'] });
    expect(await resolver.resolve6('MAIL.contoso.test')).toEqual({ ok: true, records: ['2001:db8::10'] });
    expect(await resolver.resolveMx('contoso.test')).toEqual({ ok: true, records: [{ exchange: 'mail.contoso.test', priority: 10 }] });
    expect(await resolver.resolveCname('alias.contoso.test')).toEqual({ ok: true, records: ['mail.contoso.test'] });
  });

  it('joins the strings of one TXT record and keeps records apart', async () => {
    const answer = await resolver.resolveTxt('contoso.test');
    expect(answer.ok && [...answer.records].sort()).toEqual([
      'google-site-verification=abc',
      'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com -all',
    ]);
  });

  it('retries over TCP when the UDP answer is truncated', async () => {
    expect(await resolver.resolveTxt('long.contoso.test')).toEqual({ ok: true, records: [longSpf] });
    expect(dns.queries.some((q) => q.name === 'long.contoso.test' && q.transport === 'tcp')).toBe(true);
  });

  it('asks the configured server for PTR records of IPv4 and IPv6 addresses', async () => {
    expect(await resolver.resolvePtr('203.0.113.10')).toEqual({ ok: true, records: ['mail.contoso.test'] });
    expect(await resolver.resolvePtr('2001:db8::10')).toEqual({ ok: true, records: ['mail6.contoso.test'] });
    expect(dns.queries.some((q) => q.name === '10.113.0.203.in-addr.arpa' && q.type === 'PTR')).toBe(true);
    const notAddress = await resolver.resolvePtr('mail.contoso.test');
    expect(notAddress).toMatchObject({ ok: false, failure: 'OTHER' });
  });

  it('tells NXDOMAIN, NODATA, SERVFAIL and REFUSED apart', async () => {
    expect(await resolver.resolve4('nothing.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
    expect(await resolver.resolveMx('mail.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA' });
    expect(await resolver.resolve4('deep.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA' });
    expect(await resolver.resolve4('alias.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA' });
    const servfail = await resolver.resolve4('servfail.test');
    expect(servfail).toMatchObject({ ok: false, failure: 'SERVFAIL' });
    expect(!servfail.ok && servfail.message).toContain('SERVFAIL');
    expect(await resolver.resolve4('refused.test')).toMatchObject({ ok: false, failure: 'REFUSED' });
  });

  it('honours the deadline on a silent server', async () => {
    const quick = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 300, tries: 2 });
    const started = performance.now();
    const answer = await quick.resolve4('silent.test');
    const elapsed = performance.now() - started;
    expect(answer).toMatchObject({ ok: false, failure: 'TIMEOUT' });
    expect(!answer.ok && answer.message).toContain('timeout');
    expect(elapsed).toBeLessThan(800);
  });

  it('keeps concurrent lookups independent when one times out', async () => {
    const quick = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 300, tries: 1 });
    const [silent, good] = await Promise.all([quick.resolve4('silent.test'), quick.resolve4('mail.contoso.test')]);
    expect(silent).toMatchObject({ ok: false, failure: 'TIMEOUT' });
    expect(good).toEqual({ ok: true, records: ['203.0.113.10'] });
  });

  it('rejects bad options with a readable reason', () => {
    expect(() => createResolver({ server: { address: 'dns.test', port: 53 }, timeoutMs: 100, tries: 1 })).toThrow(/IP address/);
    expect(() => createResolver({ server: { address: '127.0.0.50', port: 0 }, timeoutMs: 100, tries: 1 })).toThrow(/port must be 1 to 65535/);
    expect(() => createResolver({ server: null, timeoutMs: 0, tries: 1 })).toThrow(/timeout/);
    expect(() => createResolver({ server: null, timeoutMs: 100, tries: 0 })).toThrow(/tries/);
  });
});

describe('createResolver: TLSA over the wire, against the lab DNS server', () => {
  const SHA256 = 'a'.repeat(64);
  const sha512 = (index: number): string => index.toString(16).padStart(2, '0').repeat(64);
  let dns: LabDnsServer;
  let resolver: ReturnType<typeof createResolver>;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '127.0.3.64',
      zone: {
        '_25._tcp.mail.contoso.test': [
          { type: 'TLSA', usage: 3, selector: 1, matchingType: 1, data: SHA256 },
          { type: 'TLSA', usage: 2, selector: 0, matchingType: 2, data: sha512(1) },
        ],
        '_25._tcp.signed.contoso.test': [{ type: 'TLSA', usage: 3, selector: 1, matchingType: 1, data: SHA256 }],
        // Eight SHA-512 records do not fit in 512 bytes: the lab truncates and the client must ask over TCP.
        '_25._tcp.big.contoso.test': Array.from({ length: 8 }, (_, index) => ({ type: 'TLSA' as const, usage: 3, selector: 1, matchingType: 2, data: sha512(index) })),
        '_25._tcp.a-only.contoso.test': [{ type: 'A', value: '203.0.113.10' }],
        '_25._tcp.servfail.contoso.test': 'SERVFAIL',
        '_25._tcp.refused.contoso.test': 'REFUSED',
        '_25._tcp.silent.contoso.test': 'SILENT',
      },
      signedNames: ['_25._tcp.signed.contoso.test'],
    });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 1000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('reads TLSA records over UDP, their data as lower-case hex, and says whether the answer was authenticated', async () => {
    expect(await resolver.resolveTlsa('_25._tcp.MAIL.contoso.test')).toEqual({
      ok: true,
      records: [
        { usage: 3, selector: 1, matchingType: 1, data: SHA256 },
        { usage: 2, selector: 0, matchingType: 2, data: sha512(1) },
      ],
      authenticated: false,
    });
    expect(await resolver.resolveTlsa('_25._tcp.signed.contoso.test')).toMatchObject({ ok: true, authenticated: true });
    expect(dns.queries.filter((q) => q.name.toLowerCase() === '_25._tcp.mail.contoso.test').map((q) => [q.type, q.transport])).toEqual([['TLSA', 'udp']]);
  });

  it('asks again over TCP when the UDP answer is truncated', async () => {
    const answer = await resolver.resolveTlsa('_25._tcp.big.contoso.test');
    expect(answer.ok && answer.records.map((record) => record.data)).toEqual(Array.from({ length: 8 }, (_, index) => sha512(index)));
    expect(dns.queries.filter((q) => q.name === '_25._tcp.big.contoso.test').map((q) => q.transport)).toEqual(['udp', 'tcp']);
  });

  it('maps the response codes to the failure kinds of the other lookups', async () => {
    expect(await resolver.resolveTlsa('_25._tcp.nothing.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
    const nodata = await resolver.resolveTlsa('_25._tcp.a-only.contoso.test');
    expect(nodata).toMatchObject({ ok: false, failure: 'NODATA' });
    expect(!nodata.ok && nodata.message).toBe(`_25._tcp.a-only.contoso.test exists but has no TLSA record (NODATA from 127.0.3.64:${dns.port})`);
    expect(await resolver.resolveTlsa('_25._tcp.servfail.contoso.test')).toMatchObject({ ok: false, failure: 'SERVFAIL' });
    expect(await resolver.resolveTlsa('_25._tcp.refused.contoso.test')).toMatchObject({ ok: false, failure: 'REFUSED' });
  });

  it('gives up at the deadline on a silent server, with every try sent', async () => {
    const quick = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 300, tries: 3 });
    const before = dns.queries.length;
    const started = performance.now();
    const answer = await quick.resolveTlsa('_25._tcp.silent.contoso.test');
    expect(answer).toMatchObject({ ok: false, failure: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(800);
    expect(dns.queries.slice(before).filter((q) => q.name === '_25._tcp.silent.contoso.test')).toHaveLength(3);
  });

  it('stops when the caller’s signal aborts, long before the deadline', async () => {
    const patient = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 10_000, tries: 1 });
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    const started = performance.now();
    expect(await patient.resolveTlsa('_25._tcp.silent.contoso.test', controller.signal)).toMatchObject({ ok: false, failure: 'TIMEOUT' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await patient.resolveTlsa('_25._tcp.mail.contoso.test', AbortSignal.abort())).toMatchObject({ ok: false, failure: 'TIMEOUT' });
  });
});

describe('firstSystemServer', () => {
  it('reads the system’s first server in every form node:dns gives it', () => {
    expect(firstSystemServer(['192.0.2.53', '192.0.2.54'])).toEqual({ address: '192.0.2.53', port: 53 });
    expect(firstSystemServer(['192.0.2.53:5353'])).toEqual({ address: '192.0.2.53', port: 5353 });
    expect(firstSystemServer(['2001:db8::53'])).toEqual({ address: '2001:db8::53', port: 53 });
    expect(firstSystemServer(['[2001:db8::53]:5353'])).toEqual({ address: '2001:db8::53', port: 5353 });
    expect(firstSystemServer([])).toBeNull();
    expect(firstSystemServer(['not a server'])).toBeNull();
  });
});
