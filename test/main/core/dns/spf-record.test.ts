import { describe, expect, it } from 'vitest';
import { domainSpecProblem, isSpfRecord, parseSpf } from '../../../../main/core/dns/spf-record.js';

describe('isSpfRecord', () => {
  it('accepts exactly the version v=spf1, ended by a space or the end', () => {
    expect(isSpfRecord('v=spf1 -all')).toBe(true);
    expect(isSpfRecord('v=spf1')).toBe(true);
    expect(isSpfRecord('V=SPF1 mx')).toBe(true);
    expect(isSpfRecord('v=spf10 -all')).toBe(false);
    expect(isSpfRecord('spf2.0/pra -all')).toBe(false);
    expect(isSpfRecord(' v=spf1 -all')).toBe(false);
  });
});

describe('parseSpf', () => {
  it('parses mechanisms with qualifiers, domains and prefix lengths', () => {
    const record = parseSpf('v=spf1  +mx a:mail.contoso.test/24//64 ~ip4:203.0.113.0/24 ip6:2001:db8::/32 ?include:spf.protection.outlook.com exists:%{i}._spf.contoso.test ptr -all');
    expect(record.errors).toEqual([]);
    expect(record.terms.map((term) => term.kind === 'mechanism' ? `${term.qualifier}${term.name}` : term.name)).toEqual([
      '+mx', '+a', '~ip4', '+ip6', '?include', '+exists', '+ptr', '-all',
    ]);
    expect(record.terms[1]).toMatchObject({ name: 'a', domain: 'mail.contoso.test', cidr4: 24, cidr6: 64 });
    expect(record.terms[2]).toMatchObject({ name: 'ip4', ip: '203.0.113.0', cidr4: 24 });
    expect(record.terms[3]).toMatchObject({ name: 'ip6', ip: '2001:db8::', cidr6: 32 });
  });

  it('parses redirect and exp modifiers and rejects duplicates', () => {
    expect(parseSpf('v=spf1 redirect=_spf.contoso.test').terms[0]).toMatchObject({ kind: 'modifier', name: 'redirect', value: '_spf.contoso.test' });
    const twice = parseSpf('v=spf1 redirect=a.contoso.test redirect=b.contoso.test');
    expect(twice.errors).toEqual([{ term: 'redirect=b.contoso.test', reason: 'redirect= may appear only once' }]);
  });

  it.each([
    ['v=spf1 inclde:spf.protection.outlook.com -all', 'unknown mechanism "inclde"'],
    ['v=spf1 !all', 'bad qualifier'],
    ['v=spf1 ++mx -all', 'bad qualifier'],
    ['v=spf1 ip4:203.0.113.300 -all', 'not an IPv4 address'],
    ['v=spf1 ip4:203.0.113.0/33 -all', 'prefix length must be 0 to 32'],
    ['v=spf1 ip4:203.0.113 -all', 'not an IPv4 address'],
    ['v=spf1 ip6:2001:db8::zz -all', 'not an IPv6 address'],
    ['v=spf1 ip6:2001:db8::/129 -all', 'prefix length must be 0 to 128'],
    ['v=spf1 a/40 -all', 'IPv4 prefix length must be 0 to 32'],
    ['v=spf1 mx//200 -all', 'IPv6 prefix length must be 0 to 128'],
    ['v=spf1 include -all', 'include needs a domain'],
    ['v=spf1 include:localhost -all', 'not a fully qualified domain name'],
    ['v=spf1 exists:%{z}.contoso.test -all', '%{z} is not a macro letter'],
    ['v=spf1 -all:contoso.test', '"all" takes no argument'],
    ['v=spf1 redirect=', 'redirect= needs a valid domain'],
  ])('reports a syntax error in %s', (text, reason) => {
    const record = parseSpf(text);
    expect(record.errors).toHaveLength(1);
    expect(record.errors[0]?.reason).toContain(reason);
  });

  it('warns about unknown modifiers (ignored by receivers) and unreachable terms', () => {
    const record = parseSpf('v=spf1 -all mx foo=bar');
    expect(record.errors).toEqual([]);
    expect(record.warnings).toEqual(['unknown modifier "foo=" is ignored by receivers (a typo?)', 'mechanisms after "all" are never reached']);
    expect(parseSpf('v=spf1 ~all redirect=_spf.contoso.test').warnings).toContain('redirect= is ignored because the record has "all"');
  });

  it('rejects a record without the version', () => {
    expect(parseSpf('spf1 -all').errors[0]?.reason).toContain('v=spf1');
  });
});

describe('domainSpecProblem', () => {
  it('accepts names and macro names', () => {
    expect(domainSpecProblem('spf.protection.outlook.com')).toBeNull();
    expect(domainSpecProblem('contoso.test.')).toBeNull();
    expect(domainSpecProblem('%{i}._spf.contoso.test')).toBeNull();
    expect(domainSpecProblem('%{ir}.%{v}._spf.%{d2}')).toBeNull();
  });
  it('rejects bad names', () => {
    expect(domainSpecProblem('')).toContain('empty');
    expect(domainSpecProblem('a..b.test')).toContain('empty or over-long label');
    expect(domainSpecProblem('contoso.123')).toContain('top-level label');
    expect(domainSpecProblem('100%.contoso.test')).toContain('macro');
  });
});
