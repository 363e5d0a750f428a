import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { createTlsCertificateChecks, tlsCertificateChecks } from '../../../../main/core/checks/tls-certificate-checks.js';
import type { CheckDefinition } from '../../../../main/core/checks/types.js';
import type { SmtpProbeResult } from '../../../../main/core/smtp/probe-types.js';
import { createTestPki, pemToDerBase64 } from '../../../lab/ca.js';
import type { IssuedCert, IssueOptions } from '../../../lab/ca.js';
import { createCheckContext, staticResolver } from '../../../lab/check-context.js';
import { startGoodSmtpServer } from '../../../lab/smtp-scenarios.js';
import type { LabSmtpServer } from '../../../lab/smtp-scenarios.js';

const pki = createTestPki();
const DAY_MS = 86_400_000;

function probeWith(chain: readonly string[]): SmtpProbeResult {
  return {
    host: 'mail.contoso.test',
    address: '127.0.0.20',
    port: 25,
    stages: [],
    banner: '220 lab',
    capabilities: ['STARTTLS'],
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: false, authorizationError: null, peerChainDer: chain },
    transcript: [],
    totalMs: 1,
  };
}

function chainOf(issued: IssuedCert): string[] {
  return [issued.certPem, ...issued.chainPem].map(pemToDerBase64);
}

async function runAll(opts: IssueOptions, domains: readonly string[] = ['contoso.test']) {
  let probes = 0;
  const checks = createTlsCertificateChecks(() => {
    probes += 1;
    return Promise.resolve(probeWith(chainOf(pki.issue(opts))));
  });
  const ctx = createCheckContext({ inputs: { extraCaPem: [pki.rootPem], domains } });
  const outcomes = Object.fromEntries(await Promise.all(checks.map(async (check) => [check.id, await check.run(ctx, null)] as const)));
  return { outcomes, probes };
}

function byId(checks: readonly CheckDefinition[], id: string): CheckDefinition {
  const check = checks.find((c) => c.id === id);
  if (check === undefined) throw new Error(`no ${id}`);
  return check;
}

describe('tls.certificate.* definitions', () => {
  it('has the stable ids, steps and dependencies', () => {
    expect(tlsCertificateChecks.map((c) => [c.id, c.step, c.dependsOn, c.after, c.perDomain])).toEqual([
      ['tls.certificate.trusted', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false],
      ['tls.certificate.name', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false],
      ['tls.certificate.validity', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false],
      ['tls.certificate.strength', 'prerequisites', ['smtp.starttls'], ['tls.handshake'], false],
      ['tls.certificate.accepted-domain', 'part2', ['smtp.starttls'], ['tls.handshake'], false],
    ]);
  });
});

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
    const { outcomes } = await runAll({
      dnsNames: ['other.fabrikam.test'],
      includeIntermediate: false,
      keyBits: 1024,
      notAfter: new Date(Date.now() + 10 * DAY_MS + 60_000),
    });
    expect(outcomes['tls.certificate.trusted']).toMatchObject({ status: 'fail', evidence: { verdict: 'missing-intermediate' } });
    expect(outcomes['tls.certificate.name']?.status).toBe('fail');
    expect(outcomes['tls.certificate.validity']?.status).toBe('warn');
    expect(outcomes['tls.certificate.strength']?.status).toBe('fail');
    expect(outcomes['tls.certificate.accepted-domain']?.status).toBe('warn');
    for (const outcome of Object.values(outcomes)) expect(outcome.advice).toBeTruthy();
  });

  it('skips the accepted-domain check without domains', async () => {
    const { outcomes } = await runAll({}, []);
    expect(outcomes['tls.certificate.accepted-domain']?.status).toBe('skip');
  });

  it('fails when the server presented no certificate', async () => {
    const checks = createTlsCertificateChecks(() => Promise.resolve(probeWith([])));
    const outcome = await byId(checks, 'tls.certificate.trusted').run(createCheckContext(), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toBe('mail.contoso.test completed TLS without presenting a certificate.');
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
    const trusted = await byId(tlsCertificateChecks, 'tls.certificate.trusted').run(ctx, null);
    const name = await byId(tlsCertificateChecks, 'tls.certificate.name').run(ctx, null);
    expect(trusted.status).toBe('fail');
    expect(trusted.summary).toBe('The certificate CN=mail.contoso.test is self-signed. OpenSSL refused it during the TLS handshake too (DEPTH_ZERO_SELF_SIGNED_CERT).');
    expect(trusted.evidence['handshakeVerdict']).toEqual({ authorized: false, error: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(name.status).toBe('pass');
  });
});
