/** Property-based tests of the certificate-file reader (outside input: any file a person picks). */
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateFileError, parseCertificateFile } from '../../../../main/core/tls/certificate-file.js';
import { createTestPki, toPkcs12 } from '../../../lab/ca.js';
import { CASE_TIME_BOUND_MS, fuzzParameters, hasStackTrace, timed } from '../../../lab/fuzz.js';

const PASSWORD = 'Fuzz-Pass-1';
let pem: Buffer;
let der: Buffer;
let pfx: Buffer;

beforeAll(() => {
  const issued = createTestPki().issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] });
  pem = Buffer.from(issued.certPem + issued.chainPem.join(''));
  der = new X509Certificate(issued.certPem).raw;
  pfx = toPkcs12(issued, PASSWORD);
});

/** Parses and says how: a certificate file, or a CertificateFileError with one line; anything else fails the property. */
function outcome(data: Buffer, password: string | null): 'parsed' | CertificateFileError {
  const { value, ms } = timed(() => {
    try {
      parseCertificateFile(data, password, 'fuzz.bin');
      return 'parsed' as const;
    } catch (error) {
      return error;
    }
  });
  expect(ms).toBeLessThan(CASE_TIME_BOUND_MS);
  if (value === 'parsed') return value;
  expect(value).toBeInstanceOf(CertificateFileError);
  const failure = value as CertificateFileError;
  expect(failure.message).not.toContain('\n');
  expect(hasStackTrace(failure.message)).toBe(false);
  return failure;
}

const password = fc.option(fc.constantFrom(PASSWORD, 'wrong', ''), { nil: null });

describe('certificate file reader (fuzz)', () => {
  it('reads random bytes as a typed error, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), password, (bytes, pass) => {
        outcome(Buffer.from(bytes), pass);
      }),
      fuzzParameters(400),
    );
  });

  it('reads truncated or bit-flipped DER, PEM and PFX files as a typed error or a certificate', () => {
    const kind = fc.constantFrom('der', 'pem', 'pfx');
    fc.assert(
      fc.property(kind, fc.double({ min: 0, max: 1, noNaN: true }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(255)), { maxLength: 4 }), password, (which, cut, flips, pass) => {
        const original = which === 'der' ? der : which === 'pem' ? pem : pfx;
        const data = Buffer.from(original.subarray(0, Math.floor(original.length * cut)));
        for (const [where, byte] of flips) if (data.length > 0) data[Math.floor(where * (data.length - 1))] = byte;
        outcome(data, pass);
      }),
      fuzzParameters(300),
    );
  });

  it('still reads the intact files', () => {
    expect(outcome(der, null)).toBe('parsed');
    expect(outcome(pem, null)).toBe('parsed');
    expect(outcome(pfx, PASSWORD)).toBe('parsed');
    expect((outcome(pfx, null) as CertificateFileError).kind).toBe('password-required');
  });
});
