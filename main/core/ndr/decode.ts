/**
 * Bounce (NDR) decoding for the Test step: find every status code in a pasted bounce — a plain
 * text NDR or a full DSN (multipart/report with message/delivery-status, RFC 3464) — and say what
 * it means, why it likely happened between Office 365 and your server, and what to change.
 */
import { readHeaderBlock, fieldValue, splitLines } from '../headers/header-block.js';
import type { HeaderField } from '../headers/header-block.js';
import { explainStatus, findStatusCodes } from './enhanced-status.js';
import type { StatusClass } from './enhanced-status.js';
import { SIDE_TEXT, knownFailuresByText, knownFailuresFor } from './known-failures.js';
import type { BounceSide, KnownFailure } from './known-failures.js';
import { flattenParts, parseMime } from './mime.js';
import type { MimePart } from './mime.js';

export interface DsnRecipient {
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

export interface BounceAnalysis {
  readonly form: 'dsn' | 'plain-text';
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
  const recipients = perRecipient.map((fields) => ({
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

function diagnose(text: string): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  const seen = new Set<string>();
  for (const { status, index } of findStatusCodes(text)) {
    if (seen.has(status.code)) continue;
    seen.add(status.code);
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
    diagnoses.push({
      code: status.code,
      reply,
      line,
      statusClass: explanation.statusClass,
      generic: `${explanation.classText}. Area: ${explanation.subjectText}${detail}.${note}`,
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

/** Decodes a pasted bounce. Throws NoBounceError when nothing in it looks like one. */
export function decodeBounce(input: string): BounceAnalysis {
  const root = parseMime(input, { skipJunk: true });
  const parts = flattenParts(root);
  const statusParts = parts.filter((p) => p.contentType === 'message/delivery-status' || p.contentType === 'message/global-delivery-status');
  const reports = statusParts.map((p) => readDeliveryStatus(p.text));
  const recipients = reports.flatMap((r) => r.recipients);
  const perMessage = reports[0]?.perMessage ?? [];

  // A single-part paste is read whole (a plain-text NDR often ends with the original headers,
  // which must not hide the report above them); a transfer-encoded body is decoded as well.
  const encoded = fieldValue(root.headers, 'Content-Transfer-Encoding') !== null;
  const humanText = root.contentType.startsWith('multipart/')
    ? readableText(root)
    : `${splitLines(input).join('\n')}${encoded ? `\n${root.text}` : ''}`;
  const dsnText = recipients.flatMap((r) => [r.diagnosticCode ?? '', r.status ?? '']).join('\n');
  const diagnoses = diagnose(`${dsnText}\n${humanText}`);
  const primary = diagnoses.find((d) => d.known !== null && !d.known.wrapper) ?? diagnoses.find((d) => d.known !== null) ?? diagnoses[0];
  if (primary === undefined) throw new NoBounceError();
  return {
    form: statusParts.length > 0 ? 'dsn' : 'plain-text',
    // Only the bounce's own subject: headers further down a paste belong to the returned original.
    subject: root.skippedLines === 0 ? fieldValue(root.headers, 'Subject') : null,
    reportingMta: withoutType(fieldValue(perMessage, 'Reporting-MTA')),
    arrivalDate: fieldValue(perMessage, 'Arrival-Date'),
    recipients,
    diagnoses,
    primary,
  };
}
