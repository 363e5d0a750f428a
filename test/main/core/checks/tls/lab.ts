/**
 * What the tls.certificate.* tests share: a test PKI, a probe result carrying a chosen chain, and
 * the five checks built on one probe source, run on one shared context (one analysis).
 */
import { createCertificateAcceptedDomainCheck } from '../../../../../main/core/checks/tls/certificate-accepted-domain.js';
import { createCertificateNameCheck } from '../../../../../main/core/checks/tls/certificate-name.js';
import { createCertificateStrengthCheck } from '../../../../../main/core/checks/tls/certificate-strength.js';
import { createCertificateTrustedCheck } from '../../../../../main/core/checks/tls/certificate-trusted.js';
import { createCertificateValidityCheck } from '../../../../../main/core/checks/tls/certificate-validity.js';
import type { ProbeSource } from '../../../../../main/core/checks/tls/shared.js';
import type { CheckDefinition, CheckOutcome } from '../../../../../main/core/checks/types.js';
import type { SmtpProbeResult } from '../../../../../main/core/smtp/probe-types.js';
import { createTestPki, pemToDerBase64 } from '../../../../lab/ca.js';
import type { IssuedCert, IssueOptions } from '../../../../lab/ca.js';
import { createCheckContext, LAB_SMART_HOST } from '../../../../lab/check-context.js';

export const pki = createTestPki();
export const DAY_MS = 86_400_000;

/** The five factories in report order. */
export const certificateFactories: readonly ((getProbe?: ProbeSource) => CheckDefinition)[] = [
  createCertificateTrustedCheck,
  createCertificateNameCheck,
  createCertificateValidityCheck,
  createCertificateStrengthCheck,
  createCertificateAcceptedDomainCheck,
];

export function probeWith(chain: readonly string[]): SmtpProbeResult {
  return {
    host: 'mail.contoso.test',
    address: '127.0.0.20',
    port: 25,
    stages: [],
    banner: '220 lab',
    capabilities: ['STARTTLS'],
    tls: { protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: false, authorizationError: null, peerChainDer: chain, sentChainDer: null },
    transcript: [],
    totalMs: 1,
  };
}

export function chainOf(issued: IssuedCert): string[] {
  return [issued.certPem, ...issued.chainPem].map(pemToDerBase64);
}

/** Every certificate check on one context whose probe presents a certificate issued with `opts`. */
export async function runAll(opts: IssueOptions, domains: readonly string[] = ['contoso.test']): Promise<{ outcomes: Record<string, CheckOutcome>; probes: number }> {
  let probes = 0;
  const source: ProbeSource = () => {
    probes += 1;
    return Promise.resolve(probeWith(chainOf(pki.issue(opts))));
  };
  const checks = certificateFactories.map((create) => create(source));
  const ctx = createCheckContext({ inputs: { extraCaPem: [pki.rootPem], domains }, resolver: LAB_SMART_HOST });
  const outcomes = Object.fromEntries(await Promise.all(checks.map(async (check) => [check.id, await check.run(ctx, ctx.inputs.smartHosts[0] ?? null)] as const)));
  return { outcomes, probes };
}

/** The weak, misnamed, soon-expiring certificate without its intermediate: every check has something to say. */
export const BAD_CERTIFICATE: IssueOptions = {
  dnsNames: ['other.fabrikam.test'],
  includeIntermediate: false,
  keyBits: 1024,
  notAfter: new Date(Date.now() + 10 * DAY_MS + 60_000),
};
