import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBounce, NoBounceError } from '../../../../main/core/ndr/decode.js';
import { CASE_TIME_LIMIT_MS, PROPERTY_RUNS, PROPERTY_SEED, runCase } from '../../../lab/property-bounds.js';

const lines = fc.constantFrom(
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', 'Content-Type: multipart/mixed; boundary=b', '--b', '--b--',
  'Content-Type: message/delivery-status', 'Content-Type: text/html', 'Content-Type: message/rfc822', 'Content-Transfer-Encoding: base64',
  'Content-Transfer-Encoding: quoted-printable', 'Reporting-MTA: dns; mx.contoso.test', 'Final-Recipient: rfc822; a@fabrikam.test',
  'Action: failed', 'Action: delayed', 'Action: ', 'Status: 4.4.7', 'Status: 5.7.64', 'Status: 9.9.9', 'Diagnostic-Code: smtp; 550 5.1.1 unknown',
  'X-Failed-Recipients: a@fabrikam.test, not-an-address, b@fabrikam.test', 'Delivery has failed to these recipients or groups:',
  'Delivery is delayed to these recipients or groups:', 'Peter (peter@fabrikam.test)', 'quinn@fabrikam.test', '<mailto:x@y.test>',
  "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'", "Remote Server returned '", 'Generating server: ex.contoso.test',
  'Diagnostic information for administrators:', 'The following address(es) failed:', 'The following address(es) have not yet been delivered:',
  '  sam@fabrikam.test', '    host store.fabrikam.test [198.51.100.9]', '    550 5.1.1 <sam@fabrikam.test>: User unknown', '451 4.7.500 throttled',
  'From: Mail Delivery System <Mailer-Daemon@mx1.fabrikam.test>', 'NoCredentials', 'STARTTLS is required', '=E9=', '=\n', '192.0.2.5', '15.20.7002.26',
  '', ' ', '\t', '%', '<', '>', '&amp;', '<br>', '<script>x</script>',
);
const bounce = fc
  .tuple(fc.array(fc.oneof({ weight: 4, arbitrary: lines }, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })), { maxLength: 60 }), fc.constantFrom('\n', '\r\n'))
  .map(([parts, newline]) => parts.join(newline));
const input = fc.oneof(bounce, fc.string({ unit: 'binary', maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes).toString('utf8')));

describe('decodeBounce under random input (fast-check)', () => {
  it('returns an analysis or the typed "no bounce found" outcome, never another throw, each case in bounded time', () => {
    fc.assert(
      fc.property(input, (text) => {
        const outcome = runCase(() => decodeBounce(text));
        expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
        if (!outcome.ok) {
          expect(outcome.error).toBeInstanceOf(NoBounceError);
          return;
        }
        const analysis = outcome.value;
        expect(analysis.diagnoses).toContain(analysis.primary);
        expect(['failed', 'delayed', 'mixed', 'unknown']).toContain(analysis.outcome);
        if (analysis.outcome === 'failed') for (const d of analysis.diagnoses) expect(d.generic ?? '').not.toContain('keeps retrying');
        for (const recipient of analysis.recipients) expect(recipient.finalRecipient === null || recipient.finalRecipient.trim() !== '').toBe(true);
        expect(() => JSON.stringify(analysis)).not.toThrow();
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('stays bounded on deeply nested multiparts', () => {
    const nested = Array.from({ length: 40 }, (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\n\n--b${i}`).join('\n') + '\n550 5.1.1 unknown';
    const outcome = runCase(() => decodeBounce(nested));
    expect(outcome.ms).toBeLessThan(CASE_TIME_LIMIT_MS);
    expect(outcome.ok ? outcome.value.primary.code : outcome.error).toBe('5.1.1');
  });
});
