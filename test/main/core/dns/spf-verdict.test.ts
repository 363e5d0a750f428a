import { describe, expect, it } from 'vitest';
import { parseSpf } from '../../../../main/core/dns/spf-record.js';
import type { SpfLookupOutcome, SpfLookupTerm, SpfNode } from '../../../../main/core/dns/spf-tree.js';
import { correctedSpfRecord, evaluateSpf } from '../../../../main/core/dns/spf-verdict.js';

const office365: SpfNode = {
  domain: 'spf.protection.outlook.com',
  fetch: { kind: 'record', record: parseSpf('v=spf1 ip4:40.92.0.0/15 ip4:40.107.0.0/16 -all') },
  lookups: [],
};

function lookup(text: string, outcome: SpfLookupOutcome, target = 'x.test'): SpfLookupTerm {
  const parsed = parseSpf(`v=spf1 ${text}`).terms[0];
  const mechanism = parsed?.kind === 'modifier' ? 'redirect' : parsed?.name;
  if (mechanism !== 'include' && mechanism !== 'a' && mechanism !== 'mx' && mechanism !== 'ptr' && mechanism !== 'exists' && mechanism !== 'redirect') {
    throw new Error(`${text} is not a DNS-querying term`);
  }
  return {
    text,
    mechanism,
    qualifier: parsed?.kind === 'mechanism' ? parsed.qualifier : '+',
    target,
    cidr4: parsed?.kind === 'mechanism' ? parsed.cidr4 : null,
    cidr6: parsed?.kind === 'mechanism' ? parsed.cidr6 : null,
    outcome,
  };
}

const includeO365 = lookup('include:spf.protection.outlook.com', { kind: 'child', node: office365 }, 'spf.protection.outlook.com');

function root(text: string, lookups: readonly SpfLookupTerm[]): SpfNode {
  return { domain: 'contoso.test', fetch: { kind: 'record', record: parseSpf(text) }, lookups };
}

const server = ['203.0.113.10'];

describe('evaluateSpf', () => {
  it('passes one valid record that authorises Office 365 and the server', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 ip4:203.0.113.0/24 include:spf.protection.outlook.com -all', [includeO365]), serverAddresses: server });
    expect(verdict).toMatchObject({ status: 'pass', lookupCount: 1, voidLookupCount: 0, office365Authorised: true });
    expect(verdict.serverAddresses).toEqual([{ address: '203.0.113.10', authorised: true, public: true }]);
    expect(verdict.recordToPublish).toBe('v=spf1 ip4:203.0.113.0/24 include:spf.protection.outlook.com -all');
  });

  it('counts the server as authorised through a and mx addresses', () => {
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 mx a:out.contoso.test/28 include:spf.protection.outlook.com ~all', [
        lookup('mx', { kind: 'addresses', addresses: ['198.51.100.7'] }),
        lookup('a:out.contoso.test/28', { kind: 'addresses', addresses: ['203.0.113.1'] }),
        includeO365,
      ]),
      serverAddresses: server,
    });
    expect(verdict.status).toBe('pass');
    expect(verdict.serverAddresses[0]?.authorised).toBe(true);
    expect(verdict.lookupCount).toBe(3);
  });

  it('warns when Office 365 is missing and adds it and the server to the record, keeping the all qualifier', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 mx -all', [lookup('mx', { kind: 'addresses', addresses: ['198.51.100.7'] })]), serverAddresses: server });
    expect(verdict.status).toBe('warn');
    expect(verdict.findings.map((finding) => finding.problem)).toEqual(['office365-missing', 'server-not-authorised']);
    expect(verdict.recordToPublish).toBe('v=spf1 mx ip4:203.0.113.10 include:spf.protection.outlook.com -all');
    expect(verdict.advice).toContain('replacing the existing SPF record: v=spf1 mx ip4:203.0.113.10');
  });

  it('does not publish private addresses, and says so', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 -all', []), serverAddresses: ['192.168.1.5'] });
    expect(verdict.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com -all');
    expect(verdict.advice).toContain('private address');
  });

  it('warns about +all and corrects it to ~all', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 include:spf.protection.outlook.com +all', [includeO365]), serverAddresses: null });
    expect(verdict.status).toBe('warn');
    expect(verdict.findings.map((finding) => finding.problem)).toEqual(['pass-all']);
    expect(verdict.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com ~all');
  });

  it('warns when there is no record and proposes one', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: { domain: 'contoso.test', fetch: { kind: 'none', failure: 'NODATA', message: 'none' }, lookups: [] }, serverAddresses: server });
    expect(verdict.status).toBe('warn');
    expect(verdict.recordToPublish).toBe('v=spf1 ip4:203.0.113.10 include:spf.protection.outlook.com ~all');
  });

  it('fails on a domain that does not exist and on a failed lookup, naming the kind', () => {
    const gone = evaluateSpf({ domain: 'contoso.test', root: { domain: 'contoso.test', fetch: { kind: 'none', failure: 'NXDOMAIN', message: 'gone' }, lookups: [] }, serverAddresses: null });
    expect(gone.status).toBe('fail');
    expect(gone.summary).toContain('NXDOMAIN');
    const broken = evaluateSpf({ domain: 'contoso.test', root: { domain: 'contoso.test', fetch: { kind: 'error', failure: 'SERVFAIL', message: 'broken' }, lookups: [] }, serverAddresses: null });
    expect(broken.status).toBe('fail');
    expect(broken.summary).toContain('SERVFAIL');
  });

  it('fails on two records and merges them into one', () => {
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: { domain: 'contoso.test', fetch: { kind: 'multiple', records: ['v=spf1 mx ip4:203.0.113.0/24 -all', 'v=spf1 include:spf.protection.outlook.com ~all'] }, lookups: [] },
      serverAddresses: server,
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.findings[0]?.problem).toBe('multiple');
    expect(verdict.recordToPublish).toBe('v=spf1 mx ip4:203.0.113.0/24 include:spf.protection.outlook.com -all');
    expect(verdict.advice).toContain('replacing the existing SPF records');
  });

  it('fails on syntax errors and drops the broken terms from the record to publish', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 ip4:203.0.113.300 include:spf.protection.outlook.com -all', [includeO365]), serverAddresses: null });
    expect(verdict.status).toBe('fail');
    expect(verdict.summary).toContain('permerror');
    expect(verdict.findings[0]).toEqual({ problem: 'syntax', detail: 'contoso.test: "ip4:203.0.113.300": ip4: "203.0.113.300" is not an IPv4 address' });
    expect(verdict.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com -all');
  });

  it('fails above 10 lookups counted through includes', () => {
    const nested: SpfNode = {
      domain: '_spf.contoso.test',
      fetch: { kind: 'record', record: parseSpf('v=spf1 a mx ptr exists:x.test a:b.test a:c.test a:d.test a:e.test -all') },
      lookups: ['a', 'mx', 'ptr', 'exists:x.test', 'a:b.test', 'a:c.test', 'a:d.test', 'a:e.test'].map((text) => lookup(text, { kind: 'addresses', addresses: ['198.51.100.1'] })),
    };
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 include:_spf.contoso.test include:spf.protection.outlook.com redirect=x.test', [lookup('include:_spf.contoso.test', { kind: 'child', node: nested }), includeO365, lookup('redirect=x.test', { kind: 'child', node: office365 })]),
      serverAddresses: null,
    });
    expect(verdict.lookupCount).toBe(11);
    expect(verdict.status).toBe('fail');
    expect(verdict.findings.map((finding) => finding.problem)).toEqual(['too-many-lookups']);
    expect(verdict.recordToPublish).toBeNull();
    expect(verdict.reductions).toEqual([{ term: 'include:_spf.contoso.test', lookups: 9, voidLookups: 0 }]);
    expect(verdict.reducedRecord).toBe('v=spf1 include:spf.protection.outlook.com redirect=x.test');
    expect(verdict.advice).toContain('Remove these terms, or flatten them');
    expect(verdict.advice).toContain('include:_spf.contoso.test (9 lookups)');
  });

  it('fails on more than two void lookups', () => {
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 a:a.test a:b.test mx:c.test include:spf.protection.outlook.com -all', [
        lookup('a:a.test', { kind: 'void', failure: 'NXDOMAIN' }),
        lookup('a:b.test', { kind: 'void', failure: 'NODATA' }),
        lookup('mx:c.test', { kind: 'void', failure: 'NXDOMAIN' }),
        includeO365,
      ]),
      serverAddresses: null,
    });
    expect(verdict.voidLookupCount).toBe(3);
    expect(verdict.findings.map((finding) => finding.problem)).toEqual(['too-many-void-lookups']);
  });

  it('fails on include loops and includes without SPF', () => {
    const looped = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 include:contoso.test -all', [lookup('include:contoso.test', { kind: 'loop', path: ['contoso.test', 'contoso.test'] })]),
      serverAddresses: null,
    });
    expect(looped.findings[0]).toEqual({ problem: 'loop', detail: 'include loop: contoso.test -> contoso.test' });
    const empty = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 include:none.test -all', [lookup('include:none.test', { kind: 'child', node: { domain: 'none.test', fetch: { kind: 'none', failure: 'NXDOMAIN', message: 'gone' }, lookups: [] } })]),
      serverAddresses: null,
    });
    expect(empty.status).toBe('fail');
    expect(empty.findings[0]?.problem).toBe('include-without-spf');
    expect(empty.voidLookupCount).toBe(1);
  });

  it('fails with temperror when an include cannot be read', () => {
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 include:slow.test -all', [lookup('include:slow.test', { kind: 'child', node: { domain: 'slow.test', fetch: { kind: 'error', failure: 'TIMEOUT', message: 'no answer' }, lookups: [] } })]),
      serverAddresses: null,
    });
    expect(verdict.status).toBe('fail');
    expect(verdict.summary).toContain('temperror');
    expect(verdict.summary).toContain('TIMEOUT');
  });
});

describe('correctedSpfRecord', () => {
  it('keeps redirect when there is no all, and ends with ~all otherwise', () => {
    expect(correctedSpfRecord([parseSpf('v=spf1 redirect=_spf.contoso.test')], { addOffice365: true, addAddresses: [] })).toBe(
      'v=spf1 include:spf.protection.outlook.com redirect=_spf.contoso.test',
    );
    expect(correctedSpfRecord([parseSpf('v=spf1 mx')], { addOffice365: false, addAddresses: ['2001:db8::5'] })).toBe('v=spf1 mx ip6:2001:db8::5 ~all');
    expect(correctedSpfRecord([], { addOffice365: true, addAddresses: [] })).toBe('v=spf1 include:spf.protection.outlook.com ~all');
  });
});

describe('evaluateSpf: RFC 7208 limits named exactly (issue 11, item 5)', () => {
  it('names a redirect loop a redirect loop, and an include loop an include loop', () => {
    const redirect = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 redirect=contoso.test', [lookup('redirect=contoso.test', { kind: 'loop', path: ['contoso.test', 'contoso.test'] }, 'contoso.test')]), serverAddresses: null });
    expect(redirect.findings).toEqual([{ problem: 'redirect-loop', detail: 'redirect loop: contoso.test -> contoso.test' }]);
    const include = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 include:contoso.test -all', [lookup('include:contoso.test', { kind: 'loop', path: ['contoso.test', 'contoso.test'] }, 'contoso.test')]), serverAddresses: null });
    expect(include.findings[0]?.problem).toBe('loop');
    expect(include.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com -all');
    expect(include.dropped).toEqual([{ term: 'include:contoso.test', reason: 'it loops back (contoso.test -> contoso.test)' }]);
  });

  it('fails an mx mechanism whose domain has more than 10 MX records and leaves it out of the suggestion', () => {
    const verdict = evaluateSpf({ domain: 'contoso.test', root: root('v=spf1 mx include:spf.protection.outlook.com -all', [lookup('mx', { kind: 'too-many-mx', count: 12 }, 'contoso.test'), includeO365]), serverAddresses: server });
    expect(verdict.status).toBe('fail');
    expect(verdict.findings[0]).toEqual({ problem: 'too-many-mx-records', detail: 'mx: contoso.test has 12 MX records; an mx mechanism may use at most 10 (RFC 7208 section 4.6.4), so receivers return permerror' });
    expect(verdict.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com ip4:203.0.113.10 -all');
  });

  it('leaves out void lookups and includes of domains without SPF, saying why', () => {
    const verdict = evaluateSpf({
      domain: 'contoso.test',
      root: root('v=spf1 a:gone.contoso.test include:nospf.test include:spf.protection.outlook.com -all', [
        lookup('a:gone.contoso.test', { kind: 'void', failure: 'NXDOMAIN' }, 'gone.contoso.test'),
        lookup('include:nospf.test', { kind: 'child', node: { domain: 'nospf.test', fetch: { kind: 'none', failure: 'NO_SPF', message: 'none' }, lookups: [] } }, 'nospf.test'),
        includeO365,
      ]),
      serverAddresses: null,
    });
    expect(verdict.recordToPublish).toBe('v=spf1 include:spf.protection.outlook.com -all');
    expect(verdict.dropped.map((entry) => entry.term)).toEqual(['a:gone.contoso.test', 'include:nospf.test']);
    expect(verdict.dropped[1]?.reason).toContain('nospf.test has no v=spf1 record');
  });
});
