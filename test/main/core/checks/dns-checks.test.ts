import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dnsChecks } from '../../../../main/core/checks/dns-checks.js';
import type { CheckDefinition, CheckOutcome } from '../../../../main/core/checks/types.js';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import { startDnsServer, type LabDnsServer, type RecordSpec, type Zone } from '../../../lab/dns-server.js';
import { createCheckContext } from '../../../lab/check-context.js';

const a = (value: string): RecordSpec => ({ type: 'A', value });
const mx = (priority: number, exchange: string): RecordSpec => ({ type: 'MX', priority, exchange });
const txt = (value: string | readonly string[]): RecordSpec => ({ type: 'TXT', value });
const cname = (value: string): RecordSpec => ({ type: 'CNAME', value });
const ptr = (value: string): RecordSpec => ({ type: 'PTR', value });

const zone: Zone = {
  // Office 365 side, as the lab answers it.
  'spf.protection.outlook.com': [txt('v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 ip6:2a01:111:f400::/48 -all')],
  'contoso-test.mail.protection.outlook.com': [a('40.107.1.10')],
  'pass-test.mail.protection.outlook.com': [a('40.107.1.11')],
  'mixed-test.mail.protection.outlook.com': [a('40.107.1.12')],
  'selector1-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIB')],
  'selector2-contoso-test._domainkey.contoso.onmicrosoft.com': [txt('v=DKIM1; k=rsa; p=MIIB')],

  // The customer: smart host and its PTR variants.
  'contoso.test': [
    mx(10, 'mail.contoso.test'),
    txt(['v=spf1 ip4:203.0.113.10 ', 'include:spf.protection.outlook.com -all']),
    txt('ms=ms12345678'),
  ],
  'mail.contoso.test': [a('203.0.113.10')],
  'alias.contoso.test': [cname('mail.contoso.test')],
  'mismatch.contoso.test': [a('203.0.113.11')],
  'other.contoso.test': [a('203.0.113.99')],
  'noptr.contoso.test': [a('203.0.113.12')],
  'servfail.contoso.test': 'SERVFAIL',
  'silent.contoso.test': 'SILENT',
  '10.113.0.203.in-addr.arpa': [ptr('mail.contoso.test')],
  '11.113.0.203.in-addr.arpa': [ptr('other.contoso.test')],
  '_dmarc.contoso.test': [txt('v=DMARC1; p=quarantine; rua=mailto:dmarc@contoso.test')],
  'selector1._domainkey.contoso.test': [cname('selector1-contoso-test._domainkey.contoso.onmicrosoft.com')],
  'selector2._domainkey.contoso.test': [cname('selector2-contoso-test._domainkey.contoso.onmicrosoft.com')],

  // MX scenarios.
  'pass.test': [mx(0, 'pass-test.mail.protection.outlook.com')],
  'pending.test': [mx(10, 'mail.pending.test'), mx(20, 'mx.pending.test')],
  'mail.pending.test': [a('198.51.100.10')],
  'mx.pending.test': [cname('mail.pending.test')],
  'mixed.test': [mx(0, 'mixed-test.mail.protection.outlook.com'), mx(10, 'mail.mixed.test')],
  'mail.mixed.test': [a('198.51.100.11')],
  'nomx.test': [txt('v=spf1 -all')],
  'dangling.test': [mx(0, 'gone.dangling.test')],
  'wrong.test': [mx(0, 'contoso-test.mail.protection.outlook.com')],

  // SPF scenarios.
  'spf-none.test': [mx(0, 'mail.contoso.test')],
  'two.test': [txt('v=spf1 mx -all'), txt('v=spf1 include:spf.protection.outlook.com ~all')],
  'many.test': [txt('v=spf1 include:_spf.many.test include:spf.protection.outlook.com -all')],
  '_spf.many.test': [txt(`v=spf1 ${Array.from({ length: 9 }, (_, i) => `a:h${i}.many.test`).join(' ')} -all`)],
  ...Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`h${i}.many.test`, [a(`198.51.100.${20 + i}`)]])),
  'loop.test': [txt('v=spf1 include:_spf.loop.test include:spf.protection.outlook.com -all')],
  '_spf.loop.test': [txt('v=spf1 include:loop.test -all')],
  'void.test': [txt('v=spf1 a:n1.void.test a:n2.void.test mx:n3.void.test include:spf.protection.outlook.com -all')],
  'noo365.test': [txt('v=spf1 mx -all'), mx(0, 'mail.noo365.test')],
  'mail.noo365.test': [a('198.51.100.40')],
  'syntax.test': [txt('v=spf1 ip4:203.0.113.10 inclde:spf.protection.outlook.com -all')],
  '_dmarc.syntax.test': [txt('v=DMARC1; p=block; rua=mailto:d@syntax.test')],
  '_dmarc.pending.test': [cname('pending.dmarc-provider.test')],
  'pending.dmarc-provider.test': [txt('v=DMARC1; p=none; rua=mailto:r@dmarc-provider.test')],
};

describe('dnsChecks against the lab DNS server', () => {
  let dns: LabDnsServer;

  beforeAll(async () => {
    dns = await startDnsServer({ address: '127.0.0.51', zone });
  });
  afterAll(async () => {
    await dns.close();
  });

  function check(id: string): CheckDefinition {
    const found = dnsChecks.find((definition) => definition.id === id);
    if (found === undefined) throw new Error(`no check ${id}`);
    return found;
  }

  function run(id: string, options: { readonly target?: string | null; readonly smartHost?: string; readonly tenantMx?: string; readonly timeoutMs?: number } = {}): Promise<CheckOutcome> {
    const resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: options.timeoutMs ?? 1000, tries: 2 });
    const ctx = createCheckContext({
      inputs: {
        smartHost: options.smartHost ?? 'mail.contoso.test',
        dnsServer: { address: dns.address, port: dns.port },
        tenantMx: options.tenantMx ?? null,
      },
      resolver,
    });
    return check(id).run(ctx, options.target ?? null);
  }

  it('registers the ids of DESIGN.md with their steps', () => {
    expect(dnsChecks.map((definition) => [definition.id, definition.step, definition.perDomain])).toEqual([
      ['dns.smarthost.resolve', 'prerequisites', false],
      ['dns.smarthost.ptr', 'prerequisites', false],
      ['dns.mx', 'part1', true],
      ['dns.spf', 'part2', true],
      ['dns.dmarc', 'part2', true],
      ['dns.dkim', 'part2', true],
    ]);
    expect(check('dns.smarthost.ptr').dependsOn).toEqual(['dns.smarthost.resolve']);
  });

  describe('dns.smarthost.resolve', () => {
    it('passes with the addresses, following a CNAME', async () => {
      const outcome = await run('dns.smarthost.resolve', { smartHost: 'alias.contoso.test' });
      expect(outcome.status).toBe('pass');
      expect(outcome.evidence).toMatchObject({ host: 'alias.contoso.test', addresses: ['203.0.113.10'], resolver: `127.0.0.51:${dns.port}` });
    });
    it('passes an IP literal as given', async () => {
      const outcome = await run('dns.smarthost.resolve', { smartHost: '203.0.113.10' });
      expect(outcome).toMatchObject({ status: 'pass', evidence: { literal: true } });
      expect(outcome.summary).toContain('given as an address');
    });
    it.each([
      ['gone.contoso.test', 'NXDOMAIN', 'does not exist'],
      ['contoso.test', 'NODATA', 'no A or AAAA record'],
      ['servfail.contoso.test', 'SERVFAIL', 'SERVFAIL'],
      ['silent.contoso.test', 'TIMEOUT', 'timeout'],
    ])('fails for %s with %s told apart', async (smartHost, failure, text) => {
      const started = performance.now();
      const outcome = await run('dns.smarthost.resolve', { smartHost, timeoutMs: 300 });
      expect(performance.now() - started).toBeLessThan(1000);
      expect(outcome.status).toBe('fail');
      expect(outcome.evidence).toMatchObject({ failure });
      expect(outcome.summary).toContain(text);
      expect(outcome.advice).toBeTruthy();
    });
  });

  describe('dns.smarthost.ptr', () => {
    it('passes a forward-confirmed PTR', async () => {
      const outcome = await run('dns.smarthost.ptr');
      expect(outcome.status).toBe('pass');
      expect(outcome.summary).toBe('203.0.113.10 -> mail.contoso.test -> 203.0.113.10');
    });
    it('checks the PTR of an IP literal too', async () => {
      expect((await run('dns.smarthost.ptr', { smartHost: '203.0.113.10' })).status).toBe('pass');
    });
    it('warns when the PTR name does not resolve back', async () => {
      const outcome = await run('dns.smarthost.ptr', { smartHost: 'mismatch.contoso.test' });
      expect(outcome.status).toBe('warn');
      expect(outcome.summary).toContain('PTR other.contoso.test does not resolve back to 203.0.113.11');
      expect(outcome.advice).toContain('11.113.0.203.in-addr.arpa. IN PTR mismatch.contoso.test.');
    });
    it('warns when there is no PTR', async () => {
      const outcome = await run('dns.smarthost.ptr', { smartHost: 'noptr.contoso.test' });
      expect(outcome.status).toBe('warn');
      expect(outcome.summary).toContain('no PTR record (NXDOMAIN)');
    });
    it('is skipped without an address', async () => {
      expect((await run('dns.smarthost.ptr', { smartHost: 'gone.contoso.test' })).status).toBe('skip');
    });
  });

  describe('dns.mx', () => {
    it('passes when the MX is the tenant host', async () => {
      const outcome = await run('dns.mx', { target: 'pass.test' });
      expect(outcome.status).toBe('pass');
      expect(outcome.evidence).toMatchObject({ state: 'office365', records: [{ exchange: 'pass-test.mail.protection.outlook.com', priority: 0, addresses: ['40.107.1.11'] }] });
    });
    it('warns "pending" naming the current hosts, following a CNAME MX host', async () => {
      const outcome = await run('dns.mx', { target: 'pending.test' });
      expect(outcome.status).toBe('warn');
      expect(outcome.summary).toContain('pending: change the MX at cutover');
      expect(outcome.summary).toContain('mail.pending.test (10), mx.pending.test (20)');
      expect(outcome.evidence).toMatchObject({ records: [{}, { chain: ['mx.pending.test', 'mail.pending.test'] }] });
      expect(outcome.advice).toContain('pending.test. IN MX 0 pending-test.mail.protection.outlook.com.');
    });
    it('warns on Office 365 mixed with other hosts', async () => {
      expect(await run('dns.mx', { target: 'mixed.test' })).toMatchObject({ status: 'warn', evidence: { state: 'mixed' } });
    });
    it('fails without MX (NODATA) and for a missing domain (NXDOMAIN)', async () => {
      const nodata = await run('dns.mx', { target: 'nomx.test' });
      expect(nodata).toMatchObject({ status: 'fail', evidence: { state: 'none', failure: 'NODATA' } });
      const nxdomain = await run('dns.mx', { target: 'missing.test' });
      expect(nxdomain).toMatchObject({ status: 'fail', evidence: { state: 'none', failure: 'NXDOMAIN' } });
      expect(nxdomain.summary).toContain('does not exist');
    });
    it('fails when the MX host does not resolve', async () => {
      const outcome = await run('dns.mx', { target: 'dangling.test' });
      expect(outcome).toMatchObject({ status: 'fail', evidence: { state: 'dangling', records: [{ exchange: 'gone.dangling.test', failure: 'NXDOMAIN' }] } });
    });
    it("fails on another tenant's host, unless --tenant-mx names it", async () => {
      expect(await run('dns.mx', { target: 'wrong.test' })).toMatchObject({ status: 'fail', evidence: { state: 'wrong-tenant' } });
      expect(await run('dns.mx', { target: 'wrong.test', tenantMx: 'contoso-test.mail.protection.outlook.com' })).toMatchObject({ status: 'pass' });
    });
  });

  describe('dns.spf', () => {
    it('passes one good record that authorises Office 365 and the server', async () => {
      const outcome = await run('dns.spf', { target: 'contoso.test' });
      expect(outcome.status).toBe('pass');
      expect(outcome.evidence).toMatchObject({
        records: ['v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com -all'],
        lookupCount: 1,
        office365Authorised: true,
        serverAddresses: [{ address: '203.0.113.10', authorised: true, public: true }],
      });
    });
    it('warns when there is no SPF record and gives one', async () => {
      const outcome = await run('dns.spf', { target: 'spf-none.test' });
      expect(outcome.status).toBe('warn');
      expect(outcome.evidence).toMatchObject({ recordToPublish: 'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com ~all' });
    });
    it('fails on two records', async () => {
      const outcome = await run('dns.spf', { target: 'two.test' });
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toContain('2 records start with v=spf1');
    });
    it('fails on 11 lookups', async () => {
      const outcome = await run('dns.spf', { target: 'many.test' });
      expect(outcome).toMatchObject({ status: 'fail', evidence: { lookupCount: 11 } });
      expect(outcome.summary).toContain('11 DNS-querying terms');
    });
    it('fails on an include loop', async () => {
      const outcome = await run('dns.spf', { target: 'loop.test' });
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toContain('include loop: loop.test -> _spf.loop.test -> loop.test');
    });
    it('fails on more than two void lookups', async () => {
      const outcome = await run('dns.spf', { target: 'void.test' });
      expect(outcome).toMatchObject({ status: 'fail', evidence: { voidLookupCount: 3 } });
    });
    it('warns when Office 365 is missing, with the corrected record', async () => {
      const outcome = await run('dns.spf', { target: 'noo365.test' });
      expect(outcome).toMatchObject({ status: 'warn', evidence: { office365Authorised: false, recordToPublish: 'v=spf1 mx ip4:203.0.113.10 include:spf.protection.outlook.com -all' } });
      expect(outcome.advice).toContain('v=spf1 mx ip4:203.0.113.10 include:spf.protection.outlook.com -all');
    });
    it('fails on a syntax error', async () => {
      const outcome = await run('dns.spf', { target: 'syntax.test' });
      expect(outcome.status).toBe('fail');
      expect(outcome.summary).toContain('unknown mechanism "inclde"');
      expect(outcome.evidence).toMatchObject({ recordToPublish: 'v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com -all' });
    });
  });

  describe('dns.dmarc', () => {
    it('passes a valid record', async () => {
      const outcome = await run('dns.dmarc', { target: 'contoso.test' });
      expect(outcome).toMatchObject({ status: 'pass', evidence: { state: 'valid', policy: { p: 'quarantine' } } });
    });
    it('follows a CNAME to a reporting provider', async () => {
      expect(await run('dns.dmarc', { target: 'pending.test' })).toMatchObject({ status: 'pass', evidence: { policy: { p: 'none' } } });
    });
    it('warns when absent', async () => {
      expect(await run('dns.dmarc', { target: 'pass.test' })).toMatchObject({ status: 'warn', evidence: { state: 'absent', failure: 'NXDOMAIN' } });
    });
    it('fails when invalid', async () => {
      expect(await run('dns.dmarc', { target: 'syntax.test' })).toMatchObject({ status: 'fail', evidence: { state: 'invalid', recordToPublish: 'v=DMARC1; p=none; rua=mailto:d@syntax.test' } });
    });
  });

  describe('dns.dkim', () => {
    it('passes when both selector CNAMEs are present', async () => {
      const outcome = await run('dns.dkim', { target: 'contoso.test' });
      expect(outcome.status).toBe('pass');
      expect(outcome.evidence).toMatchObject({ selectors: [{ state: 'cname', target: 'selector1-contoso-test._domainkey.contoso.onmicrosoft.com' }, { state: 'cname' }] });
    });
    it('warns when absent', async () => {
      const outcome = await run('dns.dkim', { target: 'pass.test' });
      expect(outcome).toMatchObject({ status: 'warn', evidence: { selectors: [{ state: 'absent' }, { state: 'absent' }] } });
      expect(outcome.advice).toContain('Get-DkimSigningConfig');
    });
  });
});
