/**
 * The Test step's evidence, read from what the Test tools produced: a test message's outcome, a
 * delivered message’s headers, a decoded bounce. Each is attached to the Test item its addresses
 * say it is about (vocabulary/test-evidence.ts), with a verdict and one sentence a person can act
 * on; evidence about neither direction is not kept, and the answer says why.
 */
import type { TestEvidence, TestItemId } from '../../../preload/vocabulary/test-evidence.js';
import { testItemFor } from '../../../preload/vocabulary/test-evidence.js';
import type { HeaderAnalysis, Hop } from '../headers/analyse.js';
import { labelConnectorHops } from '../headers/connector-hops.js';
import type { BounceAnalysis } from '../ndr/decode.js';
import type { TranscriptLine } from '../test-message/transcript.js';

/** Who and when, given by the caller (the core keeps no clock of its own here). */
export interface EvidenceStamp {
  readonly id: string;
  readonly at: string;
}

/** What the evidence is read against: the engagement's domains and smart hosts. */
export interface EvidenceContext {
  readonly domains: readonly string[];
  readonly smartHosts: readonly string[];
}

export type EvidenceReading<T> = { readonly ok: true; readonly evidence: TestEvidence; readonly value: T } | { readonly ok: false; readonly reason: string; readonly value: T };

/** What a sent (or refused) test message left behind, as the Test step's message tool reports it. */
export interface SentMessage {
  readonly server: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  /** The server’s last answer; null when it never answered. */
  readonly serverResponse: string | null;
  /** Why it was not sent; null when the server took it. */
  readonly problem: string | null;
  readonly transcript: readonly TranscriptLine[];
}

const transcriptText = (lines: readonly TranscriptLine[]): string[] => lines.slice(0, 201).map((line) => `${line.direction === 'client' ? 'C' : 'S'}: ${line.text}`.slice(0, 1100));

export function messageEvidence(sent: SentMessage, context: EvidenceContext, stamp: EvidenceStamp): EvidenceReading<SentMessage> {
  const direction = testItemFor(sent.from, sent.to, context.domains);
  if (direction.item === null) return { ok: false, reason: `Not kept as Test proof: ${direction.reason}`, value: sent };
  const refused = sent.problem;
  const partly = refused === null && sent.rejected.length > 0;
  const summary = refused !== null
    ? `${sent.server} did not take the test message from ${sent.from}: ${refused}`
    : partly
      ? `${sent.server} took the test message for ${sent.accepted.join(', ')} but refused ${sent.rejected.join(', ')}.`
      : `${sent.server} took the test message from ${sent.from} for ${sent.to.join(', ')}${sent.serverResponse === null ? '' : ` (${sent.serverResponse})`}: paste the delivered message’s headers to prove it arrived.`;
  return {
    ok: true,
    value: sent,
    evidence: {
      ...stamp,
      kind: 'message',
      item: direction.item,
      status: refused !== null ? 'fail' : partly ? 'warn' : 'pass',
      summary: summary.slice(0, 2000),
      server: sent.server,
      from: sent.from,
      to: [...sent.to],
      serverResponse: sent.serverResponse?.slice(0, 2000) ?? null,
      transcript: transcriptText(sent.transcript),
    },
  };
}

const lower = (value: string): string => value.toLowerCase();
const named = (host: string | null, smartHosts: readonly string[]): boolean => host !== null && smartHosts.some((smartHost) => lower(smartHost) === lower(host));

function hopText(hop: Hop): string {
  const label = hop.connector === 'outbound' ? ' [outbound connector: Office 365 → your server]' : hop.connector === 'inbound' ? ' [inbound connector: your server → Office 365]' : '';
  return `${String(hop.index)}. ${hop.from ?? 'unknown'} → ${hop.by ?? 'unknown'}${hop.tls.status === 'tls' ? ' (TLS)' : ''}${label}`.slice(0, 700);
}

/** The verdict of a delivered message's path for the item it is about. */
function pathVerdict(analysis: HeaderAnalysis, item: TestItemId, context: EvidenceContext): { readonly status: TestEvidence['status']; readonly summary: string } {
  const hop = analysis.hops.find((candidate) => candidate.connector !== null);
  const problems = analysis.findings.filter((finding) => finding.severity === 'problem').map((finding) => finding.message);
  const but = problems.length === 0 ? '' : ` But: ${problems.join(' ')}`;
  if (item === 'test.inbound') {
    if (!analysis.eop.passed) {
      return { status: 'fail', summary: 'The message reached your server without passing through Office 365: the MX record still points to your server, or the sender reached it directly. Check the MX change (Part 1).' };
    }
    if (hop === undefined) {
      return { status: 'warn', summary: 'The headers show Office 365 but no hop from it to your server: paste the headers as the mailbox on your server received them.' };
    }
    if (!named(hop.by, context.smartHosts)) {
      return { status: 'warn', summary: `Exchange Online handed it to ${hop.by ?? 'a server'} at hop ${String(hop.index)}, which is not one of your smart hosts (${context.smartHosts.join(', ')}): check that the outbound connector delivers to your server, or add the name in Details.` };
    }
    // The path is proved; a finding about authentication is a caution beside it, not a failure of the way in.
    return { status: 'pass', summary: `Arrived through Office 365 and the outbound connector: Exchange Online handed it to ${hop.by ?? ''} at hop ${String(hop.index)}${hop.tls.status === 'tls' ? ' over TLS' : ''}.${but}` };
  }
  if (!analysis.eop.passed) {
    return { status: 'fail', summary: 'The message left without passing through Office 365: your server delivered it directly. Point its send connector or relayhost at the tenant MX host (Part 2).' };
  }
  if (hop === undefined) {
    return { status: 'warn', summary: 'The headers show Office 365 but not the hop from your server to it: paste the full headers as the outside mailbox received them.' };
  }
  if (!named(hop.from, context.smartHosts)) {
    return { status: 'warn', summary: `Exchange Online received it from ${hop.from ?? 'an unnamed server'} at hop ${String(hop.index)}, which is not one of your smart hosts (${context.smartHosts.join(', ')}): send the test from a mailbox on your server, or add the server's name in Details.` };
  }
  return { status: 'pass', summary: `Left through Office 365: Exchange Online received it from ${hop.from ?? 'your server'} at hop ${String(hop.index)} through the inbound connector${hop.tls.status === 'tls' ? ', over TLS' : ''}.${but}` };
}

export function headerEvidence(analysis: HeaderAnalysis, context: EvidenceContext, stamp: EvidenceStamp): EvidenceReading<HeaderAnalysis> {
  const direction = testItemFor(analysis.from, [analysis.to], context.domains);
  if (direction.item === null) return { ok: false, reason: `Not kept as Test proof: ${direction.reason}`, value: analysis };
  const labelled = labelConnectorHops(analysis, direction.item);
  const verdict = pathVerdict(labelled, direction.item, context);
  return {
    ok: true,
    value: labelled,
    evidence: {
      ...stamp,
      kind: 'headers',
      item: direction.item,
      status: verdict.status,
      summary: verdict.summary.slice(0, 2000),
      subject: labelled.subject?.slice(0, 1000) ?? null,
      messageId: labelled.messageId?.slice(0, 1000) ?? null,
      path: labelled.hops.slice(0, 60).map(hopText),
    },
  };
}

/**
 * A bounce is about the way its failed recipients were to be reached: one of your domains is the
 * Internet → your server; an outside address is your server → the Internet.
 */
export function bounceEvidence(analysis: BounceAnalysis, context: EvidenceContext, stamp: EvidenceStamp): EvidenceReading<BounceAnalysis> {
  const recipients = analysis.recipients.map((entry) => entry.finalRecipient ?? entry.originalRecipient).filter((address): address is string => address !== null);
  if (context.domains.length === 0) return { ok: false, reason: 'Not kept as Test proof: add your domains in Details first: they decide which way a message went.', value: analysis };
  if (recipients.length === 0) return { ok: false, reason: 'Not kept as Test proof: the bounce names no recipient, so it cannot show which way mail went.', value: analysis };
  // A bounce goes back to its sender: for an outside recipient the sender was inside (the way out), and the other way round.
  const out = testItemFor(`postmaster@${context.domains[0] ?? ''}`, recipients, context.domains);
  const into = testItemFor('postmaster@invalid', recipients, context.domains);
  const item: TestItemId | null = out.item ?? into.item;
  if (item === null) return { ok: false, reason: 'Not kept as Test proof: the bounce names recipients both inside and outside your domains, so it shows neither way alone.', value: analysis };
  const { primary } = analysis;
  const what = primary.known?.title ?? primary.generic ?? primary.line;
  const delayed = analysis.outcome === 'delayed';
  return {
    ok: true,
    value: analysis,
    evidence: {
      ...stamp,
      kind: 'bounce',
      item,
      status: delayed ? 'warn' : 'fail',
      summary: `${delayed ? 'Delayed' : 'Bounced'} for ${recipients.join(', ')}${primary.code === null ? '' : ` (${primary.code})`}: ${what}`.slice(0, 2000),
      recipients: recipients.slice(0, 50),
      code: primary.code?.slice(0, 20) ?? null,
      fix: primary.known?.fix.slice(0, 2000) ?? null,
    },
  };
}
