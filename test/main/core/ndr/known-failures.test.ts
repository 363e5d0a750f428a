import { describe, it, expect } from 'vitest';
import { parseEnhancedStatus } from '../../../../main/core/ndr/enhanced-status.js';
import type { EnhancedStatus } from '../../../../main/core/ndr/enhanced-status.js';
import { KNOWN_FAILURES, knownFailuresByText, knownFailuresFor } from '../../../../main/core/ndr/known-failures.js';

function status(code: string): EnhancedStatus {
  const parsed = parseEnhancedStatus(code);
  if (parsed === null) throw new Error(`bad code ${code}`);
  return parsed;
}

function firstId(code: string, text = ''): string | undefined {
  return knownFailuresFor(status(code), text)[0]?.id;
}

describe('known failures', () => {
  it('matches ranges by number, ends included', () => {
    expect(firstId('5.7.606')).toBe('banned-sending-ip');
    expect(firstId('5.7.627')).toBe('banned-sending-ip');
    expect(firstId('5.7.649')).toBe('banned-sending-ip');
    expect(firstId('5.7.650')).toBeUndefined();
    expect(firstId('4.7.500')).toBe('throttled-unexpected-volume');
    expect(firstId('4.7.699')).toBe('throttled-unexpected-volume');
    expect(firstId('4.7.321')).toBe('dane-tls-enforcement');
    expect(firstId('4.7.325')).toBe('dane-tls-enforcement');
    expect(firstId('4.7.326')).toBeUndefined();
  });

  it('keeps the meaning of Microsoft codes when the class flips on giving up, not of RFC codes', () => {
    expect(firstId('5.4.316')).toBe('eop-connection-refused');
    expect(firstId('4.4.317')).toBe('eop-cannot-connect-tls');
    expect(firstId('5.4.317')).toBe('eop-cannot-connect-tls');
    expect(firstId('4.4.1')).toBe('eop-connection-timeout');
    expect(firstId('5.4.2')).toBeUndefined();
  });

  it('needs the words for codes whose number alone means something else', () => {
    expect(firstId('4.2.1')).toBeUndefined();
    expect(firstId('4.2.1', '421 4.2.1 Unable to connect')).toBe('cannot-reach-office365');
    expect(firstId('4.4.0')).toBeUndefined();
    expect(firstId('5.4.1')).toBeUndefined();
    expect(firstId('5.4.1', '550 5.4.1 Relay Access Denied')).toBe('recipient-access-denied');
    expect(firstId('5.7.1', '550 5.7.1 Client host rejected: blocked')).toBeUndefined();
    expect(firstId('5.7.1', '554 5.7.1 <x@example.test>: Relay access denied')).toBe('unable-to-relay');
  });

  it('does not match words that only confirm a code on their own', () => {
    expect(knownFailuresByText('550 5.7.64 TenantAttribution; Relay Access Denied').map((f) => f.id)).toEqual(['tenant-attribution']);
  });

  it('recognises failures by their words alone', () => {
    expect(knownFailuresByText('TLS negotiation failed with error NoCredentials').map((f) => f.id)).toEqual(['certificate-validation']);
    expect(knownFailuresByText('Hop count exceeded - possible mail loop').map((f) => f.id)).toEqual(['mail-loop']);
    expect(knownFailuresByText('all fine here')).toEqual([]);
  });

  it('gives every failure a meaning, cause, fix, side and a command or setting', () => {
    for (const failure of KNOWN_FAILURES) {
      expect(failure.meaning.length, failure.id).toBeGreaterThan(20);
      expect(failure.cause.length, failure.id).toBeGreaterThan(20);
      expect(failure.fix.length, failure.id).toBeGreaterThan(20);
      expect(failure.commands.length, failure.id).toBeGreaterThan(0);
      expect(failure.codes.length > 0 || failure.text !== undefined, failure.id).toBe(true);
    }
    expect(new Set(KNOWN_FAILURES.map((f) => f.id)).size).toBe(KNOWN_FAILURES.length);
  });
});
