/**
 * The shape of one SMTP/STARTTLS probe: shared by the probe (smtp/probe.ts), the smtp.* and tls.*
 * checks and eop.smtp. Every stage records whether it was reached, what happened and how long it took.
 */
export type ProbeStageName = 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'ehlo-after-tls' | 'mail' | 'rcpt' | 'rset' | 'quit';

export type ProbeStageOutcome =
  | 'ok'
  /** The server answered, but not with what the stage needs (e.g. 554 greeting, STARTTLS refused). */
  | 'rejected'
  /** STARTTLS not in the EHLO capabilities. */
  | 'not-offered'
  | 'timeout'
  | 'refused'
  | 'closed'
  | 'protocol-error'
  | 'too-large'
  | 'tls-failed'
  | 'network-error'
  /** The caller's AbortSignal fired (run cancelled or the check's own deadline passed). */
  | 'aborted';

export interface ProbeStage {
  readonly name: ProbeStageName;
  readonly outcome: ProbeStageOutcome;
  readonly durationMs: number;
  /** SMTP reply code when the server answered this stage. */
  readonly code?: number;
  /** What happened, readable: the reply text or the error message. */
  readonly detail: string;
}

export interface TranscriptLine {
  /** Milliseconds since the probe started. */
  readonly atMs: number;
  readonly direction: 'client' | 'server' | 'note';
  readonly text: string;
}

export interface ProbeTls {
  /** e.g. "TLSv1.3" */
  readonly protocol: string | null;
  readonly cipher: string | null;
  /** Node's own verdict against the probe's trust anchors and the SNI host name. */
  readonly authorized: boolean;
  readonly authorizationError: string | null;
  /**
   * The peer's chain, leaf first, DER base64, as Node's getPeerCertificate(true) walks it: the
   * certificates the server sent in issuer order, completed by the issuer Node found among the
   * trust anchors (so a trusted root may appear although the server did not send it). Empty for a
   * protocol test made without verification (SmtpProbeOptions.verifyPeer false).
   */
  readonly peerChainDer: readonly string[];
  /**
   * The certificates exactly as the server sent them (order, count, duplicates), read from the
   * handshake on the wire; null when they could not be read there (TLS 1.3 encrypts them) or the
   * probe was not asked to record them.
   */
  readonly sentChainDer: readonly string[] | null;
}

export interface SmtpProbeResult {
  readonly host: string;
  /** The address that was actually connected to. */
  readonly address: string;
  readonly port: number;
  readonly stages: readonly ProbeStage[];
  readonly banner: string | null;
  /** EHLO keywords (upper-case) from the first EHLO, e.g. ["PIPELINING", "STARTTLS", "SIZE 10240000"]. */
  readonly capabilities: readonly string[];
  /** EHLO keywords after STARTTLS; absent when that stage was not reached. */
  readonly capabilitiesAfterTls?: readonly string[];
  readonly tls: ProbeTls | null;
  readonly transcript: readonly TranscriptLine[];
  readonly totalMs: number;
}
