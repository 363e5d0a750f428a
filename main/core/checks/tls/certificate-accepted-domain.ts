/** tls.certificate.accepted-domain: the certificate names one of the engagement's domains. */
import { certificateCheck } from './shared.js';

export const createCertificateAcceptedDomainCheck = certificateCheck({
  id: 'tls.certificate.accepted-domain',
  title: 'Certificate names one of your domains',
  step: 'part2',
  proves: 'The certificate names one of your domains, so an inbound connector can identify your server by its certificate.',
  statuses: {
    pass: 'The certificate names one of the domains; the name to give the inbound connector is in the summary.',
    warn: 'The certificate names none of the domains; identify the server by its IP address instead, or get a certificate that names one.',
    skip: 'TLS was not negotiated, or no domain was given to compare with.',
  },
  pick: (analysis) => analysis.acceptedDomain,
});
