/**
 * Bounce (NDR) decoding for the Test step: find every status code in a pasted bounce — a plain
 * text NDR or a full DSN (multipart/report with message/delivery-status, RFC 3464) — and say what
 * it means, why it likely happened between Office 365 and your server, and what to change.
 */
import { readHeaderBlock, fieldValue, splitLines } from '../headers/header-block.js';
import type { HeaderField } from '../headers/header-block.js';
import { explainStatus, findStatusCodes } from './enhanced-status.js';
import type { EnhancedStatus, StatusClass } from './enhanced-status.js';
import { SIDE_TEXT, knownFailuresByText, knownFailuresFor } from './known-failures.js';
import type { BounceSide, KnownFailure } from './known-failures.js';
import { flattenParts, parseMime } from './mime.js';
import type { MimePart } from './mime.js';

/** Where a recipient was read: the machine-readable status part, or the prose of bounces that have none. */
export type RecipientSource = 'dsn' | 'x-failed-recipients' | 'exchange-text' | 'exim-text';

export interface DsnRecipient {
  readonly source: RecipientSource;
  readonly finalRecipient: string | null;
  readonly originalRecipient: string | null;
  /** failed, delayed, delivered, relayed, expanded */
  readonly action: string | null;
  readonly status: string | null;
  readonly remoteMta: string | null;
  readonly diagnosticCode: string | null;
  readonly lastAttemptDate: string | null;
}

export interface KnownFailureView {
  readonly id: string;
  readonly title: string;
  readonly meaning: string;
  readonly cause: string;
  readonly fix: string;
  readonly commands: readonly string[];
  readonly side: BounceSide;
  readonly sideText: string;
  /** The meaning of this exact code inside a range, when the range has one. */
  readonly detail: string | null;
  /** True when this failure only wraps an earlier error named elsewhere in the bounce. */
  readonly wrapper: boolean;
}

export interface Diagnosis {
  /** Enhanced status code ("5.7.64"), or null when recognised by its words alone. */
  readonly code: string | null;
  /** The three-digit SMTP reply in front of the code (e.g. 550), when there is one. */
  readonly reply: number | null;
  /** The line of the bounce where it was found. */
  readonly line: string;
  readonly statusClass: StatusClass | null;
  /** RFC 3463 reading: class, subject and (when defined) detail, in plain words. */
  readonly generic: string | null;
  readonly known: KnownFailureView | null;
}

/**
 * failed: every recipient was given up (Action: failed, or a bounce that says delivery failed),
 * whatever the first digit of its code; delayed: still being retried (Action: delayed); mixed:
 * some of each; unknown: the bounce does not say.
 */
export type BounceOutcome = 'failed' | 'delayed' | 'mixed' | 'unknown';

export interface BounceAnalysis {
  readonly form: 'dsn' | 'plain-text';
  readonly outcome: BounceOutcome;
  readonly subject: string | null;
  readonly reportingMta: string | null;
  readonly arrivalDate: string | null;
  readonly recipients: readonly DsnRecipient[];
  /** Every distinct code (and words-only match), most telling first. */
  readonly diagnoses: readonly Diagnosis[];
  /** The diagnosis to act on first: the first one we know, otherwise the first one. */
  readonly primary: Diagnosis;
}

/** The text holds no status code and no failure we recognise by its words. */
export class NoBounceError extends Error {
  override readonly name = 'NoBounceError';
  constructor() {
    super('No bounce found: paste the whole non-delivery report, including the line with the error (e.g. "550 5.7.64 TenantAttribution; Relay Access Denied").');
  }
}

/** "rfc822; bob@contoso.test" -> "bob@contoso.test" (the address type is noise to a reader). */
function withoutType(value: string | null): string | null {
  if (value === null) return null;
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 && semicolon < 12 ? value.slice(semicolon + 1) : value).trim();
}

function readDeliveryStatus(text: string): { readonly perMessage: readonly HeaderField[]; readonly recipients: DsnRecipient[] } {
  const groups = text.split(/(?:\r?\n){2,}/).map((g) => readHeaderBlock(g.replace(/^\s*\n/, ''), { skipJunk: false }).fields).filter((f) => f.length > 0);
  const [perMessage = [], ...perRecipient] = groups;
  const recipients = perRecipient.map((fields): DsnRecipient => ({
    source: 'dsn',
    finalRecipient: withoutType(fieldValue(fields, 'Final-Recipient')),
    originalRecipient: withoutType(fieldValue(fields, 'Original-Recipient')),
    action: fieldValue(fields, 'Action')?.toLowerCase() ?? null,
    status: fieldValue(fields, 'Status')?.split(/\s/)[0] ?? null,
    remoteMta: withoutType(fieldValue(fields, 'Remote-MTA')),
    diagnosticCode: withoutType(fieldValue(fields, 'Diagnostic-Code')),
    lastAttemptDate: fieldValue(fields, 'Last-Attempt-Date'),
  }));
  return { perMessage, recipients };
}

function stripHtml(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Human-readable text of a bounce message: its text parts, not the returned original message. */
function readableText(root: MimePart): string {
  const texts: string[] = [];
  const visit = (part: MimePart): void => {
    if (part.contentType === 'message/rfc822' || part.contentType === 'text/rfc822-headers' || part.contentType === 'message/global') return;
    if (part.contentType === 'text/plain') texts.push(part.text);
    else if (part.contentType === 'text/html') texts.push(stripHtml(part.text));
    else if (part.contentType.startsWith('multipart/')) {
      texts.push(part.text);
      const plain = part.contentType === 'multipart/alternative' ? part.children.filter((c) => c.contentType === 'text/plain') : [];
      for (const child of plain.length > 0 ? plain : part.children) visit(child);
    }
  };
  visit(root);
  return texts.join('\n');
}

/** The line holding `index`; a long line is cut to a window around the match. */
function lineAround(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index);
  const lineEnd = newline < 0 ? text.length : newline;
  const start = Math.max(lineStart, index - 150);
  const end = Math.min(lineEnd, index + 150);
  const cut = text.slice(start, end).replace(/\s+/g, ' ').trim();
  return `${start > lineStart ? '...' : ''}${cut}${end < lineEnd ? '...' : ''}`;
}

function view(failure: KnownFailure, code: string | null): KnownFailureView {
  return {
    id: failure.id,
    title: failure.title,
    meaning: failure.meaning,
    cause: failure.cause,
    fix: failure.fix,
    commands: failure.commands,
    side: failure.side,
    sideText: SIDE_TEXT[failure.side],
    detail: code === null ? null : (failure.details?.[code] ?? null),
    wrapper: failure.wrapper === true,
  };
}

/** How telling one occurrence of a code is: with its SMTP reply, and inside the quoted server reply, beats a prose mention. */
function occurrenceRank(text: string, index: number): number {
  const before = text.slice(Math.max(0, index - 60), index);
  const hasReply = /\d{3}[ -]?$/.test(before);
  const quoted = /(?:Remote Server returned|Diagnostic-Code:|SMTP error from remote mail server|said:)[^\n]*$/i.test(before);
  return (hasReply ? 2 : 0) + (quoted ? 1 : 0);
}

const GIVEN_UP = 'the sending server has given up: the bounce says delivery failed, so the message will not be retried. Send it again once the cause is fixed';

function diagnose(text: string, outcome: BounceOutcome): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  const best = new Map<string, { readonly status: EnhancedStatus; readonly index: number; readonly rank: number }>();
  for (const { status, index } of findStatusCodes(text)) {
    const rank = occurrenceRank(text, index);
    const previous = best.get(status.code);
    if (previous === undefined || rank > previous.rank) best.set(status.code, { status, index, rank });
  }
  for (const { status, index } of best.values()) {
    const line = lineAround(text, index);
    const before = /(\d{3})[ -]?$/.exec(text.slice(Math.max(0, index - 5), index));
    const reply = before?.[1] === undefined ? null : Number(before[1]);
    // The SMTP reply code decides whether the server will try again (RFC 5321): a "451 5.7.3" is
    // temporary even though its enhanced code says permanent.
    const replyClass = reply === null ? null : Math.floor(reply / 100);
    const disagrees = (replyClass === 4 || replyClass === 5) && replyClass !== status.klass;
    const explanation = explainStatus(disagrees ? { ...status, klass: replyClass } : status);
    const known = knownFailuresFor(status, text)[0];
    const detail = explanation.detailText === null ? '' : `; ${explanation.detailText}`;
    const note = disagrees ? ` The reply code ${String(reply)} decides this, although the enhanced code ${status.code} says otherwise.` : '';
    // A temporary error that lasted until the server gave up: never say it is still retrying.
    const classText = explanation.statusClass === 'temporary' && outcome === 'failed' ? `temporary error at first, but ${GIVEN_UP}` : explanation.classText;
    diagnoses.push({
      code: status.code,
      reply,
      line,
      statusClass: explanation.statusClass,
      generic: `${classText}. Area: ${explanation.subjectText}${detail}.${note}`,
      known: known === undefined ? null : view(known, status.code),
    });
  }
  const knownIds = new Set(diagnoses.map((d) => d.known?.id));
  for (const failure of knownFailuresByText(text)) {
    if (knownIds.has(failure.id)) continue;
    const match = failure.text?.exec(text) ?? null;
    diagnoses.push({
      code: null,
      reply: null,
      line: match === null ? '' : lineAround(text, match.index),
      statusClass: null,
      generic: null,
      known: view(failure, null),
    });
  }
  return diagnoses;
}

const ADDRESS = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/;

function recipient(source: RecipientSource, address: string, fields: Partial<Omit<DsnRecipient, 'source' | 'finalRecipient'>> = {}): DsnRecipient {
  return {
    source,
    finalRecipient: address,
    originalRecipient: null,
    action: fields.action ?? 'failed',
    status: fields.status ?? null,
    remoteMta: fields.remoteMta ?? null,
    diagnosticCode: fields.diagnosticCode ?? null,
    lastAttemptDate: null,
  };
}

/** The status code and SMTP reply in a line such as "550 5.1.1 <bob@x>: User unknown". */
function replyIn(line: string): { readonly status: string | null; readonly diagnostic: string | null } {
  const code = findStatusCodes(line)[0];
  const reply = /\b([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3})?/.exec(line);
  if (code === undefined && reply === null) return { status: null, diagnostic: null };
  return { status: code?.status.code ?? null, diagnostic: line.replace(/^.*?Remote Server returned\s*/i, '').replace(/^'|'$/g, '').trim() };
}

/**
 * Exchange / Office 365 NDR text (no status part needed): the addresses listed under "Delivery has
 * failed to these recipients or groups:" (or "... delayed ..."), each paired with its "Remote
 * Server returned '...'" line in the diagnostic section.
 */
function exchangeRecipients(lines: readonly string[]): { readonly recipients: DsnRecipient[]; readonly outcome: BounceOutcome | null } {
  const head = lines.findIndex((line) => /Delivery (has failed|is delayed|has been delayed) to these recipients or groups/i.test(line));
  if (head < 0) return { recipients: [], outcome: null };
  const action = /failed/i.test(lines[head] ?? '') ? 'failed' : 'delayed';
  const replies = new Map<string, { status: string | null; diagnostic: string | null }>();
  for (let i = head + 1; i < lines.length; i += 1) {
    if (!/Remote Server returned/i.test(lines[i] ?? '')) continue;
    for (let back = i - 1; back > head && back >= i - 3; back -= 1) {
      const address = ADDRESS.exec(lines[back] ?? '')?.[0];
      if (address !== undefined) {
        replies.set(address.toLowerCase(), replyIn(lines[i] ?? ''));
        break;
      }
    }
  }
  const found: DsnRecipient[] = [];
  const seen = new Set<string>();
  for (let i = head + 1; i < lines.length; i += 1) {
    const line = (lines[i] ?? '').trim();
    if (/^(Diagnostic information for administrators|Generating server|Original message headers)/i.test(line)) break;
    // An address line starts with the address or with a display name followed by "(address)".
    const match = /^(?:[^()<>@]*\(([^()\s]+@[^()\s]+)\)|<?([^\s<>()]+@[^\s<>()]+?)>?(?:\s|$|<mailto:))/.exec(line);
    const address = (match?.[1] ?? match?.[2])?.replace(/^mailto:/i, '');
    if (address === undefined || !ADDRESS.test(address) || seen.has(address.toLowerCase())) continue;
    seen.add(address.toLowerCase());
    const reply = replies.get(address.toLowerCase());
    found.push(recipient('exchange-text', address, { action, status: reply?.status ?? null, diagnosticCode: reply?.diagnostic ?? null }));
  }
  return { recipients: found, outcome: action };
}

/**
 * Exim's text: "The following address(es) failed:" (or "... have not yet been delivered:"), then
 * each address indented by two spaces with its details (host, SMTP error) indented further.
 */
function eximRecipients(lines: readonly string[]): { readonly recipients: DsnRecipient[]; readonly outcome: BounceOutcome | null } {
  const head = lines.findIndex((line) => /The following address(?:\(es\)|es)? (failed|ha(?:ve|s) not yet been delivered):/i.test(line));
  if (head < 0) return { recipients: [], outcome: null };
  const action = /failed/i.test(lines[head] ?? '') ? 'failed' : 'delayed';
  const found: { address: string; details: string[] }[] = [];
  for (let i = head + 1; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (found.length > 0 && !/^\s/.test(lines[i + 1] ?? '')) break;
      continue;
    }
    if (!/^\s/.test(line)) break;
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    const address = ADDRESS.exec(line)?.[0];
    const last = found[found.length - 1];
    if (indent <= 2 && address !== undefined) found.push({ address, details: [] });
    else if (last !== undefined) last.details.push(line.trim());
  }
  const recipients = found.map(({ address, details }) => {
    const smtpLine = details.find((detail) => replyIn(detail).diagnostic !== null);
    const reply = smtpLine === undefined ? null : replyIn(smtpLine);
    const host = details.map((detail) => /^host\s+(\S+)/i.exec(detail)?.[1]).find((name) => name !== undefined) ?? null;
    return recipient('exim-text', address, { action, status: reply?.status ?? null, diagnosticCode: smtpLine ?? null, remoteMta: host });
  });
  return { recipients, outcome: action };
}

/** Recipients of a bounce without a status part, from its prose and X-Failed-Recipients. */
function textRecipients(headers: readonly HeaderField[], text: string): { readonly recipients: DsnRecipient[]; readonly outcome: BounceOutcome | null } {
  const lines = splitLines(text);
  const exchange = exchangeRecipients(lines);
  const exim = exchange.recipients.length > 0 ? { recipients: [], outcome: null } : eximRecipients(lines);
  const recipients = [...exchange.recipients, ...exim.recipients];
  const known = new Set(recipients.map((r) => r.finalRecipient?.toLowerCase()));
  // Exim and others add X-Failed-Recipients only for addresses that failed for good.
  const failedHeader = fieldValue(headers, 'X-Failed-Recipients');
  for (const address of failedHeader === null ? [] : failedHeader.split(',').map((item) => item.trim()).filter((item) => ADDRESS.test(item))) {
    if (!known.has(address.toLowerCase())) recipients.push(recipient('x-failed-recipients', address));
    known.add(address.toLowerCase());
  }
  return { recipients, outcome: exchange.outcome ?? exim.outcome ?? (failedHeader === null ? null : 'failed') };
}

function outcomeOf(recipients: readonly DsnRecipient[], fromText: BounceOutcome | null): BounceOutcome {
  const actions = new Set(recipients.map((r) => r.action));
  const failed = actions.has('failed');
  const delayed = actions.has('delayed');
  if (failed && delayed) return 'mixed';
  if (failed) return 'failed';
  if (delayed) return 'delayed';
  return fromText ?? 'unknown';
}

/** The server that wrote the bounce when no status part names it: Exchange's "Generating server:", or the mailer daemon's host. */
function reportingServerInText(headers: readonly HeaderField[], text: string): string | null {
  const generating = /^\s*Generating server:\s*(\S+)/im.exec(text)?.[1];
  if (generating !== undefined) return generating;
  const from = fieldValue(headers, 'From') ?? '';
  return /mailer-daemon@([A-Za-z0-9.-]+)/i.exec(from)?.[1] ?? null;
}

/** Decodes a pasted bounce. Throws NoBounceError when nothing in it looks like one. */
export function decodeBounce(input: string): BounceAnalysis {
  const root = parseMime(input, { skipJunk: true });
  const parts = flattenParts(root);
  const statusParts = parts.filter((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status');
  const reports = statusParts.map((p) => readDeliveryStatus(p.text));
  const dsnRecipients = reports.flatMap((r) => r.recipients);
  const perMessage = reports[0]?.perMessage ?? [];

  // A single-part paste is read whole (a plain-text NDR often ends with the original headers,
  // which must not hide the report above them); a transfer-encoded body is decoded as well.
  const encoded = fieldValue(root.headers, 'Content-Transfer-Encoding') !== null;
  const humanText = root.contentType.startsWith('multipart/')
    ? readableText(root)
    : `${splitLines(input).join('\n')}${encoded ? `\n${root.text}` : ''}`;
  const fromText = textRecipients(root.headers, humanText);
  const recipients = dsnRecipients.length > 0 ? dsnRecipients : fromText.recipients;
  const outcome = outcomeOf(recipients, fromText.outcome);
  const dsnText = recipients.flatMap((r) => [r.diagnosticCode ?? '', r.status ?? '']).join('\n');
  const diagnoses = diagnose(`${dsnText}\n${humanText}`, outcome);
  const primary = diagnoses.find((d) => d.known !== null && !d.known.wrapper) ?? diagnoses.find((d) => d.known !== null) ?? diagnoses[0];
  if (primary === undefined) throw new NoBounceError();
  return {
    form: statusParts.length > 0 ? 'dsn' : 'plain-text',
    outcome,
    // Only the bounce's own subject: headers further down a paste belong to the returned original.
    subject: root.skippedLines === 0 ? fieldValue(root.headers, 'Subject') : null,
    reportingMta: withoutType(fieldValue(perMessage, 'Reporting-MTA')) ?? reportingServerInText(root.headers, humanText),
    arrivalDate: fieldValue(perMessage, 'Arrival-Date'),
    recipients,
    diagnoses,
    primary,
  };
}
