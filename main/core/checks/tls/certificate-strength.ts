/** tls.certificate.strength: the certificate's key and signature are strong enough. */
import { certificateCheck, COMMON_STATUSES } from './shared.js';

export const createCertificateStrengthCheck = certificateCheck({
  id: 'tls.certificate.strength',
  title: 'Certificate key and signature are strong enough',
  step: 'prerequisites',
  proves: 'The certificate’s key is large enough and it is signed with a current hash algorithm.',
  statuses: {
    pass: 'The key size and signature algorithm are current.',
    fail: 'The key is too small or the signature uses an obsolete hash (such as SHA-1 or MD5).',
    ...COMMON_STATUSES,
  },
  pick: (analysis) => analysis.strength,
});
