import { describe, expect, it } from 'vitest';
import { createCertificateStrengthCheck } from '../../../../../main/core/checks/tls/certificate-strength.js';
import { BAD_CERTIFICATE, runAll } from './lab.js';

describe('tls.certificate.strength', () => {
  it('has its stable id, step and dependencies', () => {
    const check = createCertificateStrengthCheck();
    expect([check.id, check.step, check.dependsOn, check.after, check.perDomain]).toEqual(['tls.certificate.strength', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false]);
  });

  it('fails a 1024-bit key', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(outcomes['tls.certificate.strength']?.status).toBe('fail');
  });
});
