/**
 * tls.certificate.*: the certificate the smart host presented after STARTTLS, judged the way EOP
 * will judge it. One analysis of the probe's chain feeds the five checks; each reports one verdict,
 * so that each failure points at its own fix.
 */
import { analyseChain, certificateEvidence } from '../tls/analysis.js';
import type { CertificateAnalysis, Verdict } from '../tls/analysis.js';
import { trustAnchors } from '../tls/chain.js';
import { formatWindowsDn } from '../tls/exchange-names.js';
import type { SmtpProbeResult } from '../smtp/probe-types.js';
import { getSmtpProbe } from './smtp-checks.js';
import type { CheckContext, CheckDefinition, CheckOutcome, Evidence, StepId } from './types.js';

/** Where the checks get the SMTP probe from; the real one is shared with smtp.* through ctx.memo. */
export type ProbeSource = (ctx: CheckContext) => Promise<SmtpProbeResult>;

type AnalysisResult = { readonly ok: true; readonly analysis: CertificateAnalysis } | { readonly ok: false; readonly outcome: CheckOutcome };

function analyse(ctx: CheckContext, getProbe: ProbeSource): Promise<AnalysisResult> {
  return ctx.memo('tls-certificate-analysis', async (): Promise<AnalysisResult> => {
    const probe = await getProbe(ctx);
    if (probe.tls === null) {
      return {
        ok: false,
        outcome: {
          status: 'skip',
          summary: 'TLS was not negotiated, so there is no certificate to judge (see tls.handshake).',
          evidence: { host: probe.host, address: probe.address, port: probe.port },
        },
      };
    }
    const chain = probe.tls.peerChainDer;
    if (chain.length === 0) {
      return {
        ok: false,
        outcome: {
          status: 'fail',
          summary: `${probe.host} completed TLS without presenting a certificate.`,
          evidence: { host: probe.host, address: probe.address, port: probe.port },
          advice: 'Bind a certificate to the SMTP service (Exchange: Enable-ExchangeCertificate -Services SMTP) and restart the transport service.',
        },
      };
    }
    const analysis = await analyseChain(chain, {
      host: ctx.inputs.smartHost,
      domains: ctx.inputs.domains,
      anchors: trustAnchors(ctx.inputs.extraCaPem),
      now: ctx.clock.now(),
      handshake: { authorized: probe.tls.authorized, error: probe.tls.authorizationError },
    });
    return { ok: true, analysis };
  });
}

function toOutcome(analysis: CertificateAnalysis, verdict: Verdict): CheckOutcome {
  const evidence: Evidence = {
    certificate: certificateEvidence(analysis.leaf),
    chain: analysis.sent.map((cert) => ({ subject: formatWindowsDn(cert.subject), issuer: formatWindowsDn(cert.issuer), fingerprintSha256: cert.fingerprintSha256 })),
    tlsCertificateName: analysis.tlsCertificateName,
    setReceiveConnectorCommand: analysis.setReceiveConnectorCommand,
    ...verdict.evidence,
  };
  return { status: verdict.status, summary: verdict.summary, evidence, ...(verdict.advice === undefined ? {} : { advice: verdict.advice }) };
}

interface CheckSpec {
  readonly id: string;
  readonly title: string;
  readonly step: StepId;
  readonly pick: (analysis: CertificateAnalysis) => Verdict | null;
}

const SPECS: readonly CheckSpec[] = [
  { id: 'tls.certificate.trusted', title: 'Certificate chain is trusted', step: 'prerequisites', pick: (a) => a.trusted },
  { id: 'tls.certificate.name', title: 'Certificate names the smart host', step: 'prerequisites', pick: (a) => a.name },
  { id: 'tls.certificate.validity', title: 'Certificate is within its validity period', step: 'prerequisites', pick: (a) => a.validity },
  { id: 'tls.certificate.strength', title: 'Certificate key and signature are strong enough', step: 'prerequisites', pick: (a) => a.strength },
  {
    id: 'tls.certificate.accepted-domain',
    title: 'Certificate names one of your domains',
    step: 'part2',
    pick: (a) => a.acceptedDomain,
  },
];

/** The five tls.certificate.* checks, reading the chain from `getProbe`. */
export function createTlsCertificateChecks(getProbe: ProbeSource): readonly CheckDefinition[] {
  return SPECS.map(
    (spec): CheckDefinition => ({
      id: spec.id,
      title: spec.title,
      step: spec.step,
      // The certificate is judged whenever one was presented, even when the handshake itself was
      // judged a failure (an obsolete TLS version, a hang-up afterwards): both problems need fixing.
      dependsOn: ['smtp.starttls'],
      after: ['tls.handshake'],
      perDomain: false,
      async run(ctx: CheckContext): Promise<CheckOutcome> {
        const result = await analyse(ctx, getProbe);
        if (!result.ok) return result.outcome;
        const verdict = spec.pick(result.analysis);
        if (verdict === null) {
          return { status: 'skip', summary: 'No domain was given to compare the certificate with.', evidence: {} };
        }
        return toOutcome(result.analysis, verdict);
      },
    }),
  );
}

export const tlsCertificateChecks: readonly CheckDefinition[] = createTlsCertificateChecks(getSmtpProbe);
