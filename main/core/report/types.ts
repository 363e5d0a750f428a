/**
 * What the handover report is made of. Everything here is already free of secrets: the report is
 * handed to the customer, so no password, key or token is ever part of its input.
 */
import type { Advice, CheckStatus, StepId } from '../../../preload/vocabulary/checks.js';
import type { ItemProgress, ServerKind } from '../../../preload/vocabulary/engagement.js';
import type { ImportedInventory, OfficeProof } from '../../../preload/vocabulary/imports.js';
import type { TestEvidence } from '../../../preload/vocabulary/test-evidence.js';
import type { GeneratedScript, ScriptInputIssue } from '../scripts/types.js';

/** How the checks reached the server and DNS; the allow list is addresses, never credentials. */
export interface HandoverCheckSettings {
  readonly smtpPort: number;
  /** `IP` or `IP:PORT` of the DNS server asked instead of the system's; null = system resolver. */
  readonly dnsServer: string | null;
  /** The tenant's Office 365 MX host as given; null = derived from the first domain. */
  readonly tenantMx: string | null;
  /** The firewall allow list compared with the Office 365 ranges; null when none was given. */
  readonly firewallAllow: { readonly source: string; readonly lines: readonly string[] } | null;
  /** Files of extra trusted root certificates, by name (the command line's --ca-file). */
  readonly caFiles: readonly string[];
  readonly timeoutMs: number;
}

/** The last certificate file inspected: its name and the inspection, never the file or its password. */
export interface HandoverCertificate {
  readonly fileName: string;
  readonly at: string;
  readonly report: Readonly<Record<string, unknown>>;
}

/** The engagement's answers, as the person gave them. */
export interface HandoverAnswers {
  readonly domains: readonly string[];
  readonly smartHosts: readonly string[];
  /** Null when the source does not know it (the command line). */
  readonly serverKind: ServerKind | null;
  readonly testAddresses: readonly string[];
  /** Null when the notes were kept out of the report (they are internal unless the user includes them). */
  readonly notes: string | null;
  readonly checkSettings: HandoverCheckSettings;
  readonly certificate: HandoverCertificate | null;
}

/** A check's result for one target, with when it ran (a saved result or a fresh run). */
export interface HandoverCheckResult {
  readonly id: string;
  readonly title: string;
  readonly step: StepId;
  readonly target: string | null;
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly advice?: Advice | undefined;
  readonly durationMs: number;
  readonly ranAt: string;
}

/** The scripts, or why there are none, so the reader knows what to supply. */
export type HandoverScripts =
  | {
      readonly kind: 'generated';
      readonly scripts: readonly GeneratedScript[];
      /** The defaults and choices the scripts were generated with, in plain words. */
      readonly notes: readonly string[];
    }
  | { readonly kind: 'not-generated'; readonly reason: string; readonly issues: readonly ScriptInputIssue[] };

export interface HandoverInput {
  /** The customer or engagement name: the report's heading. */
  readonly title: string;
  /** ISO timestamp of when the report was made. */
  readonly generatedAt: string;
  readonly appVersion: string;
  /** Where the report came from, in words (e.g. "Mailflow Assistant" or "mailflow preflight"). */
  readonly source: string;
  readonly answers: HandoverAnswers;
  /** Checklist progress by item id; null when the source keeps none (the command line). */
  readonly progress: Readonly<Record<string, ItemProgress>> | null;
  readonly results: readonly HandoverCheckResult[];
  readonly scripts: HandoverScripts;
  /** What was imported from the real systems; null when the source keeps none (the command line). */
  readonly imports: HandoverImports | null;
}

/** The inventory documents read on each side, and Microsoft's own proof pasted back. */
export interface HandoverImports {
  readonly inventory: readonly ImportedInventory[];
  readonly officeProof: OfficeProof;
  /** What the Test step proved: messages sent, delivered messages' headers, bounces. */
  readonly testEvidence: readonly TestEvidence[];
}
