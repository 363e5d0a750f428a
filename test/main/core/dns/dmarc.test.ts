import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTxtFollowingCnames } from '../../../../main/core/dns/address-lookup.js';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import type { DnsResolver } from '../../../../main/core/ports/dns.js';
import { startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';
import { evaluateDmarc, isDmarcRecord, parseDmarc } from '../../../../main/core/dns/dmarc.js';

describe('parseDmarc', () => {
  it('reads every tag with defaults', () => {
    const parsed = parseDmarc('v=DMARC1; p=quarantine; rua=mailto:a@contoso.test,mailto:b@contoso.test!10m; pct=50; adkim=s;');
    expect(parsed.errors).toEqual([]);
    expect(parsed.policy).toEqual({
      p: 'quarantine',
      sp: 'quarantine',
      pct: 50,
      rua: ['mailto:a@contoso.test', 'mailto:b@contoso.test!10m'],
      ruf: [],
      adkim: 's',
      aspf: 'r',
    });
  });

  it.each([
    ['p=none; v=DMARC1', 'must start with "v=DMARC1"'],
    ['v=dmarc1; p=none', 'must start with "v=DMARC1"'],
    ['v=DMARC1; rua=mailto:a@contoso.test', 'p= (none, quarantine or reject) is missing'],
    ['v=DMARC1; p=block', 'p=block is not none, quarantine or reject'],
    ['v=DMARC1; p=none; sp=maybe', 'sp=maybe'],
    ['v=DMARC1; p=none; pct=150', 'pct=150 must be a whole number from 0 to 100'],
    ['v=DMARC1; p=none; pct=half', 'pct=half'],
    ['v=DMARC1; p=none; rua=a@contoso.test', 'is not a URI'],
    ['v=DMARC1; p=none; ruf=mailto:nobody', 'not a valid mailto: address'],
    ['v=DMARC1; p=none; adkim=x', 'adkim=x must be r'],
    ['v=DMARC1; p=none; fo=2', 'fo=2'],
    ['v=DMARC1; p=none; p=reject', 'tag "p" appears twice'],
    ['v=DMARC1; p=none; garbage', 'not a tag=value pair'],
  ])('rejects %s', (text, reason) => {
    const parsed = parseDmarc(text);
    expect(parsed.policy).toBeNull();
    expect(parsed.errors.join(' | ')).toContain(reason);
  });

  it('only warns about unknown tags and a late p=', () => {
    const parsed = parseDmarc('v=DMARC1; rua=mailto:a@contoso.test; p=none; foo=bar');
    expect(parsed.policy).not.toBeNull();
    expect(parsed.warnings).toEqual(['p= should directly follow v=DMARC1', 'unknown tag "foo" is ignored by receivers']);
  });

  it('knows a DMARC record by its first tag', () => {
    expect(isDmarcRecord('v=DMARC1; p=none')).toBe(true);
    expect(isDmarcRecord('v = DMARC1;p=none')).toBe(true);
    expect(isDmarcRecord('p=none; v=DMARC1')).toBe(false);
  });
});

describe('evaluateDmarc', () => {
  it('warns when absent and offers a starting record', () => {
    const verdict = evaluateDmarc('contoso.test', { ok: false, failure: 'NXDOMAIN', message: 'gone' });
    expect(verdict).toMatchObject({ status: 'warn', state: 'absent', recordToPublish: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@contoso.test' });
    expect(verdict.advice).toContain('p=quarantine');
    expect(evaluateDmarc('contoso.test', { ok: true, records: ['some-verification=1'] })).toMatchObject({ status: 'warn', state: 'absent' });
  });
  it('fails on a lookup failure, naming it', () => {
    const verdict = evaluateDmarc('contoso.test', { ok: false, failure: 'TIMEOUT', message: 'no answer' });
    expect(verdict).toMatchObject({ status: 'fail', state: 'lookup-failed' });
    expect(verdict.summary).toContain('TIMEOUT');
  });
  it('fails on an invalid record and gives the corrected one', () => {
    const verdict = evaluateDmarc('contoso.test', { ok: true, records: ['v=DMARC1; p=quarantine; pct=200; rua=mailto:d@contoso.test'] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'invalid', recordToPublish: 'v=DMARC1; p=quarantine; rua=mailto:d@contoso.test' });
    expect(verdict.summary).toContain('pct=200');
  });
  it('fails on a misplaced version', () => {
    const verdict = evaluateDmarc('contoso.test', { ok: true, records: ['p=reject; v=DMARC1'] });
    expect(verdict).toMatchObject({ status: 'fail', state: 'invalid', recordToPublish: 'v=DMARC1; p=reject; rua=mailto:dmarc-reports@contoso.test' });
  });
  it('fails on two records', () => {
    expect(evaluateDmarc('contoso.test', { ok: true, records: ['v=DMARC1; p=none', 'v=DMARC1; p=reject'] })).toMatchObject({ status: 'fail', state: 'multiple' });
  });
  it('passes a valid record and advises the next stage', () => {
    const verdict = evaluateDmarc('contoso.test', { ok: true, records: ['v=DMARC1; p=none; rua=mailto:d@contoso.test'] });
    expect(verdict).toMatchObject({ status: 'pass', state: 'valid', recordToPublish: 'v=DMARC1; p=quarantine; rua=mailto:d@contoso.test' });
    expect(verdict.summary).toContain('p=none');
    const noReports = evaluateDmarc('contoso.test', { ok: true, records: ['v=DMARC1; p=reject'] });
    expect(noReports.advice).toContain('Add rua=mailto:dmarc-reports@contoso.test');
  });
});

describe('records without a valid p= (RFC 7489 section 6.6.3), read from the loopback DNS server', () => {
  let dns: LabDnsServer;
  let resolver: DnsResolver;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '127.0.0.181',
      zone: {
        '_dmarc.rua-only.test': [{ type: 'TXT', value: 'v=DMARC1; rua=mailto:reports@rua-only.test' }],
        '_dmarc.bad-p.test': [{ type: 'TXT', value: 'v=DMARC1; p=block; rua=mailto:reports@bad-p.test,mailto:broken' }],
        '_dmarc.bad-sp.test': [{ type: 'TXT', value: 'v=DMARC1; p=reject; sp=drop; rua=mailto:reports@bad-sp.test' }],
        '_dmarc.no-rua.test': [{ type: 'TXT', value: 'v=DMARC1; p=block' }],
        '_dmarc.bad-rua.test': [{ type: 'TXT', value: 'v=DMARC1; rua=reports@bad-rua.test' }],
        '_dmarc.bad-pct.test': [{ type: 'TXT', value: 'v=DMARC1; p=quarantine; pct=150; rua=mailto:reports@bad-pct.test' }],
      },
    });
    resolver = createResolver({ server: { address: dns.address, port: dns.port }, timeoutMs: 2000, tries: 2 });
  });
  afterAll(async () => {
    await dns.close();
  });

  async function verdictFor(domain: string): Promise<ReturnType<typeof evaluateDmarc>> {
    return evaluateDmarc(domain, await resolveTxtFollowingCnames(resolver, `_dmarc.${domain}`));
  }

  it('says receivers act as p=none when p is missing or invalid but a valid rua is there', async () => {
    for (const domain of ['rua-only.test', 'bad-p.test', 'bad-sp.test']) {
      const verdict = await verdictFor(domain);
      expect(verdict).toMatchObject({ status: 'fail', state: 'invalid', effect: 'as-none' });
      expect(verdict.summary).toContain('receivers act as if it said p=none: they send reports but neither quarantine nor reject failing mail');
    }
  });

  it('says receivers apply no DMARC when there is no valid p and no valid rua', async () => {
    for (const domain of ['no-rua.test', 'bad-rua.test']) {
      const verdict = await verdictFor(domain);
      expect(verdict).toMatchObject({ state: 'invalid', effect: 'ignored' });
      expect(verdict.summary).toContain('Receivers apply no DMARC to this domain\'s mail at all');
    }
  });

  it('says a valid p still applies when only another tag is wrong', async () => {
    const verdict = await verdictFor('bad-pct.test');
    expect(verdict).toMatchObject({ state: 'invalid', effect: 'policy' });
    expect(verdict.summary).toContain('Receivers still apply p=quarantine');
  });

  it('reports the effect of a valid record and of none', async () => {
    expect(evaluateDmarc('contoso.test', { ok: true, records: ['v=DMARC1; p=reject'] }).effect).toBe('policy');
    expect((await verdictFor('absent.test')).effect).toBe('ignored');
  });
});
