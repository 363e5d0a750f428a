/**
 * One Received header (RFC 5321 section 4.4) read into its clauses, its timestamp and what it
 * records about TLS. Comments in parentheses may contain clause words ("using TLSv1.3 with
 * cipher"), so clauses are only looked for outside comments.
 */
import { packedLowerAscii } from './header-block.js';
import { parseMailDate } from './mail-date.js';
import type { MailDate } from './mail-date.js';

/**
 * tls: the hop was encrypted; plain: SMTP without TLS; local: a hand-off inside one host (LMTP,
 * mapi, loopback), where TLS does not matter; unknown: the header does not say.
 */
export type HopTlsStatus = 'tls' | 'plain' | 'local' | 'unknown';

export interface HopTls {
  readonly status: HopTlsStatus;
  /** Normalised, e.g. "TLS 1.3"; null when not recorded. */
  readonly protocol: string | null;
  readonly cipher: string | null;
  /** The words in the header that tell us, quoted for the person reading the report. */
  readonly evidence: string | null;
}

export interface ReceivedClauses {
  readonly from: string | null;
  /** The connecting address recorded in the from comment ("[198.51.100.7]"), when present. */
  readonly fromAddress: string | null;
  readonly by: string | null;
  readonly via: string | null;
  readonly with: string | null;
  readonly id: string | null;
  readonly for: string | null;
  /** Every comment, in order, for display. */
  readonly comments: readonly string[];
}

export interface ReceivedHeader extends ReceivedClauses {
  readonly dateText: string | null;
  readonly date: MailDate | null;
  readonly tls: HopTls;
  readonly raw: string;
}

/** The clauses of RFC 5321's Received grammar, as indices into ClauseScan.values, in this order. */
const CLAUSES = ['from', 'by', 'via', 'with', 'id', 'for'] as const;
const FROM = 0;
const BY = 1;
const VIA = 2;
const WITH = 3;
const ID = 4;
const FOR = 5;

/** A clause keyword's letters, packed, to its index. */
const CLAUSE_BY_PACKED = new Map<number, number>(CLAUSES.map((name, index) => [packedLowerAscii(name, 0, name.length), index]));

/**
 * The index of the clause keyword text[start, end) names, ignoring ASCII case, or -1. Compares
 * packed character codes, copies nothing: it runs for every word of every hop.
 */
function clauseAt(text: string, start: number, end: number): number {
  if (end - start < 2 || end - start > 4) return -1;
  // -1 (not ASCII) is no key of the map.
  return CLAUSE_BY_PACKED.get(packedLowerAscii(text, start, end)) ?? -1;
}

/** The first word of a clause value (words are joined by single spaces). */
const FIRST_WORD = /^\S*/;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12 || code === 160;
}

function addressIn(comments: readonly string[]): string | null {
  for (const comment of comments) {
    const bracketed = /\[(?:IPv6:)?([0-9a-fA-F:.]+)\]/.exec(comment);
    if (bracketed?.[1] !== undefined) return bracketed[1];
  }
  for (const comment of comments) {
    const bare = /^(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7})$/.exec(comment.trim());
    if (bare?.[1] !== undefined) return bare[1];
  }
  return null;
}

/** Clause values as space-joined words ('' = absent), built while scanning. */
interface ClauseScan {
  /** Indexed like CLAUSES. */
  readonly values: string[];
  /** Comments inside the from clause, where the connecting address is recorded (null: none). */
  readonly fromComments: readonly string[] | null;
  readonly comments: readonly string[];
  /** The index of the clause read last (-1: none): where a date written without ";" ends up. */
  readonly last: number;
  /** The text after the last ";" outside comments, trimmed (null: no such ";" or nothing after it). */
  readonly dateText: string | null;
}

/** Records a finished comment; returns the from clause's comments (created on its first one). */
function addComment(text: string, clause: number, comments: string[], fromComments: string[] | null): string[] | null {
  const comment = text.trim();
  comments.push(comment);
  if (clause !== FROM) return fromComments;
  const list = fromComments ?? [];
  list.push(comment);
  return list;
}

/** The scan as it stood at a ";" outside comments: what the clauses are if that ";" is the last one. */
interface AtSemicolon {
  readonly at: number;
  readonly values: string[];
  readonly current: number;
  readonly comments: number;
  readonly fromComments: number;
}

/**
 * Reads "clauses; date" in one pass over the text: words and (possibly nested) comments
 * outside-in, each word routed to the clause it belongs to; the date is what follows the last ";"
 * outside comments, so the scan remembers its state at each such ";" and returns to the last one.
 * Linear and allocation-light (no closures, no copies of keywords): pasted headers can hold
 * hundreds of thousands of these.
 */
function scanClauses(text: string): ClauseScan {
  let values = ['', '', '', '', '', ''];
  let fromComments: string[] | null = null;
  let comments: string[] = [];
  let current = -1;
  let depth = 0;
  let wordStart = -1;
  let commentStart = 0;
  let semicolon: AtSemicolon | null = null;
  // The last ";" of all, when it lies outside comments, ends the clauses: the scan stops there.
  const lastSemicolon = text.lastIndexOf(';');
  let end = text.length;
  // One step past the end, read as a space, finishes the last word.
  for (let i = 0; i <= end; i += 1) {
    if (i === lastSemicolon && depth === 0) end = i;
    const code = i < end ? text.charCodeAt(i) : 32;
    if (depth > 0) {
      if (code === 40 /* ( */) depth += 1;
      else if (code === 41 /* ) */) {
        depth -= 1;
        if (depth === 0) fromComments = addComment(text.slice(commentStart, i), current, comments, fromComments);
      }
      continue;
    }
    const opensComment = code === 40;
    const isSemicolon = code === 59;
    if (opensComment || isSemicolon || isSpace(code)) {
      if (wordStart >= 0) {
        const clause = clauseAt(text, wordStart, i);
        if (clause >= 0 && (current < 0 || values[current] !== '')) current = clause;
        else if (current >= 0) {
          const token = text.slice(wordStart, i);
          values[current] = values[current] === '' ? token : `${values[current] ?? ''} ${token}`;
        }
        wordStart = -1;
      }
      if (opensComment) {
        depth = 1;
        commentStart = i + 1;
      } else if (isSemicolon) {
        semicolon = { at: i, values: values.slice(), current, comments: comments.length, fromComments: fromComments?.length ?? 0 };
      }
    } else if (wordStart < 0) wordStart = i;
  }
  if (depth > 0) fromComments = addComment(text.slice(commentStart), current, comments, fromComments);
  if (end === text.length && semicolon !== null) {
    // The last ";" lay inside a comment: the clauses end at the last one outside, as they stood then.
    ({ values, current } = semicolon);
    comments = comments.slice(0, semicolon.comments);
    fromComments = fromComments === null || semicolon.fromComments === 0 ? null : fromComments.slice(0, semicolon.fromComments);
    end = semicolon.at;
  }
  const dateText = end < text.length ? text.slice(end + 1).trim() : '';
  return { values, fromComments, comments, last: current, dateText: dateText === '' ? null : dateText };
}

/** A clause's value, or null when the header does not have it. */
function clauseValue(scan: ClauseScan, clause: number): string | null {
  const value = scan.values[clause] ?? '';
  return value === '' ? null : value;
}

/** The header from its scanned clauses, its date and what it says about TLS: one object per hop. */
function headerOf(scan: ClauseScan, dateText: string | null, date: MailDate | null, raw: string): ReceivedHeader {
  const from = clauseValue(scan, FROM);
  const fromAddress = (scan.fromComments === null ? null : addressIn(scan.fromComments)) ?? (from !== null && from.startsWith('[') ? (/^\[(?:IPv6:)?([0-9a-fA-F:.]+)\]$/.exec(from)?.[1] ?? null) : null);
  const withValue = clauseValue(scan, WITH);
  return {
    from,
    fromAddress,
    // Microsoft SMTPSVC writes "by host over TLS secured channel with ...": the words are not part of the name.
    by: clauseValue(scan, BY)?.replace(/\s+over TLS secured channel$/i, '') ?? null,
    via: clauseValue(scan, VIA),
    with: withValue,
    id: clauseValue(scan, ID),
    for: clauseValue(scan, FOR)?.replace(/^<|>$/g, '') ?? null,
    comments: scan.comments,
    dateText,
    date,
    tls: detectTls(from, fromAddress, withValue, raw),
    raw,
  };
}

/** A date has at most this many words ("Fri, 20 Apr 2018 23:01:06 -0400"). */
const MAX_DATE_WORDS = 7;

/**
 * Some servers write the date straight after the last clause, without ";" ("id 3AEL0Aab Fri, 20
 * Apr 2018 ..."): the longest tail of the last clause that reads as a date is the hop's date.
 */
function trailingDate(scan: ClauseScan): { readonly dateText: string; readonly date: MailDate } | null {
  if (scan.last < 0) return null;
  const words = (scan.values[scan.last] ?? '').split(' ');
  for (let start = Math.max(1, words.length - MAX_DATE_WORDS); start < words.length; start += 1) {
    const text = words.slice(start).join(' ');
    const date = parseMailDate(text);
    if (date !== null) {
      scan.values[scan.last] = words.slice(0, start).join(' ');
      return { dateText: text, date };
    }
  }
  return null;
}

/** Protocol names as headers write them ("TLSv1.3", "TLS1_2"), normalised once each. */
const PROTOCOL_NAMES = new Map<string, string>();

function normaliseProtocol(raw: string): string {
  const known = PROTOCOL_NAMES.get(raw);
  if (known !== undefined) return known;
  const name = readProtocol(raw);
  if (PROTOCOL_NAMES.size < 64) PROTOCOL_NAMES.set(raw, name);
  return name;
}

function readProtocol(raw: string): string {
  const match = /^TLS\s*_?(\d)(?:[._](\d))?$/i.exec(raw.replace(/^TLSv/i, 'TLS'));
  if (match !== null) return `TLS ${match[1] ?? ''}.${match[2] ?? '0'}`;
  const ssl = /^SSLv?(\d)$/i.exec(raw);
  return ssl !== null ? `SSL ${ssl[1] ?? ''}` : raw;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** Case-insensitive tests on the raw header, so that no lower-case copy of every hop is made. */
const MENTIONS_CIPHER = /cipher/i;
const MENTIONS_TLS1 = /tls1/i;
const SMTPSVC_TLS = /over tls secured channel/i;

const PROTOCOL_PATTERNS: readonly RegExp[] = [
  /\busing\s+(TLSv?1(?:\.\d)?|SSLv\d)\s+with\s+cipher\s+([A-Za-z0-9_-]+)/i,
  /\bversion=(TLS1_\d|TLSv1(?:\.\d)?|SSLv\d)[,\s]+cipher=([A-Za-z0-9_-]+)/i,
];

/** What the header records about TLS for this hop. */
function detectTls(from: string | null, fromAddress: string | null, withClause: string | null, raw: string): HopTls {
  if (MENTIONS_CIPHER.test(raw)) {
    for (const pattern of PROTOCOL_PATTERNS) {
      const match = pattern.exec(raw);
      if (match !== null) {
        return { status: 'tls', protocol: normaliseProtocol(match[1] ?? ''), cipher: match[2] ?? null, evidence: match[0] };
      }
    }
  }
  // Exim: "with esmtps (TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128)".
  const exim = MENTIONS_TLS1.test(raw) ? /\((TLS1(?:\.\d)?|TLSv1(?:\.\d)?):([A-Za-z0-9_-]+):\d+\)/i.exec(raw) : null;
  if (exim !== null) return { status: 'tls', protocol: normaliseProtocol(exim[1] ?? ''), cipher: exim[2] ?? null, evidence: exim[0] };
  const protocol = withClause ?? '';
  // Cisco Secure Email gateways write "with ESMTP/TLS/<cipher>" (or ESMTPS/TLS/...).
  const cisco = /^(E?SMTPS?A?)\/TLS(?:\/(\S+))?/i.exec(protocol);
  if (cisco !== null) return { status: 'tls', protocol: null, cipher: cisco[2] ?? null, evidence: `with ${cisco[0]}` };
  // Microsoft SMTPSVC (IIS, Exchange 2003): "by host over TLS secured channel with Microsoft SMTPSVC".
  if (SMTPSVC_TLS.test(raw)) return { status: 'tls', protocol: null, cipher: null, evidence: 'over TLS secured channel' };
  const word = (FIRST_WORD.exec(protocol)?.[0] ?? '').toUpperCase();
  const fromLocal = fromAddress !== null && LOOPBACK.test(fromAddress);
  if (/^(ESMTPS|ESMTPSA|SMTPS|UTF8SMTPS|UTF8SMTPSA|ESMTPTLS|LMTPS|HTTPS)$/.test(word)) {
    return { status: 'tls', protocol: null, cipher: null, evidence: `with ${word}` };
  }
  // No "from" clause: a hand-off inside one system (e.g. Google's internal "by 2002:... with SMTP").
  if (/^(LMTP|LMTPA|MAPI|LOCAL)$/.test(word) || /^localhost\b/i.test(from ?? '') || fromLocal || from === null) {
    return { status: 'local', protocol: null, cipher: null, evidence: word === '' ? 'loopback' : `with ${word}` };
  }
  if (/^(SMTP|ESMTP|ESMTPA|UTF8SMTP|UTF8SMTPA)$/.test(word) || /^Microsoft SMTP(?:SVC| Server)\b/i.test(protocol)) {
    return { status: 'plain', protocol: null, cipher: null, evidence: `with ${protocol}` };
  }
  return { status: 'unknown', protocol: null, cipher: null, evidence: null };
}

/** Reads one Received header value (already unfolded). */
export function parseReceived(value: string): ReceivedHeader {
  const scan = scanClauses(value);
  const trailing = scan.dateText === null ? trailingDate(scan) : null;
  if (trailing !== null) return headerOf(scan, trailing.dateText, trailing.date, value);
  return headerOf(scan, scan.dateText, scan.dateText === null ? null : parseMailDate(scan.dateText), value);
}
