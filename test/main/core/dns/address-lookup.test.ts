import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followCnames, MAX_CNAME_HOPS, resolveAddresses, resolveTxtFollowingCnames, worstFailure } from '../../../../main/core/dns/address-lookup.js';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import type { DnsResolver } from '../../../../main/core/ports/dns.js';
import { startDnsServer, type LabDnsServer, type Zone } from '../../../lab/dns-server.js';

const longChain: Zone = Object.fromEntries(
  Array.from({ length: MAX_CNAME_HOPS + 2 }, (_, i) => [`c${i}.chain.test`, [{ type: 'CNAME', value: `c${i + 1}.chain.test` }]]),
);

describe('CNAME following against the lab DNS server', () => {
  let dns: LabDnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '127.0.0.52',
      zone: {
        'mail.contoso.test': [{ type: 'A', value: '203.0.113.10' }, { type: 'AAAA', value: '2001:db8::10' }],
        'mx.contoso.test': [{ type: 'CNAME', value: 'alias.contoso.test' }],
        'alias.contoso.test': [{ type: 'CNAME', value: 'MAIL.contoso.test.' }],
        'dangling.contoso.test': [{ type: 'CNAME', value: 'gone.contoso.test' }],
        'loop1.contoso.test': [{ type: 'CNAME', value: 'loop2.contoso.test' }],
        'loop2.contoso.test': [{ type: 'CNAME', value: 'loop1.contoso.test' }],
        'empty.contoso.test': [{ type: 'TXT', value: 'nothing here' }],
        '_dmarc.contoso.test': [{ type: 'CNAME', value: 'contoso.reports.test' }],
        'contoso.reports.test': [{ type: 'TXT', value: 'v=DMARC1; p=none' }],
        'broken.contoso.test': 'SERVFAIL',
        ...longChain,
      },
    });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 1000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('resolves through a chain and reports the names visited', async () => {
    expect(await resolveAddresses(resolver, 'mx.contoso.test')).toEqual({
      ok: true,
      addresses: ['203.0.113.10', '2001:db8::10'],
      chain: ['mx.contoso.test', 'alias.contoso.test', 'mail.contoso.test'],
    });
    expect(await followCnames(resolver, 'mx.contoso.test')).toEqual({ ok: true, chain: ['mx.contoso.test', 'alias.contoso.test', 'mail.contoso.test'] });
  });

  it('tells a missing name, a name without address and a dangling alias apart', async () => {
    expect(await resolveAddresses(resolver, 'nothing.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
    expect(await resolveAddresses(resolver, 'empty.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA' });
    expect(await resolveAddresses(resolver, 'dangling.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN', chain: ['dangling.contoso.test', 'gone.contoso.test'] });
    expect(await resolveAddresses(resolver, 'broken.contoso.test')).toMatchObject({ ok: false, failure: 'SERVFAIL' });
    expect(await followCnames(resolver, 'empty.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA', chain: ['empty.contoso.test'] });
  });

  it('reads TXT records behind an alias', async () => {
    expect(await resolveTxtFollowingCnames(resolver, '_dmarc.contoso.test')).toEqual({ ok: true, records: ['v=DMARC1; p=none'] });
    expect(await resolveTxtFollowingCnames(resolver, 'empty.contoso.test')).toEqual({ ok: true, records: ['nothing here'] });
    expect(await resolveTxtFollowingCnames(resolver, 'mail.contoso.test')).toMatchObject({ ok: false, failure: 'NODATA' });
    expect(await resolveTxtFollowingCnames(resolver, 'dangling.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
  });

  it('stops at loops and over-long chains', async () => {
    const loop = await resolveAddresses(resolver, 'loop1.contoso.test');
    expect(loop).toMatchObject({ ok: false, failure: 'OTHER', message: 'CNAME loop: loop1.contoso.test -> loop2.contoso.test -> loop1.contoso.test' });
    expect(await followCnames(resolver, 'loop1.contoso.test')).toMatchObject({ ok: false, message: expect.stringContaining('CNAME loop') as unknown });
    expect(await resolveAddresses(resolver, 'c0.chain.test')).toMatchObject({ ok: false, message: expect.stringContaining(`longer than ${MAX_CNAME_HOPS} hops`) as unknown });
    expect(await followCnames(resolver, 'c0.chain.test')).toMatchObject({ ok: false, message: expect.stringContaining(`longer than ${MAX_CNAME_HOPS} hops`) as unknown });
  });
});

describe('worstFailure', () => {
  it('prefers failures that say something about the server', () => {
    expect(worstFailure([{ failure: 'NODATA', message: 'a' }, { failure: 'TIMEOUT', message: 'b' }])).toEqual({ failure: 'TIMEOUT', message: 'b' });
    expect(worstFailure([{ failure: 'NODATA', message: 'a' }, { failure: 'NXDOMAIN', message: 'b' }])?.failure).toBe('NXDOMAIN');
    expect(worstFailure([])).toBeNull();
  });
});
