import { describe, it, expect } from 'vitest';
import { CertificateParseError, describeKey, parseCertificate, parsePemCertificates } from '../../../../main/core/tls/certificate.js';
import type { ParsedCertificate } from '../../../../main/core/tls/certificate.js';
import { formatWindowsDn } from '../../../../main/core/tls/exchange-names.js';
import { createTestPki } from '../../../lab/ca.js';
import type { IssueOptions } from '../../../lab/ca.js';

const pki = createTestPki();
function leaf(opts: IssueOptions): ParsedCertificate {
  const [cert] = parsePemCertificates(pki.issue(opts).certPem);
  if (cert === undefined) throw new Error('no certificate');
  return cert;
}

describe('parseCertificate', () => {
  it('reads names, SANs, validity and key', () => {
    const notBefore = new Date('2026-01-02T03:04:05Z');
    const notAfter = new Date('2051-06-07T08:09:10Z');
    const cert = leaf({
      commonName: 'mail.contoso.test',
      dnsNames: ['mail.contoso.test', 'smtp.contoso.test'],
      ipAddresses: ['127.0.0.22', '2001:db8:0:0:0:0:0:1'],
      subjectExtra: [
        { type: 'C', value: 'DE' },
        { type: 'O', value: 'Müller & Söhne GmbH' },
      ],
      notBefore,
      notAfter,
    });
    expect(cert.dnsNames).toEqual(['mail.contoso.test', 'smtp.contoso.test']);
    expect(cert.ipAddresses).toEqual(['127.0.0.22', '2001:db8::1']);
    expect(cert.commonNames).toEqual(['mail.contoso.test']);
    expect(formatWindowsDn(cert.subject)).toBe('CN=mail.contoso.test, O=Müller & Söhne GmbH, C=DE');
    expect(cert.notBefore).toEqual(notBefore);
    expect(cert.notAfter).toEqual(notAfter);
    expect(cert.key).toEqual({ type: 'rsa', bits: 2048, curve: null });
    expect(cert.signatureAlgorithm).toEqual({ oid: '1.2.840.113549.1.1.11', name: 'sha256WithRSAEncryption', hash: 'sha256' });
    expect(cert.isCa).toBe(false);
    expect(cert.selfIssued).toBe(false);
    expect(cert.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('knows CA certificates, self-issued roots and SHA-1 signatures', () => {
    const [root] = parsePemCertificates(pki.rootPem);
    expect(root?.isCa).toBe(true);
    expect(root?.selfIssued).toBe(true);
    expect(leaf({ signatureHash: 'sha1' }).signatureAlgorithm.hash).toBe('sha1');
  });

  it('describes EC and RSA keys', () => {
    expect(describeKey(leaf({ ecCurve: 'P-384' }).key)).toBe('EC 384 bits (secp384r1)');
    expect(describeKey(leaf({ keyBits: 1024 }).key)).toBe('RSA 1024 bits');
  });

  it('throws a typed error on bytes that are not a certificate', () => {
    expect(() => parseCertificate(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(CertificateParseError);
  });
});
