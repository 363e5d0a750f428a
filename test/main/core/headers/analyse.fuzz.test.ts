import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseHeaders, NoHeadersError } from '../../../../main/core/headers/analyse.js';
import { CASE_TIME_LIMIT_MS, PROPERTY_RUNS, PROPERTY_SEED, runCase } from '../../../lab/property-bounds.js';

const names = fc.constantFrom(
  'Received', 'received', 'From', 'To', 'Subject', 'Date', 'Message-ID', 'Authentication-Results', 'ARC-Authentication-Results',
  'Received-SPF', 'X-Forefront-Antispam-Report', 'X-Microsoft-Antispam', 'X-MS-Exchange-Organization-SCL', 'X-MS-Exchange-CrossTenant-AuthAs',
  'X-MS-Exchange-CrossTenant-FromEntityHeader', 'Content-Type', 'DKIM-Signature', 'Note', 'x-',
);
const pieces = fc.constantFrom(
  'from', 'by', 'with', 'id', 'for', 'via', ';', '(', ')', '((', '))', '[192.0.2.1]', '[IPv6:2001:db8::1]', 'ESMTPS', 'ESMTP/TLS/ECDHE-RSA-AES256',
  'over TLS secured channel', 'using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384', '(version=TLS1_2, cipher=X)', '(TLS1.2:ECDHE_RSA:128)',
  'Mon, 5 Jan 2026 08:00:00 +0000', '4/20/2018 23:01:06 -0400', '31/31/2031 99:99:99', '2018-04-20', 'Tue Nov 14 21:45:10 2023', '+9999', 'EST',
  'spf=pass', 'dkim=fail', 'dmarc=bestguesspass', 'compauth=fail reason=601', 'smtp.mailfrom=a@b.test', 'BCL:9;', 'BCL:x;', 'CIP:1.2.3.4;SCL:7;CAT:PHSH;',
  '"', '=', '%', '\t', '\r\n ', '\n\t', '\n', ':', '', '\uFEFF', 'Ω', '\u0000',
);
const value = fc.array(fc.oneof({ weight: 3, arbitrary: pieces }, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 })), { maxLength: 25 }).map((parts) => parts.join(' '));
const message = fc
  .tuple(fc.array(fc.tuple(names, value), { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.string({ maxLength: 50 }), fc.string({ maxLength: 40 }))
  .map(([fields, newline, body, junk]) => `${junk}${newline}${fields.map(([name, text]) => `${name}: ${text}`).join(newline)}${newline}${newline}${body}`);
const input = fc.oneof(
  message,
  fc.string({ unit: 'binary', maxLength: 3000 }),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);

describe('analyseHeaders under random input (fast-check)', () => {
  it('returns an analysis or the typed "no headers found" outcome, never another throw, each case in bounded time', () => {
    fc.assert(
      fc.property(input, (text) => {
        const outcome = runCase(() => analyseHeaders(text, { mxPointsToOffice365: true }));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(NoHeadersError);
          return;
        }
        const analysis = outcome.value;
        expect(analysis.fieldCount).toBeGreaterThan(0);
        expect(analysis.hops.map((hop) => hop.index)).toEqual(analysis.hops.map((_, i) => i + 1));
        for (const hop of analysis.hops) {
          if (hop.date !== null) expect(Number.isNaN(Date.parse(hop.date))).toBe(false);
        }
        for (const finding of analysis.findings) expect(finding.message).not.toMatch(/\n\s+at /);
        expect(() => JSON.stringify(analysis)).not.toThrow();
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('says "no headers found" for random bytes that hold no message field', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 4000 }), (bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        fc.pre(!/^(?:received|from|to|subject|date|x-|arc-|list-)[!-9;-~]*\s*:/im.test(text));
        const outcome = runCase(() => analyseHeaders(text));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        expect(outcome.ok ? null : outcome.error).toBeInstanceOf(NoHeadersError);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });
});
