import { describe, expect, it } from 'vitest';
import { createCertificateValidityCheck } from '../../../../../main/core/checks/tls/certificate-validity.js';
import { BAD_CERTIFICATE, runAll } from './lab.js';

describe('tls.certificate.validity', () => {
  it('has its stable id, step and dependencies', () => {
    const check = createCertificateValidityCheck();
    expect([check.id, check.step, check.dependsOn, check.after, check.perDomain]).toEqual(['tls.certificate.validity', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false]);
  });

  it('warns about a certificate that expires within days', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(outcomes['tls.certificate.validity']?.status).toBe('warn');
  });
});
