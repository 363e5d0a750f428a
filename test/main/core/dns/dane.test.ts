import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateDane, mxForm, tlsaProblems, tlsaText, type DaneHostObservation } from '../../../../main/core/dns/dane.js';
import type { TlsaAnswer, TlsaRecord } from '../../../../main/core/ports/dns.js';
import { PROPERTY_RUNS, PROPERTY_SEED } from '../../../lab/property-bounds.js';

const bytesHex = (length: number) => fc.uint8Array({ minLength: length, maxLength: length }).map((bytes) => Buffer.from(bytes).toString('hex'));
const DIGEST_BYTES: Readonly<Record<number, number>> = { 1: 32, 2: 64 };

/** A well-formed record for SMTP: DANE-TA or DANE-EE, either selector, a digest of the right length. */
const wellFormed = fc
  .record({ usage: fc.constantFrom(2, 3), selector: fc.constantFrom(0, 1), matchingType: fc.constantFrom(1, 2) })
  .chain((fields) => bytesHex(DIGEST_BYTES[fields.matchingType] ?? 0).map((data): TlsaRecord => ({ ...fields, data })));

describe('tlsaProblems', () => {
  it('finds nothing wrong with any DANE-TA/DANE-EE record whose digest has its length', () => {
    fc.assert(
      fc.property(wellFormed, (record) => {
        expect(tlsaProblems(record)).toEqual({ errors: [], warnings: [] });
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('rejects a digest of any other length, naming the length it needs', () => {
    const wrong = fc
      .record({ matchingType: fc.constantFrom(1, 2), length: fc.integer({ min: 0, max: 100 }) })
      .filter(({ matchingType, length }) => length !== DIGEST_BYTES[matchingType])
      .chain(({ matchingType, length }) => bytesHex(length).map((data): TlsaRecord => ({ usage: 3, selector: 1, matchingType, data })));
    fc.assert(
      fc.property(wrong, (record) => {
        const needed = DIGEST_BYTES[record.matchingType] ?? 0;
        expect(tlsaProblems(record).errors).toEqual([`matching type ${record.matchingType} (${needed === 32 ? 'SHA-256' : 'SHA-512'}) needs ${needed} bytes of data (${needed * 2} hex digits), this record has ${record.data.length / 2}`]);
      }),
      { seed: PROPERTY_SEED, numRuns: PROPERTY_RUNS },
    );
  });

  it('rejects fields out of range and data that is not hex, and warns on the PKIX usages', () => {
    const sha256 = 'ab'.repeat(32);
    expect(tlsaProblems({ usage: 4, selector: 2, matchingType: 3, data: sha256 }).errors).toEqual([
      'certificate usage 4 is not 0 to 3',
      'selector 2 is not 0 (full certificate) or 1 (public key)',
      'matching type 3 is not 0 (full data), 1 (SHA-256) or 2 (SHA-512)',
    ]);
    expect(tlsaProblems({ usage: 3, selector: 1, matchingType: 1, data: 'xyz' }).errors).toEqual(['the association data is not hex digits of whole bytes']);
    expect(tlsaProblems({ usage: 3, selector: 0, matchingType: 0, data: '0201' }).errors).toEqual(['full data (matching type 0) must be a DER certificate or public key, which starts with 30 (a SEQUENCE)']);
    expect(tlsaProblems({ usage: 3, selector: 1, matchingType: 0, data: '3003020101' })).toEqual({ errors: [], warnings: [] });
    for (const usage of [0, 1]) {
      const problems = tlsaProblems({ usage, selector: 1, matchingType: 1, data: sha256 });
      expect(problems.errors).toEqual([]);
      expect(problems.warnings).toEqual([expect.stringContaining('unusable for SMTP')]);
    }
    expect(tlsaText({ usage: 3, selector: 1, matchingType: 1, data: 'ab' })).toBe('3 1 1 ab');
  });
});

describe('mxForm', () => {
  it('tells the DNSSEC mx.microsoft host, the classic host and the others apart', () => {
    expect(mxForm('contoso-com.e-v1.mx.microsoft.')).toBe('mx.microsoft');
    expect(mxForm('Contoso-com.mail.protection.outlook.com')).toBe('classic');
    expect(mxForm('mail.contoso.com')).toBe('other');
    expect(mxForm('mx.microsoft.contoso.com')).toBe('other');
  });
});

describe('evaluateDane', () => {
  const found = (records: readonly TlsaRecord[], authenticated = true): TlsaAnswer => ({ ok: true, records, authenticated });
  const none: TlsaAnswer = { ok: false, failure: 'NXDOMAIN', message: 'no such name' };
  const host = (exchange: string, tlsa: TlsaAnswer, priority = 10): DaneHostObservation => ({ exchange, priority, tlsa });
  const good: TlsaRecord = { usage: 3, selector: 1, matchingType: 1, data: 'ab'.repeat(32) };

  it('lets the worst host decide: a malformed record on any host fails the domain', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(['a', 'b', 'c'], { minLength: 1 }), fc.integer({ min: 0, max: 2 }), (names, badIndex) => {
        const hosts = names.map((name, index) => host(`${name}.contoso.test`, found(index === badIndex % names.length ? [{ ...good, data: 'ab' }] : [good]), index));
        const verdict = evaluateDane('contoso.test', { ok: true, hosts });
        expect(verdict.status).toBe('fail');
        expect(verdict.hosts.filter((judged) => judged.status === 'fail')).toHaveLength(1);
      }),
      { seed: PROPERTY_SEED, numRuns: 50 },
    );
  });

  it('notes an answer without the AD bit, without changing the verdict', () => {
    const verdict = evaluateDane('contoso.test', { ok: true, hosts: [host('contoso-test.e-v1.mx.microsoft', found([good], false), 0)] });
    expect(verdict.status).toBe('pass');
    expect(verdict.hosts[0]?.findings).toContain('The resolver did not mark the answer as DNSSEC-validated (AD bit): senders ignore TLSA records in an unsigned zone, and a resolver that does not validate never sets the bit.');
  });

  it('is skipped for a null MX or a failed MX lookup', () => {
    expect(evaluateDane('contoso.test', { ok: true, hosts: [host('', none, 0)] })).toMatchObject({ status: 'skip', state: 'no-mx' });
    expect(evaluateDane('contoso.test', { ok: false, failure: 'SERVFAIL', message: 'broken' })).toMatchObject({ status: 'skip', summary: 'contoso.test has no MX host to check for DANE (SERVFAIL): broken' });
  });

  it('gives each fix once, however many hosts need it', () => {
    const verdict = evaluateDane('contoso.test', { ok: true, hosts: [host('mx1.contoso.test', none), host('mx2.contoso.test', none, 20)] });
    expect(verdict.commands.map((command) => command.command)).toEqual(['Enable-DnssecForVerifiedDomain -DomainName contoso.test', 'Enable-SmtpDaneInbound -DomainName contoso.test']);
  });
});
