/** Property-based tests of the firewall allow-list parser (outside input: a pasted list). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllowListParseError, checkCoverage, parseAllowList } from '../../../../main/core/eop/coverage.js';
import { CASE_TIME_BOUND_MS, fuzzParameters, timed } from '../../../lab/fuzz.js';

const EOP = ['40.92.0.0/15', '52.100.0.0/14', '104.47.0.0/17', '2a01:111:f400::/48', '2a01:111:f403::/48'];

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));
const ipv4Cidr = fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`);
const ipv6 = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 }).map((groups) => groups.map((g) => g.toString(16)).join(':'));
const ipv6Cidr = fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`);
const validEntry = fc.oneof(ipv4, ipv4Cidr, ipv6, ipv6Cidr);

/** Lines close to valid ones (digits, dots, colons, slashes, comments, odd whitespace) and plain noise. */
const nearMiss = fc.stringMatching(/^[0-9a-fA-F.:/# \t\r-]{0,40}$/);
const line = fc.oneof(validEntry, nearMiss, fc.string({ maxLength: 60 }), fc.constantFrom('', '#', '  # note', '0.0.0.0/0', '::/0', '1.2.3.4/33', '::1/129'));

describe('allow-list parser (fuzz)', () => {
  it('returns entries or throws AllowListParseError naming a line, for any text', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const { value: outcome, ms } = timed(() => {
          try {
            const entries = parseAllowList(lines.join(eol));
            return { entries, report: checkCoverage(EOP, entries) };
          } catch (error) {
            return { error };
          }
        });
        expect(ms).toBeLessThan(CASE_TIME_BOUND_MS);
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(AllowListParseError);
          const bad = outcome.error as AllowListParseError;
          expect(bad.message).not.toContain('\n');
          expect(bad.message).toMatch(/^Line \d+ /);
        } else {
          expect(outcome.entries.length).toBeLessThanOrEqual(lines.length);
          expect(typeof outcome.report.covered).toBe('boolean');
        }
      }),
      fuzzParameters(400),
    );
  });

  it('keeps every valid entry, in order, whatever comments and blank lines surround it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(validEntry, fc.constantFrom('', ' ', '\t', ' # why')), { maxLength: 30 }), (pairs) => {
        const text = pairs.map(([entry, tail]) => `  ${entry}${tail}\n# comment\n`).join('');
        expect(parseAllowList(text)).toEqual(pairs.map(([entry]) => entry));
      }),
      fuzzParameters(300),
    );
  });
});
