/**
 * The record the SPF check suggests must pass the check itself (issue 11, item 5): for every
 * failing fixture, published on the loopback DNS server, the suggestion (or, when no record within
 * the limits can be built, the record without the terms it names) is evaluated again and passes.
 * fast-check picks fixture, server address and spelling with a fixed seed and a bounded run count.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import { collectSpf } from '../../../../main/core/dns/spf-tree.js';
import { evaluateSpf, OFFICE365_SPF_INCLUDE, type SpfVerdict } from '../../../../main/core/dns/spf-verdict.js';
import type { DnsResolver } from '../../../../main/core/ports/dns.js';
import { splitTxt, startDnsServer, type LabDnsServer, type RecordSpec, type Zone } from '../../../lab/dns-server.js';

const txt = (value: string): RecordSpec => ({ type: 'TXT', value: splitTxt(value) });
const o365 = `include:${OFFICE365_SPF_INCLUDE}`;

/** Shared names the fixtures point at. */
const COMMON: Zone = {
  [OFFICE365_SPF_INCLUDE]: [txt('v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:f400::/48 -all')],
  'nospf.test': [txt('google-site-verification=abc')],
  'mail.shared.test': [{ type: 'A', value: '198.51.100.25' }],
  'partner-broken.test': [txt('v=spf1 ip4:198.51.100.300 -all')],
  'big.test': [txt(`v=spf1 ${Array.from({ length: 9 }, (_, i) => `a:h${i}.mail.shared.test`).join(' ')} -all`)],
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`h${i}.mail.shared.test`, [{ type: 'A', value: `198.51.100.${40 + i}` }]])),
  'small.test': [txt('v=spf1 a:mail.shared.test -all')],
  ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`vendor${i}.test`, [txt('v=spf1 a:mail.shared.test -all')]])),
  ...Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`mx${i}.many.test`, [{ type: 'A', value: `198.51.100.${60 + i}` }]])),
};

/** Root records that fail the check, each for a different reason. */
const FAILING: Readonly<Record<string, readonly RecordSpec[]>> = {
  'syntax.test': [txt(`v=spf1 ip4:203.0.113.300 ip6:::ffff:198.51.100.9 ${o365} -all`)],
  'include-none.test': [txt(`v=spf1 include:gone.test include:nospf.test ip4:198.51.100.0/24 ${o365} -all`)],
  'include-loop.test': [txt(`v=spf1 include:loop-b.test ${o365} -all`)],
  'loop-b.test': [txt('v=spf1 include:include-loop.test ~all')],
  'redirect-loop.test': [txt('v=spf1 redirect=redir-b.test')],
  'redir-b.test': [txt('v=spf1 ip4:198.51.100.7 redirect=redirect-loop.test')],
  'redirect-none.test': [txt('v=spf1 ip4:198.51.100.8 redirect=gone.test')],
  'too-many.test': [txt(`v=spf1 ${Array.from({ length: 12 }, (_, i) => `include:vendor${i}.test`).join(' ')} ${o365} -all`)],
  'nested.test': [txt(`v=spf1 include:big.test include:small.test ${o365} ~all`)],
  'void.test': [txt(`v=spf1 a:nx1.void.test a:nx2.void.test mx:nx3.void.test ${o365} -all`)],
  'mx-many.test': [txt(`v=spf1 mx ${o365} -all`), ...Array.from({ length: 11 }, (_, i): RecordSpec => ({ type: 'MX', priority: i, exchange: `mx${i}.many.test` }))],
  'multiple.test': [txt('v=spf1 ip4:198.51.100.1 -all'), txt(`v=spf1 ${o365} include:nospf.test ~all`)],
  'broken-child.test': [txt(`v=spf1 include:partner-broken.test ${o365} -all`)],
  'at-limit.test': [txt(`v=spf1 ${Array.from({ length: 5 }, (_, i) => `include:vendor${i}.test`).join(' ')} -all`)],
  'bad-modifier.test': [txt(`v=spf1 ${o365} -all note=%{t}`)],
};
const ROOTS = ['syntax.test', 'include-none.test', 'include-loop.test', 'redirect-loop.test', 'redirect-none.test', 'too-many.test', 'nested.test', 'void.test', 'mx-many.test', 'multiple.test', 'broken-child.test', 'at-limit.test', 'bad-modifier.test'] as const;

describe('the suggested SPF record passes the check (loopback DNS)', () => {
  let dns: LabDnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    dns = await startDnsServer({ address: '127.0.0.180', zone: { ...COMMON, ...FAILING } });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 2000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  async function check(domain: string, serverAddresses: readonly string[] | null): Promise<SpfVerdict> {
    return evaluateSpf({ domain, root: await collectSpf(resolver, domain), serverAddresses });
  }

  /** Publishes `record` in place of the domain's SPF record(s), keeping its other records. */
  async function checkPublished(domain: string, record: string, serverAddresses: readonly string[] | null): Promise<SpfVerdict> {
    const others = (FAILING[domain] ?? []).filter((spec) => spec.type !== 'TXT');
    dns.setZone({ ...COMMON, ...FAILING, [domain]: [...others, txt(record)] });
    try {
      return await check(domain, serverAddresses);
    } finally {
      dns.setZone({ ...COMMON, ...FAILING });
    }
  }

  function expectClean(verdict: SpfVerdict): void {
    expect(verdict.findings.filter((finding) => finding.problem !== 'server-not-authorised' && finding.problem !== 'office365-missing')).toEqual([]);
    expect(verdict.status).toBe('pass');
    expect(verdict.lookupCount).toBeLessThanOrEqual(10);
    expect(verdict.voidLookupCount).toBeLessThanOrEqual(2);
  }

  it('fails every fixture except the one at the limit without Office 365, each for its own reason', async () => {
    const problems: Record<string, readonly string[]> = {};
    for (const domain of ROOTS) problems[domain] = (await check(domain, null)).findings.map((finding) => finding.problem);
    expect(problems).toEqual({
      'syntax.test': ['syntax'],
      'include-none.test': ['include-without-spf', 'include-without-spf'],
      'include-loop.test': ['loop'],
      'redirect-loop.test': ['redirect-loop'],
      'redirect-none.test': ['include-without-spf'],
      'too-many.test': ['too-many-lookups'],
      'nested.test': ['too-many-lookups'],
      'void.test': ['too-many-void-lookups'],
      'mx-many.test': ['too-many-mx-records'],
      'multiple.test': ['multiple'],
      'broken-child.test': ['syntax'],
      'at-limit.test': ['office365-missing'],
      'bad-modifier.test': ['syntax'],
    });
  });

  it('names a redirect loop a redirect loop', async () => {
    const verdict = await check('redirect-loop.test', null);
    expect(verdict.summary).toContain('redirect loop: redirect-loop.test -> redir-b.test -> redirect-loop.test');
  });

  it('keeps an embedded-IPv4 ip6 term and drops includes of domains without SPF', async () => {
    expect((await check('syntax.test', null)).recordToPublish).toBe(`v=spf1 ip6:::ffff:198.51.100.9 ${o365} -all`);
    const none = await check('include-none.test', null);
    expect(none.recordToPublish).toBe(`v=spf1 ip4:198.51.100.0/24 ${o365} -all`);
    expect(none.dropped.map((entry) => entry.term)).toEqual(['include:gone.test', 'include:nospf.test']);
    expect(none.advice).toContain('Left out: include:gone.test: gone.test does not exist (NXDOMAIN)');
  });

  it('names the includes to remove or flatten instead of printing a record over the limit', async () => {
    const nested = await check('nested.test', null);
    expect(nested.recordToPublish).toBeNull();
    expect(nested.reductions).toEqual([{ term: 'include:big.test', lookups: 10, voidLookups: 0 }]);
    expect(nested.reducedRecord).toBe(`v=spf1 include:small.test ${o365} ~all`);
    expect(nested.advice).toContain('include:big.test (10 lookups)');
    const atLimit = await check('at-limit.test', null);
    expect(atLimit.status).toBe('warn');
    expect(atLimit.recordToPublish).toBeNull();
    expect(atLimit.reductions).toHaveLength(1);
  });

  it('property: for every failing fixture the suggestion, published, passes (and is its own suggestion)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROOTS),
        fc.constantFrom<readonly string[] | null>(null, ['203.0.113.10'], ['203.0.113.10', '2001:db8:5::25'], ['10.0.0.5']),
        fc.boolean(),
        async (domain, servers, upperCase) => {
          const name = upperCase ? domain.toUpperCase() : `${domain}.`;
          const verdict = await check(name, servers);
          expect(verdict.status).not.toBe('pass');
          const record = verdict.recordToPublish ?? verdict.reducedRecord;
          expect(record).not.toBeNull();
          if (verdict.recordToPublish === null) expect(verdict.reductions.length).toBeGreaterThan(0);
          const again = await checkPublished(domain, record ?? '', servers);
          expectClean(again);
          expect(again.office365Authorised).toBe(true);
          for (const server of again.serverAddresses) expect(server.authorised || !server.public).toBe(true);
          expect(again.recordToPublish).toBe(record);
        },
      ),
      { seed: 0x5f5_11b, numRuns: 60 },
    );
  });
});
