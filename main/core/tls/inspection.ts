/**
 * A certificate file's inspection as one JSON document: the facts, each verdict, and what to paste
 * into Exchange. Shared by `mailflow cert --json` and the app's certificate inspector (which saves
 * it in the engagement, so it is still there offline).
 */
import type { Evidence } from '../../../preload/vocabulary/checks.js';
import { analyseChain, certificateEvidence, type AnalyseOptions, type CertificateAnalysis, type Verdict } from './analysis.js';
import type { CertificateFile, CertificateFileFormat } from './certificate-file.js';

export interface NamedVerdict {
  readonly id: string;
  readonly label: string;
  readonly verdict: Verdict;
}

export interface InspectionResult {
  readonly id: string;
  readonly label: string;
  readonly status: Verdict['status'];
  readonly summary: string;
  readonly evidence: Evidence;
  readonly advice?: string;
}

export interface CertificateInspectionReport {
  readonly version: 1;
  readonly file: string;
  readonly format: CertificateFileFormat;
  readonly containedPrivateKey: boolean;
  readonly certificate: Evidence;
  /** The certificates as the file holds them, in its order. */
  readonly sent: readonly Evidence[];
  /** The path that was validated, leaf first. */
  readonly chain: readonly Evidence[];
  readonly results: readonly InspectionResult[];
  readonly tlsCertificateName: string;
  readonly setReceiveConnectorCommand: string;
}

/** The verdicts that apply (name and domains only when a host or domains were given). */
export function verdictsOf(analysis: CertificateAnalysis): NamedVerdict[] {
  const all: readonly (readonly [string, string, Verdict | null])[] = [
    ['tls.certificate.trusted', 'trusted', analysis.trusted],
    ['tls.certificate.name', 'name', analysis.name],
    ['tls.certificate.validity', 'validity', analysis.validity],
    ['tls.certificate.strength', 'strength', analysis.strength],
    ['tls.certificate.accepted-domain', 'domains', analysis.acceptedDomain],
  ];
  return all.flatMap(([id, label, verdict]) => (verdict === null ? [] : [{ id, label, verdict }]));
}

export function inspectionReport(file: string, input: CertificateFile, analysis: CertificateAnalysis): CertificateInspectionReport {
  return {
    version: 1,
    file,
    format: input.format,
    containedPrivateKey: input.containedPrivateKey,
    certificate: certificateEvidence(analysis.leaf),
    sent: analysis.sent.map((cert) => certificateEvidence(cert)),
    chain: analysis.chain.path.map((cert) => certificateEvidence(cert)),
    results: verdictsOf(analysis).map(({ id, label, verdict }) => ({
      id,
      label,
      status: verdict.status,
      summary: verdict.summary,
      evidence: verdict.evidence,
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    })),
    tlsCertificateName: analysis.tlsCertificateName,
    setReceiveConnectorCommand: analysis.setReceiveConnectorCommand,
  };
}

/** Analyses a read certificate file and returns the report. */
export async function inspectCertificateFile(file: string, input: CertificateFile, options: AnalyseOptions): Promise<CertificateInspectionReport> {
  return inspectionReport(file, input, await analyseChain(input.chainDer, { ...options, source: 'file' }));
}
