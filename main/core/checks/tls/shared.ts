/**
 * What the tls.certificate.* checks share: the certificate the smart host presented after STARTTLS,
 * analysed once per run (core/tls/analysis judges it the way EOP will), and the way one verdict of
 * that analysis becomes a check. Each check reports one verdict, so each failure points at its fix.
 */
import { analyseChain, certificateEvidence } from '../../tls/analysis.js';
import type { CertificateAnalysis, Verdict } from '../../tls/analysis.js';
import { trustAnchors } from '../../tls/chain.js';
import { formatWindowsDn } from '../../tls/exchange-names.js';
import type { ProbeTls, SmtpProbeResult } from '../../smtp/probe-types.js';
import { adviceOf, advise, commandFix } from '../advice.js';
import { smartHostOf } from '../dns/shared.js';
import { acrossAddresses, forEveryAddress, type ProbeAt } from '../per-address.js';
import { getSmtpProbe } from '../smtp/shared.js';
import { tls12Handshake } from './protocol-probe.js';
import type { CheckContext, CheckDefinition, CheckId, CheckOutcome, Evidence, Fix, StepId } from '../types.js';

/** Where the checks get the SMTP probe of one address from; the real one is shared with smtp.* through ctx.memo. */
export type ProbeSource = (ctx: CheckContext, at: ProbeAt) => Promise<SmtpProbeResult>;

type AnalysisResult =
  | { readonly ok: true; readonly analysis: CertificateAnalysis; readonly sentChainSource: string }
  | { readonly ok: false; readonly outcome: CheckOutcome };

/**
 * The certificates to judge, exactly as the server sent them where that can be read: from the
 * probe's own handshake (TLS 1.2 or older), else from tls.protocols' TLS 1.2 handshake when it
 * presented the same certificate. Otherwise Node's order, which is issuer order completed by a
 * trusted root, and the evidence says so.
 */
async function certificatesAsSent(ctx: CheckContext, at: ProbeAt, tls: ProbeTls, useProfile: boolean): Promise<{ readonly chainDer: readonly string[]; readonly source: string }> {
  if (tls.sentChainDer !== null) return { chainDer: tls.sentChainDer, source: 'as sent, read from the handshake' };
  if (useProfile) {
    const tls12 = (await tls12Handshake(ctx, at))?.sentChainDer ?? null;
    if (tls12 !== null && tls12[0] === tls.peerChainDer[0]) {
      return { chainDer: tls12, source: 'as sent, read from a TLS 1.2 handshake (TLS 1.3 encrypts the certificates)' };
    }
  }
  return {
    chainDer: tls.peerChainDer,
    source: 'in issuer order as Node read them, with the trusted root it found (TLS 1.3 encrypts the certificates, and no TLS 1.2 handshake showed the same certificate)',
  };
}

function analyse(ctx: CheckContext, at: ProbeAt, getProbe: ProbeSource, useProfile: boolean): Promise<AnalysisResult> {
  return ctx.memo(`tls-certificate-analysis\u0000${at.host.toLowerCase()}\u0000${at.address}`, async (): Promise<AnalysisResult> => {
    const probe = await getProbe(ctx, at);
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
          advice: advise(
            'Bind a certificate to the SMTP service (Exchange: Enable-ExchangeCertificate -Services SMTP) and restart the transport service.',
            commandFix('exchange-server', 'Enable-ExchangeCertificate -Thumbprint <certificate thumbprint> -Services SMTP'),
          ),
        },
      };
    }
    const asSent = await certificatesAsSent(ctx, at, probe.tls, useProfile);
    const analysis = await analyseChain(asSent.chainDer, {
      host: at.host,
      domains: ctx.inputs.domains,
      anchors: trustAnchors(ctx.inputs.extraCaPem),
      now: ctx.clock.now(),
      handshake: { authorized: probe.tls.authorized, error: probe.tls.authorizationError },
    });
    return { ok: true, analysis, sentChainSource: asSent.source };
  });
}

function toOutcome(analysis: CertificateAnalysis, sentChainSource: string, verdict: Verdict, fixes: readonly Fix[]): CheckOutcome {
  const evidence: Evidence = {
    certificate: certificateEvidence(analysis.leaf),
    chain: analysis.sent.map((cert) => ({ subject: formatWindowsDn(cert.subject), issuer: formatWindowsDn(cert.issuer), fingerprintSha256: cert.fingerprintSha256 })),
    chainSource: sentChainSource,
    tlsCertificateName: analysis.tlsCertificateName,
    setReceiveConnectorCommand: analysis.setReceiveConnectorCommand,
    ...verdict.evidence,
  };
  return { status: verdict.status, summary: verdict.summary, evidence, ...adviceOf(verdict.advice, ...fixes) };
}

/** One tls.certificate.* check: which verdict of the analysis it reports, and its metadata. */
/** The checks that judge the smart host's certificate, all with the certificate's evidence. */
export type CertificateCheckId = Extract<CheckId, `tls.certificate.${string}`>;

export interface CertificateCheckSpec {
  readonly id: CertificateCheckId;
  readonly title: string;
  readonly step: StepId;
  readonly proves: string;
  readonly statuses: CheckDefinition['statuses'];
  readonly pick: (analysis: CertificateAnalysis) => Verdict | null;
  /** The fixes a failing verdict names (by default none beyond its words). */
  readonly fixes?: (verdict: Verdict) => readonly Fix[];
}

/** A factory for the check, reading the chain from `getProbe` (the shared SMTP probe by default). */
export function certificateCheck(spec: CertificateCheckSpec): (getProbe?: ProbeSource) => CheckDefinition<CertificateCheckId> {
  // tls.protocols' TLS 1.2 handshake is a second view of the certificates only for the real probe.
  return (getProbe) => ({
    ...(getProbe === undefined ? { prefetch: (ctx: CheckContext) => forEveryAddress(ctx, (at) => tls12Handshake(ctx, at)) } : {}),
    id: spec.id,
    title: spec.title,
    step: spec.step,
    proves: spec.proves,
    statuses: spec.statuses,
    // The certificate is judged whenever one was presented, even when the handshake itself was
    // judged a failure (an obsolete TLS version, a hang-up afterwards): both problems need fixing.
    dependsOn: ['smtp.starttls'],
    after: ['tls.handshake'],
    perDomain: false,
    perSmartHost: true,
    network: true,
    run(ctx: CheckContext, target: string | null): Promise<CheckOutcome> {
      return acrossAddresses(ctx, smartHostOf(spec.id, target), async (at) => {
        const result = await analyse(ctx, at, getProbe ?? getSmtpProbe, getProbe === undefined);
        if (!result.ok) return result.outcome;
        const verdict = spec.pick(result.analysis);
        if (verdict === null) {
          return { status: 'skip', summary: 'No domain was given to compare the certificate with.', evidence: {} };
        }
        return toOutcome(result.analysis, result.sentChainSource, verdict, spec.fixes?.(verdict) ?? []);
      });
    },
  });
}

/** What every tls.certificate.* check can say besides its own verdict. */
export const COMMON_STATUSES = {
  skip: 'TLS was not negotiated, so there is no certificate to judge.',
} as const;
