import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckContext, staticResolver } from '../../../../lab/check-context.js';
import { startGoodSmtpServer } from '../../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../../lab/smtp-scenarios.js';
import { BAD_CERTIFICATE, certificateFactories, pki, runAll } from './lab.js';

describe('tls.certificate.* on a probed chain', () => {
  it('passes a good certificate, analysing the probe once', async () => {
    const { outcomes, probes } = await runAll({ dnsNames: ['mail.contoso.test'] });
    expect(Object.values(outcomes).map((o) => o.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
    expect(probes).toBe(1);
    const trusted = outcomes['tls.certificate.trusted'];
    expect(trusted?.evidence['certificate']).toMatchObject({ subject: 'CN=mail.contoso.test', key: 'RSA 2048 bits' });
    expect(trusted?.evidence['chain']).toHaveLength(2);
    expect(trusted?.evidence['tlsCertificateName']).toBe('<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.contoso.test');
    expect(outcomes['tls.certificate.accepted-domain']?.summary).toContain('-TlsSenderCertificateName mail.contoso.test');
  });

  it('gives each failure its own check and advice', async () => {
    const { outcomes } = await runAll(BAD_CERTIFICATE);
    expect(Object.values(outcomes).map((o) => o.status)).toEqual(['fail', 'fail', 'warn', 'fail', 'warn']);
    for (const outcome of Object.values(outcomes)) expect(outcome.advice?.text).toBeTruthy();
  });
});

describe('tls.certificate.* against a loopback SMTP server (real probe)', () => {
  let server: LabSmtpServer;
  beforeAll(async () => {
    server = await startGoodSmtpServer({ host: '127.0.0.21', cert: pki.issue({ dnsNames: ['mail.contoso.test'], selfSigned: true }) });
  });
  afterAll(async () => {
    await server.close();
  });

  it('reads the chain from the shared SMTP probe and reports the self-signed certificate', async () => {
    const ctx = createCheckContext({
      inputs: { smtpPort: server.port, extraCaPem: [pki.rootPem] },
      resolver: staticResolver({ 'mail.contoso.test': { A: ['127.0.0.21'] } }),
    });
    const [trustedCheck, nameCheck] = certificateFactories.map((create) => create());
    const trusted = await trustedCheck?.run(ctx, ctx.inputs.smartHosts[0] ?? null);
    const name = await nameCheck?.run(ctx, ctx.inputs.smartHosts[0] ?? null);
    expect(trusted?.status).toBe('fail');
    expect(trusted?.summary).toBe('The certificate CN=mail.contoso.test is self-signed. OpenSSL refused it during the TLS handshake too (DEPTH_ZERO_SELF_SIGNED_CERT).');
    expect(name?.status).toBe('pass');
  });
});
