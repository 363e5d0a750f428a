import { describe, expect, it } from 'vitest';
import { createCertificateAcceptedDomainCheck } from '../../../../../main/core/checks/tls/certificate-accepted-domain.js';
import { BAD_CERTIFICATE, runAll } from './lab.js';

describe('tls.certificate.accepted-domain', () => {
  it('has its stable id, step and dependencies', () => {
    const check = createCertificateAcceptedDomainCheck();
    expect([check.id, check.step, check.dependsOn, check.after, check.perDomain]).toEqual(['tls.certificate.accepted-domain', 'part2', ['smtp.starttls'], ['tls.handshake'], false]);
  });

  it('warns when the certificate names none of the domains', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(outcomes['tls.certificate.accepted-domain']?.status).toBe('warn');
  });

  it('skips the accepted-domain check without domains', async () => {
    const { outcomes } = await runAll({}, []);
    expect(outcomes['tls.certificate.accepted-domain']?.status).toBe('skip');
  });
});
