/** tls.certificate.name: the certificate names the smart host. */
import { settingFix } from '../advice.js';
import { certificateCheck, COMMON_STATUSES } from './shared.js';

export const createCertificateNameCheck = certificateCheck({
  id: 'tls.certificate.name',
  title: 'Certificate names the smart host',
  step: 'prerequisites',
  proves: 'The certificate names the smart host (as a DNS subject alternative name or wildcard), so Office 365 can validate it for that name.',
  statuses: {
    pass: 'A subject alternative name matches the smart host.',
    warn: 'Only the common name matches; modern clients ignore it.',
    fail: 'No name of the certificate matches the smart host (or the smart host is an IP address).',
    ...COMMON_STATUSES,
  },
  pick: (analysis) => analysis.name,
  fixes: (verdict) => (verdict.status === 'fail' ? [settingFix('smartHosts')] : []),
});
