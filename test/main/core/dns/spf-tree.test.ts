import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import { collectSpf, fetchSpf, SPF_COLLECTION_CAP } from '../../../../main/core/dns/spf-tree.js';
import type { DnsResolver } from '../../../../main/core/ports/dns.js';
import { splitTxt, startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';

describe('collectSpf against the lab DNS server', () => {
  let dns: LabDnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '127.0.0.54',
      zone: {
        'contoso.test': [
          { type: 'TXT', value: 'v=spf1 mx a:out.contoso.test include:_spf.contoso.test exists:%{i}.x.contoso.test ptr -all' },
          { type: 'MX', priority: 0, exchange: 'mail.contoso.test' },
        ],
        'mail.contoso.test': [{ type: 'A', value: '203.0.113.10' }],
        'out.contoso.test': [{ type: 'AAAA', value: '2001:db8::20' }],
        '_spf.contoso.test': [{ type: 'TXT', value: 'v=spf1 ip4:198.51.100.0/24 redirect=never.contoso.test ~all' }],
        'redirect.test': [{ type: 'TXT', value: 'v=spf1 redirect=_spf.contoso.test' }],
        'text-only.test': [{ type: 'TXT', value: 'hello' }],
        'broken.test': 'SERVFAIL',
        'self.test': [{ type: 'TXT', value: 'v=spf1 include:self.test -all' }],
        'redir-a.test': [{ type: 'TXT', value: 'v=spf1 redirect=redir-b.test' }],
        'redir-b.test': [{ type: 'TXT', value: 'v=spf1 redirect=redir-a.test' }],
        'many-mx.test': [
          { type: 'TXT', value: 'v=spf1 mx -all' },
          ...Array.from({ length: 11 }, (_, i) => ({ type: 'MX' as const, priority: i, exchange: `mx${i}.many-mx.test` })),
        ],
        'ten-mx.test': [
          { type: 'TXT', value: 'v=spf1 mx -all' },
          ...Array.from({ length: 10 }, (_, i) => ({ type: 'MX' as const, priority: i, exchange: `mx${i}.many-mx.test` })),
        ],
        ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`mx${i}.many-mx.test`, [{ type: 'A' as const, value: `198.51.100.${i + 1}` }]])),
        'several.test': [{ type: 'TXT', value: 'v=spf1 a:out.contoso.test -all' }, { type: 'TXT', value: 'v=spf1 include:_spf.contoso.test ~all' }],
      },
    });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 1000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('resolves a/mx, follows includes and leaves macros and ptr alone', async () => {
    const tree = await collectSpf(resolver, 'Contoso.test.');
    expect(tree.domain).toBe('contoso.test');
    expect(tree.lookups.map((lookup) => [lookup.mechanism, lookup.target, lookup.outcome.kind])).toEqual([
      ['mx', 'contoso.test', 'addresses'],
      ['a', 'out.contoso.test', 'addresses'],
      ['include', '_spf.contoso.test', 'child'],
      ['exists', '%{i}.x.contoso.test', 'not-followed'],
      ['ptr', 'contoso.test', 'not-followed'],
    ]);
    expect(tree.lookups[0]?.outcome).toEqual({ kind: 'addresses', addresses: ['203.0.113.10'] });
    const child = tree.lookups[2]?.outcome;
    expect(child?.kind === 'child' && child.node.lookups).toEqual([]);
  });

  it('follows redirect only when there is no all', async () => {
    const tree = await collectSpf(resolver, 'redirect.test');
    expect(tree.lookups.map((lookup) => lookup.mechanism)).toEqual(['redirect']);
  });

  it('marks loops', async () => {
    const tree = await collectSpf(resolver, 'self.test');
    expect(tree.lookups[0]?.outcome).toEqual({ kind: 'loop', path: ['self.test', 'self.test'] });
  });

  it('records a redirect loop on the redirect that closes it', async () => {
    const tree = await collectSpf(resolver, 'redir-a.test');
    const child = tree.lookups[0]?.outcome;
    expect(child?.kind).toBe('child');
    const closing = child?.kind === 'child' ? child.node.lookups[0] : undefined;
    expect(closing).toMatchObject({ mechanism: 'redirect', outcome: { kind: 'loop', path: ['redir-a.test', 'redir-b.test', 'redir-a.test'] } });
  });

  it('stops an mx mechanism whose domain has more than 10 MX records (RFC 7208 section 4.6.4), and resolves 10', async () => {
    expect((await collectSpf(resolver, 'many-mx.test')).lookups[0]?.outcome).toEqual({ kind: 'too-many-mx', count: 11 });
    const ten = (await collectSpf(resolver, 'ten-mx.test')).lookups[0]?.outcome;
    expect(ten?.kind === 'addresses' && ten.addresses).toHaveLength(10);
  });

  it('gathers the terms of several records at the root so the merged suggestion can be planned', async () => {
    const tree = await collectSpf(resolver, 'several.test');
    expect(tree.fetch.kind).toBe('multiple');
    expect(tree.lookups.map((lookup) => lookup.text)).toEqual(['a:out.contoso.test', 'include:_spf.contoso.test']);
  });

  it('classifies the fetch', async () => {
    expect(await fetchSpf(resolver, 'text-only.test')).toMatchObject({ kind: 'none', failure: 'NO_SPF' });
    expect(await fetchSpf(resolver, 'missing.test')).toMatchObject({ kind: 'none', failure: 'NXDOMAIN' });
    expect(await fetchSpf(resolver, 'out.contoso.test')).toMatchObject({ kind: 'none', failure: 'NODATA' });
    expect(await fetchSpf(resolver, 'broken.test')).toMatchObject({ kind: 'error', failure: 'SERVFAIL' });
  });

  it('stops following after the collection cap', async () => {
    const many = `v=spf1 ${Array.from({ length: SPF_COLLECTION_CAP + 5 }, (_, i) => `a:h${i}.many.test`).join(' ')} -all`;
    dns.setZone({ 'many.test': [{ type: 'TXT', value: splitTxt(many) }] });
    const tree = await collectSpf(resolver, 'many.test');
    expect(tree.lookups).toHaveLength(SPF_COLLECTION_CAP + 5);
    expect(tree.lookups.filter((lookup) => lookup.outcome.kind === 'not-followed')).toHaveLength(5);
  });
});
