import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyRcptReply } from '../../../../main/core/smtp/relay-reply.js';
import { PROPERTY_RUNS, PROPERTY_SEED } from '../../../lab/property-bounds.js';

describe('what Office 365’s answer to RCPT TO means', () => {
  it('reads the replies Exchange Online gives', () => {
    expect(classifyRcptReply(250, '250 2.1.5 Recipient OK')).toEqual({ kind: 'accepted', enhanced: '2.1.5' });
    expect(classifyRcptReply(251, '251 User not local; will forward')).toEqual({ kind: 'accepted', enhanced: null });
    expect(classifyRcptReply(550, '550 5.7.64 TenantAttribution; Relay Access Denied [DB3EUR04FT052.eop-eur04.prod.protection.outlook.com]')).toEqual({ kind: 'tenant-attribution', enhanced: '5.7.64' });
    expect(classifyRcptReply(550, '550 5.7.606 Access denied, banned sending IP [203.0.113.7]')).toEqual({ kind: 'ip-blocked', enhanced: '5.7.606' });
    expect(classifyRcptReply(550, '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.')).toEqual({ kind: 'ip-blocked', enhanced: '5.7.708' });
    expect(classifyRcptReply(451, '451 4.7.500 Server busy. Please try again later')).toEqual({ kind: 'temporary', enhanced: '4.7.500' });
    expect(classifyRcptReply(550, '550 5.1.10 RESOLVER.ADR.RecipientNotFound')).toEqual({ kind: 'refused', enhanced: '5.1.10' });
    // 5.7.64 must not be read inside 5.7.640 (a blocked-IP code).
    expect(classifyRcptReply(550, '550 5.7.640 blocked')).toMatchObject({ kind: 'ip-blocked' });
  });

  it('reads every 5.7.x code by its range: 64 attribution, 606–649 and 708 blocked, the rest a plain refusal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (detail) => {
        const { kind } = classifyRcptReply(550, `550 5.7.${String(detail)} text`);
        const expected = detail === 64 ? 'tenant-attribution' : (detail >= 606 && detail <= 649) || detail === 708 ? 'ip-blocked' : 'refused';
        expect(kind).toBe(expected);
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
  });

  it('takes any 4xx as temporary, whatever its text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 499 }), fc.string(), (code, text) => {
        expect(classifyRcptReply(code, text).kind).toBe('temporary');
      }),
      { numRuns: PROPERTY_RUNS, seed: PROPERTY_SEED },
    );
  });
});
