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

describe('RFC 7208 grammar (issue 11, item 5)', () => {
  it.each([
    ['ip6:::ffff:192.0.2.1', '::ffff:192.0.2.1', null],
    ['ip6:::ffff:192.0.2.0/120', '::ffff:192.0.2.0', 120],
    ['ip6:2001:db8::192.0.2.1', '2001:db8::192.0.2.1', null],
    ['ip6:1:2:3:4:5:6:192.0.2.1', '1:2:3:4:5:6:192.0.2.1', null],
  ])('accepts the RFC 4291 form with an embedded IPv4 address: %s', (term, ip, cidr6) => {
    const record = parseSpf(`v=spf1 ${term} -all`);
    expect(record.errors).toEqual([]);
    expect(record.terms[0]).toMatchObject({ name: 'ip6', ip, cidr6 });
  });

  it.each(['ip6:::ffff:192.0.2', 'ip6:1:2:3:4:5:6:7:192.0.2.1', 'ip6:::ffff:192.0.2.1.5', 'ip6:::ffff:01.2.3.4'])('still rejects a malformed embedded form: %s', (term) => {
    expect(parseSpf(`v=spf1 ${term} -all`).errors[0]?.reason).toContain('not an IPv6 address');
  });

  it('lets a domain-spec contain "/": only a trailing /digits or //digits is a prefix length', () => {
    const record = parseSpf('v=spf1 a:out/west.contoso.test a:out/west.contoso.test/24//64 mx:mx/a.contoso.test//48 include:spf/eu.contoso.test exists:x/%{i}.contoso.test -all');
    expect(record.errors).toEqual([]);
    expect(record.terms.slice(0, 5)).toMatchObject([
      { name: 'a', domain: 'out/west.contoso.test', cidr4: null, cidr6: null },
      { name: 'a', domain: 'out/west.contoso.test', cidr4: 24, cidr6: 64 },
      { name: 'mx', domain: 'mx/a.contoso.test', cidr4: null, cidr6: 48 },
      { name: 'include', domain: 'spf/eu.contoso.test' },
      { name: 'exists', domain: 'x/%{i}.contoso.test' },
    ]);
    expect(parseSpf('v=spf1 a/24//64 -all').terms[0]).toMatchObject({ domain: null, cidr4: 24, cidr6: 64 });
    expect(parseSpf('v=spf1 a:contoso.test/ -all').errors[0]?.reason).toContain('top-level label');
  });

  it('checks every modifier value as a macro-string, not only redirect and exp', () => {
    expect(parseSpf('v=spf1 -all foo=%{z}').errors[0]).toEqual({ term: 'foo=%{z}', reason: 'foo= value is not valid: %{z} is not a macro letter (s, l, o, d, i, p, h or v)' });
    expect(parseSpf('v=spf1 -all note=50%off').errors[0]?.reason).toContain('does not start a valid macro');
    expect(parseSpf('v=spf1 -all note=50%%off moved=%{d}').errors).toEqual([]);
    expect(parseSpf('v=spf1 -all empty=').errors).toEqual([]);
  });

  it('allows the macro letters c, r and t only in explanation text', () => {
    for (const letter of ['c', 'r', 't', 'C']) {
      const record = parseSpf(`v=spf1 exists:%{${letter}}.contoso.test redirect=%{${letter}}.contoso.test -all x=%{${letter}}`);
      expect(record.errors).toHaveLength(3);
      for (const error of record.errors) expect(error.reason).toContain(`%{${letter}} is allowed only in explanation text`);
    }
    expect(parseSpf('v=spf1 exists:%{s}%{l}%{o}%{d}%{i}%{p}%{h}%{v}.contoso.test -all').errors).toEqual([]);
  });

  it('rejects a zero digit transformer and accepts delimiters', () => {
    expect(domainSpecProblem('%{d0}.contoso.test')).toContain('must not be zero');
    expect(domainSpecProblem('%{d2r+-}.contoso.test')).toBeNull();
    expect(domainSpecProblem('%{ir}.%{l1r-}.contoso.test')).toBeNull();
    expect(domainSpecProblem('%{i')).toContain('does not start a valid macro');
  });

  it('follows the toplabel grammar: all digits only with a hyphen', () => {
    expect(domainSpecProblem('contoso.123')).toContain('top-level label');
    expect(domainSpecProblem('contoso.1-23')).toBeNull();
    expect(domainSpecProblem('contoso.-bad')).toContain('top-level label');
  });
});
