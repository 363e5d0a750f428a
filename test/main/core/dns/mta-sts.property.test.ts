/**
 * Properties of the MTA-STS matcher and verdict: a "*." pattern covers exactly one more label, the
 * suggested pattern covers the host it is made for, and every policy the check tells the user to
 * serve passes the check itself. Fixed seed, bounded runs (test/lab/property-bounds.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateMtaSts, mxPatternMatches, parseMtaStsPolicy, parseMtaStsRecord, patternFor } from '../../../../main/core/dns/mta-sts.js';
import { CASE_TIME_LIMIT_MS, PROPERTY_RUNS, PROPERTY_SEED, runCase } from '../../../lab/property-bounds.js';

const parameters = { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS };
const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
const randomCase = (text: string, flips: readonly boolean[]): string => text.replace(/./g, (char, index: number) => (flips[index % Math.max(1, flips.length)] === true ? char.toUpperCase() : char));
const office365Mx = fc.oneof(
  label.map((tenant) => `${tenant}.mail.protection.outlook.com`),
  fc.tuple(label, fc.stringMatching(/^[a-z]$/)).map(([tenant, letter]) => `${tenant}.${letter}-v1.mx.microsoft`),
);

describe('one-label wildcards', () => {
  it('"*.D" matches every host one label below D, in any case and with a trailing dot', () => {
    fc.assert(
      fc.property(label, domain, fc.array(fc.boolean(), { minLength: 1 }), fc.boolean(), (first, parent, flips, dot) => {
        expect(mxPatternMatches(`*.${parent}`, `${randomCase(`${first}.${parent}`, flips)}${dot ? '.' : ''}`)).toBe(true);
      }),
      parameters,
    );
  });

  it('"*.D" matches neither D itself nor any host two or more labels below it', () => {
    fc.assert(
      fc.property(fc.array(label, { minLength: 2, maxLength: 4 }), domain, (labels, parent) => {
        expect(mxPatternMatches(`*.${parent}`, parent)).toBe(false);
        expect(mxPatternMatches(`*.${parent}`, `${labels.join('.')}.${parent}`)).toBe(false);
      }),
      parameters,
    );
  });

  it('an exact pattern matches only its own name', () => {
    fc.assert(
      fc.property(domain, domain, (a, b) => {
        expect(mxPatternMatches(a, b)).toBe(a === b);
      }),
      parameters,
    );
  });

  it('the pattern suggested for an Office 365 MX covers it, and "*.mx.microsoft" never covers the DNSSEC form', () => {
    fc.assert(
      fc.property(office365Mx, (host) => {
        expect(mxPatternMatches(patternFor(host), host)).toBe(true);
        if (host.endsWith('.mx.microsoft')) expect(mxPatternMatches('*.mx.microsoft', host)).toBe(false);
      }),
      parameters,
    );
  });
});

describe('the policy the check suggests', () => {
  const mode = fc.constantFrom('enforce', 'testing', 'none');
  const pattern = fc.oneof(domain, domain.map((name) => `*.${name}`), fc.constantFrom('*.mx.microsoft', '*.mail.protection.outlook.com', '*.outlook.com'));
  const currentMx = fc.option(fc.array(fc.oneof(domain, office365Mx), { maxLength: 3 }), { nil: null });

  it('passes the check itself once served, covering the MX after cutover and today’s', () => {
    fc.assert(
      fc.property(mode, fc.array(pattern, { maxLength: 4 }), fc.integer({ min: 0, max: 31_557_600 }), office365Mx, currentMx, (m, mx, maxAge, target, current) => {
        const body = ['version: STSv1', `mode: ${m}`, ...mx.map((entry) => `mx: ${entry}`), `max_age: ${maxAge}`].join('\n');
        const input = { domain: 'contoso.test', txt: { ok: true, records: ['v=STSv1; id=1'] }, postCutoverMx: target, currentMx: current, newId: '2' } as const;
        const first = evaluateMtaSts({ ...input, fetch: { ok: true, status: 200, contentType: 'text/plain', location: null, body } });
        if (first.policyToPublish === null) return;
        const again = evaluateMtaSts({ ...input, fetch: { ok: true, status: 200, contentType: 'text/plain', location: null, body: first.policyToPublish } });
        expect(again.status === 'fail' ? again.summary : 'not a failure').toBe('not a failure');
        expect(again.matchedPattern).not.toBeNull();
        expect(again.uncoveredCurrentMx).toEqual([]);
      }),
      parameters,
    );
  });
});

describe('the parsers on any input', () => {
  it('return a value or errors, never throw, and stay fast', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4000 }), (text) => {
        for (const parse of [parseMtaStsPolicy, parseMtaStsRecord]) {
          const outcome = runCase(() => parse(text));
          expect(outcome.ok).toBe(true);
          expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
          if (outcome.ok) expect(outcome.value.value === null).toBe(outcome.value.errors.length > 0);
        }
      }),
      parameters,
    );
  });
});
