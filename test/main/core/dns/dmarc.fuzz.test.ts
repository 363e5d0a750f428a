import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDmarc, parseDmarc } from '../../../../main/core/dns/dmarc.js';
import { CASE_TIME_LIMIT_MS, PROPERTY_RUNS, PROPERTY_SEED, runCase } from '../../../lab/property-bounds.js';

const tags = fc.constantFrom(
  'v=DMARC1', 'v=dmarc1', 'v = DMARC1', 'p=none', 'p=quarantine', 'p=reject', 'p=block', 'p=', 'sp=reject', 'sp=drop', 'pct=0', 'pct=100', 'pct=150',
  'pct=x', 'rua=mailto:d@contoso.test', 'rua=mailto:d@contoso.test!10m', 'rua=reports@contoso.test', 'rua=mailto:a@b.test,mailto:broken', 'ruf=mailto:f@contoso.test',
  'adkim=s', 'adkim=x', 'aspf=r', 'fo=1:d', 'fo=2', 'ri=86400', 'ri=x', 'foo=bar', '=', ';', ' ', 'Ω',
);
const record = fc
  .array(fc.oneof({ weight: 4, arbitrary: tags }, fc.string({ maxLength: 15 }), fc.string({ unit: 'binary', maxLength: 15 })), { maxLength: 14 })
  .map((parts) => parts.join('; '));
const input = fc.oneof(record, fc.string({ unit: 'binary', maxLength: 2000 }));

describe('DMARC records under random input (fast-check)', () => {
  it('parse and evaluate without throwing, in bounded time, and the record to publish is always valid', () => {
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 3 }), (records) => {
        const outcome = runCase(() => ({ parsed: records.map(parseDmarc), verdict: evaluateDmarc('contoso.test', { ok: true, records }) }));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        expect(outcome.ok).toBe(true);
        if (!outcome.ok) return;
        const { parsed, verdict } = outcome.value;
        for (const one of parsed) {
          expect(['policy', 'as-none', 'ignored']).toContain(one.effect);
          if (one.policy !== null) expect(one.effect).toBe('policy');
        }
        const published = parseDmarc(verdict.recordToPublish);
        expect(published.errors).toEqual([]);
        expect(published.policy).not.toBeNull();
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });
});
