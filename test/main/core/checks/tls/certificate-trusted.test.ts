import { describe, expect, it } from 'vitest';
import { createCertificateTrustedCheck } from '../../../../../main/core/checks/tls/certificate-trusted.js';
import { pemToDerBase64 } from '../../../../lab/ca.js';
import { createCheckContext, LAB_SMART_HOST } from '../../../../lab/check-context.js';
import { BAD_CERTIFICATE, chainOf, pki, probeWith, runAll } from './lab.js';

describe('tls.certificate.trusted', () => {
  it('has its stable id, step and dependencies', () => {
    const check = createCertificateTrustedCheck();
    expect([check.id, check.step, check.dependsOn, check.after, check.perDomain]).toEqual(['tls.certificate.trusted', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false]);
  });

  it('fails when the server presented no certificate', async () => {
    const outcome = await createCertificateTrustedCheck(() => Promise.resolve(probeWith([]))).run(createCheckContext({ resolver: LAB_SMART_HOST }), 'mail.contoso.test');
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('mail.contoso.test completed TLS without presenting a certificate.');
  });

  it('fails a missing intermediate, and names the extra trusted roots for an unknown root', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(outcomes['tls.certificate.trusted']).toMatchObject({ status: 'fail', evidence: { verdict: 'missing-intermediate' } });
    const unknown = await createCertificateTrustedCheck(() => Promise.resolve(probeWith([...chainOf(pki.issue({ dnsNames: ['mail.contoso.test'] })), pemToDerBase64(pki.rootPem)]))).run(createCheckContext({ resolver: LAB_SMART_HOST }), 'mail.contoso.test');
    expect(unknown).toMatchObject({ status: 'fail', evidence: { verdict: 'unknown-ca' } });
    expect(unknown.advice?.fixes).toEqual([{ kind: 'setting', setting: 'extraCa' }]);
  });
});
