import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSpf } from '../../../../main/core/dns/spf-record.js';
import { correctedSpfRecord, evaluateSpf } from '../../../../main/core/dns/spf-verdict.js';
import { CASE_TIME_LIMIT_MS, PROPERTY_RUNS, PROPERTY_SEED, runCase } from '../../../lab/property-bounds.js';

const terms = fc.constantFrom(
  'all', '-all', '~all', '?all', '+all', '!all', 'mx', 'mx/24', 'mx//64', 'mx:mx/a.contoso.test//48', 'a', 'a:out/west.contoso.test/24//64', 'a/33',
  'ip4:192.0.2.1', 'ip4:192.0.2.0/24', 'ip4:192.0.2.300', 'ip4:', 'ip6:2001:db8::/32', 'ip6:::ffff:192.0.2.1', 'ip6:::ffff:1.2.3', 'ip6:zz::1',
  'include:spf.protection.outlook.com', 'include:', 'include:localhost', 'exists:%{i}._spf.%{d}', 'exists:%{c}.x.test', 'exists:%{d0}.x.test', 'ptr',
  'ptr:contoso.test', 'redirect=_spf.contoso.test', 'redirect=', 'exp=explain.%{d}', 'exp=%{t}.x.test', 'foo=bar', 'foo=%{z}', 'note=50%off', 'v=spf1',
  '%', '%%', '%{', '/', '//', '=', ':', 'Ω', '\t',
);
const record = fc
  .tuple(fc.constantFrom('v=spf1', 'V=SPF1', 'v=spf1 ', 'spf1', ''), fc.array(fc.oneof({ weight: 4, arbitrary: terms }, fc.string({ maxLength: 15 }), fc.string({ unit: 'binary', maxLength: 15 })), { maxLength: 20 }))
  .map(([version, parts]) => [version, ...parts].join(' '));
const input = fc.oneof(record, fc.string({ unit: 'binary', maxLength: 2000 }));

describe('SPF records under random input (fast-check)', () => {
  it('parse without throwing, in bounded time; only valid terms are kept and the record built from them parses clean', () => {
    fc.assert(
      fc.property(input, fc.boolean(), (text, addOffice365) => {
        const outcome = runCase(() => parseSpf(text));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        const parsed = outcome.value;
        for (const term of parsed.terms) expect(parseSpf(`v=spf1 ${term.text}`).errors).toEqual([]);
        if (parsed.errors.length === 0 && parsed.text.startsWith('v=spf1')) expect(parsed.terms.map((term) => term.text).join(' ')).toBe(parsed.text.slice(6).split(' ').filter((part) => part !== '').join(' '));
        const corrected = correctedSpfRecord([parsed], { addOffice365, addAddresses: ['203.0.113.10', '::ffff:198.51.100.1'] });
        expect(parseSpf(corrected).errors).toEqual([]);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('give a typed verdict, in bounded time, for any parsed record at the root', () => {
    fc.assert(
      fc.property(input, fc.constantFrom<readonly string[] | null>(null, ['203.0.113.10'], ['10.0.0.1', '2001:db8::1']), (text, servers) => {
        const outcome = runCase(() => evaluateSpf({ domain: 'contoso.test', root: { domain: 'contoso.test', fetch: { kind: 'record', record: parseSpf(text) }, lookups: [] }, serverAddresses: servers }));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        expect(['pass', 'warn', 'fail']).toContain(outcome.value.status);
        if (outcome.value.recordToPublish !== null) expect(parseSpf(outcome.value.recordToPublish).errors).toEqual([]);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });
});
