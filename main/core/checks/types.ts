/**
 * Checks are data: each one has a stable id (listed in docs/checks.md), belongs to a checklist step
 * and returns a verdict with evidence. The runner (runner.ts) schedules them; a check never prints.
 */
import type { Inventory } from '../inventory/document.js';
import type { TenantSnapshot } from '../m365/tenant-snapshot.js';
import type { OutboundTlsSettings } from '../../../preload/vocabulary/connectors.js';
import type { ClientCertificate } from '../smtp/tls-upgrade.js';
import type { Clock, DnsResolver, SocketConnector } from '../ports/index.js';

export type { Advice, CheckOutcome, CheckProgress, CheckResult, CheckStatus, Evidence, Fix, Json, StepId } from '../../../preload/vocabulary/checks.js';
import type { CheckOutcome, CheckResult, CheckStatus, Evidence, StepId } from '../../../preload/vocabulary/checks.js';
import type { CheckId, EvidenceOf } from '../../../preload/vocabulary/evidence.js';

export type { CheckId, EvidenceOf } from '../../../preload/vocabulary/evidence.js';

/** The evidence a check with this id returns: its schema's type for a stable id, any evidence otherwise. */
export type EvidenceFor<Id extends string> = Id extends CheckId ? EvidenceOf<Id> : Evidence;

/** An outcome whose evidence has the check's own type. */
export interface TypedOutcome<E extends Evidence> extends Omit<CheckOutcome, 'evidence'> {
  readonly evidence: E;
}

/** The relay test of eop.relay: who it is from and to, and how the inbound connector should recognise the server. */
export interface RelayInputs {
  /** MAIL FROM: an address of one of the domains. */
  readonly from: string;
  /** RCPT TO: an address outside the domains; null = not given, the check is skipped. */
  readonly to: string | null;
  /** Presented in the handshake when Office 365 asks (a connector may identify the server by it). */
  readonly clientCertificate: ClientCertificate | null;
  /** The inbound connector the fix names. */
  readonly inboundConnector: string;
  /** How that connector recognises the server, for the fix. */
  readonly inboundBy: 'certificate' | 'ip';
  /** The server's public sending address(es), for an IP-based fix; empty = not known. */
  readonly senderIpAddresses: readonly string[];
  /** The name the certificate-based connector should match; null = the presented certificate's, else the smart host. */
  readonly certificateName: string | null;
}

/** Everything a pre-flight run needs to know, as the user gave it (validated). */
export interface PreflightInputs {
  readonly domains: readonly string[];
  /** The on-premises servers Office 365 delivers to, at least one, in the engagement's order. */
  readonly smartHosts: readonly string[];
  readonly smtpPort: number;
  /** DNS server to send every lookup to, or null for the system resolver. */
  readonly dnsServer: { readonly address: string; readonly port: number } | null;
  /** Extra trust anchors (PEM), added to the system roots. */
  readonly extraCaPem: readonly string[];
  /** The tenant's Office 365 MX host; null = derive from the first domain. */
  readonly tenantMx: string | null;
  /** Firewall allow list (IP or CIDR strings), or null when not given. */
  readonly firewallAllow: readonly string[] | null;
  /** Deadline for one check, in milliseconds. */
  readonly timeoutMs: number;
  /** What Microsoft 365 said the tenant expects, when someone signed in and read it (tenant.* checks). */
  readonly tenant?: TenantSnapshot | null;
  /** What the inventory scripts read on each side, when imported (tenant.connectors, onprem.* checks). */
  readonly inventory?: Inventory | null;
  /** The engagement's choice for the outbound connector's TLS check; default CertificateValidation. */
  readonly outboundTlsSettings?: OutboundTlsSettings;
  /** The relay test eop.relay makes; without it (or without a recipient) the check is skipped. */
  readonly relay?: RelayInputs | null;
}

export interface CheckContext {
  readonly inputs: PreflightInputs;
  readonly resolver: DnsResolver;
  readonly connector: SocketConnector;
  readonly clock: Clock;
  /** Aborted when the check's deadline passes or the run is cancelled. */
  readonly signal: AbortSignal;
  /**
   * Work shared by several checks (one SMTP probe feeds smtp.*, tls.*): the first caller starts
   * `compute`, later callers with the same key get the same promise.
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T>;
  /** Result of a check this one depends on (for the same target when per-domain). */
  resultOf(id: string, target?: string | null): CheckResult | undefined;
}

/** A check; `CheckDefinition<'dns.mx'>` makes its run return dns.mx's evidence type (compile-time). */
export interface CheckDefinition<Id extends string = string> {
  readonly id: Id;
  readonly title: string;
  readonly step: StepId;
  /** Ids of checks that must pass (or warn) first; otherwise this one is skipped with the reason. */
  readonly dependsOn: readonly string[];
  /**
   * Checks whose results this one reads when they are in the same run (through ctx.resultOf), without
   * depending on them: it waits for them, but is not skipped when they fail.
   */
  readonly after?: readonly string[];
  /** Per-domain checks run once per domain, with the domain as target. */
  readonly perDomain: boolean;
  /**
   * Per-smart-host checks run once per smart host, with the host as target (never also per domain);
   * the others run once for the whole run.
   */
  readonly perSmartHost?: boolean;
  /** Needs the network from this computer (DNS, SMTP, TLS); offline the runner skips it as not run. */
  readonly network: boolean;
  /** What a pass proves, in one sentence (for `mailflow checks` and docs/checks.md). */
  readonly proves: string;
  /** What each status this check can give means. */
  readonly statuses: Readonly<Partial<Record<CheckStatus, string>>>;
  /** Optional own deadline; defaults to the run's timeoutMs. */
  readonly timeoutMs?: number;
  /**
   * Starts slow network work into ctx.memo when the run starts, before the dependencies finish, so
   * that it overlaps them; run() then reads the memo. Its signal is the run's; work a skipped check
   * never reads is stopped when the run ends. A failure surfaces when run() reads the memo.
   */
  readonly prefetch?: (ctx: CheckContext) => Promise<unknown>;
  run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceFor<Id>>>;
}
