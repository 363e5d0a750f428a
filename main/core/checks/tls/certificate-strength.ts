/** tls.certificate.strength: the certificate's key and signature are strong enough. */
import { certificateCheck, COMMON_STATUSES } from './shared.js';

export const createCertificateStrengthCheck = certificateCheck({
  id: 'tls.certificate.strength',
  title: 'Certificate key and signature are strong enough',
  step: 'prerequisites',
  proves: 'The certificate’s key is RSA of at least 2048 bits or EC of at least 256 bits, and it is signed with SHA-256 or better.',
  statuses: {
    pass: 'The key size and signature algorithm are current.',
    fail: 'The key is smaller than that, or a certificate of the chain is signed with an obsolete hash (such as SHA-1 or MD5).',
    ...COMMON_STATUSES,
  },
  pick: (analysis) => analysis.strength,
});
