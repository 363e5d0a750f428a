/** tls.certificate.validity: the certificate (and its chain) are within their validity period. */
import { certificateCheck, COMMON_STATUSES } from './shared.js';

export const createCertificateValidityCheck = certificateCheck({
  id: 'tls.certificate.validity',
  title: 'Certificate is within its validity period',
  step: 'prerequisites',
  proves: 'The certificate is valid today and not about to expire.',
  statuses: {
    pass: 'The certificate is valid today.',
    warn: 'The certificate expires within 30 days.',
    fail: 'The certificate (or an intermediate) has expired or is not valid yet.',
    ...COMMON_STATUSES,
  },
  pick: (analysis) => analysis.validity,
});
