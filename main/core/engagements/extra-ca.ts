/**
 * The extra trusted CA certificates of an engagement's check settings: readable certificates, each
 * one a root (a self-signed CA). An intermediate here would make a chain look trusted that Office
 * 365 refuses, because the server does not send it.
 */
import { CertificateParseError, parsePemCertificates } from '../tls/certificate.js';

/** What is wrong with the PEM text, in words, or null when the checks can use it. */
export function extraCaProblem(pem: string): string | null {
  if (pem.trim() === '') return null;
  let certificates: ReturnType<typeof parsePemCertificates>;
  try {
    certificates = parsePemCertificates(pem);
  } catch (error) {
    if (!(error instanceof CertificateParseError)) throw error;
    return `Extra trusted CA certificates: a certificate cannot be read (${error.message}).`;
  }
  if (certificates.length === 0) return 'Extra trusted CA certificates: no certificate found; paste PEM blocks from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.';
  const name = (certificate: (typeof certificates)[number]): string => certificate.commonNames[0] ?? certificate.fingerprintSha256;
  const notCa = certificates.filter((certificate) => !certificate.isCa);
  if (notCa.length > 0) return `Extra trusted CA certificates: ${notCa.map(name).join(', ')} is not a CA certificate; add the root CA that issued it instead.`;
  const intermediates = certificates.filter((certificate) => !certificate.selfIssued);
  if (intermediates.length > 0) {
    return `Extra trusted CA certificates: ${intermediates.map(name).join(', ')} is an intermediate, not a root; add its root. The server itself must send its intermediates, or Office 365 refuses the chain.`;
  }
  return null;
}
