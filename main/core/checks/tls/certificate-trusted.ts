/** tls.certificate.trusted: the presented chain builds to a trusted root. */
import { settingFix } from '../advice.js';
import { certificateCheck, COMMON_STATUSES } from './shared.js';

export const createCertificateTrustedCheck = certificateCheck({
  id: 'tls.certificate.trusted',
  title: 'Certificate chain is trusted',
  step: 'prerequisites',
  proves: 'The certificate the smart host presents builds, with the intermediates it sends, to a root certification authority Office 365 trusts.',
  statuses: {
    pass: 'The chain builds to a trusted root.',
    fail: 'The certificate is self-signed, from an unknown root, misses its intermediate, has a bad signature, or no certificate was presented.',
    ...COMMON_STATUSES,
  },
  pick: (analysis) => analysis.trusted,
  /** A private root the server's chain ends at is trusted only when added (for a test authority). */
  fixes: (verdict) => (verdict.evidence['verdict'] === 'unknown-ca' ? [settingFix('extraCa')] : []),
});
