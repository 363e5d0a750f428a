import { describe, expect, it } from 'vitest';
import { createCertificateNameCheck } from '../../../../../main/core/checks/tls/certificate-name.js';
import { BAD_CERTIFICATE, runAll } from './lab.js';

describe('tls.certificate.name', () => {
  it('has its stable id, step and dependencies', () => {
    const check = createCertificateNameCheck();
    expect([check.id, check.step, check.dependsOn, check.after, check.perDomain]).toEqual(['tls.certificate.name', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false]);
  });

  it('fails a certificate for another name, naming the smart host setting', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(outcomes['tls.certificate.name']?.status).toBe('fail');
    expect(outcomes['tls.certificate.name']?.advice?.fixes).toEqual([{ kind: 'setting', setting: 'smartHosts' }]);
  });
});
