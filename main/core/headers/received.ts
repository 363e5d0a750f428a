/**
 * One Received header (RFC 5321 section 4.4) read into its clauses, its timestamp and what it
 * records about TLS. Comments in parentheses may contain clause words ("using TLSv1.3 with
 * cipher"), so clauses are only looked for outside comments.
 */
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

type Clause = 'from' | 'by' | 'via' | 'with' | 'id' | 'for';

function isClause(word: string): word is Clause {
  if (word.length < 2 || word.length > 4) return false;
  const lower = word.toLowerCase();
  return lower === 'from' || lower === 'by' || lower === 'via' || lower === 'with' || lower === 'id' || lower === 'for';
}

const WHITESPACE = /\s+/;

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 11 || code === 12 || code === 160;
}

/** Splits "clauses; date" at the last semicolon outside comments. */
function splitDate(value: string): { readonly clauses: string; readonly dateText: string | null } {
  let last = -1;
  if (!value.includes('(')) {
    last = value.lastIndexOf(';');
  } else {
    let depth = 0;
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i);
      if (code === 40) depth += 1;
      else if (code === 41 && depth > 0) depth -= 1;
      else if (code === 59 && depth === 0) last = i;
    }
  }
  if (last < 0) return { clauses: value, dateText: null };
  const dateText = value.slice(last + 1).trim();
  return { clauses: value.slice(0, last).replace(/;/g, ' '), dateText: dateText === '' ? null : dateText };
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
  readonly values: Record<Clause, string>;
  /** Comments inside the from clause, where the connecting address is recorded (null: none). */
  readonly fromComments: readonly string[] | null;
  readonly comments: readonly string[];
  /** The clause read last: where a date written without ";" ends up. */
  readonly last: Clause | null;
}

/**
 * Reads words and (possibly nested) comments outside-in in one pass over the text, routing each
 * word to the clause it belongs to. Linear and allocation-light: pasted headers can hold
 * hundreds of thousands of these.
 */
function scanClauses(text: string): ClauseScan {
  const values: Record<Clause, string> = { from: '', by: '', via: '', with: '', id: '', for: '' };
  let fromComments: string[] | null = null;
  const comments: string[] = [];
  let current: Clause | null = null;
  const word = (start: number, end: number): void => {
    const token = text.slice(start, end);
    if (isClause(token) && (current === null || values[current] !== '')) current = token.toLowerCase() as Clause;
    else if (current !== null) values[current] = values[current] === '' ? token : `${values[current]} ${token}`;
  };
  const comment = (token: string): void => {
    comments.push(token);
    if (current === 'from') (fromComments ??= []).push(token);
  };
  let depth = 0;
  let wordStart = -1;
  let commentStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (depth > 0) {
      if (code === 40 /* ( */) depth += 1;
      else if (code === 41 /* ) */) {
        depth -= 1;
        if (depth === 0) comment(text.slice(commentStart, i).trim());
      }
    } else if (code === 40) {
      if (wordStart >= 0) word(wordStart, i);
      wordStart = -1;
      depth = 1;
      commentStart = i + 1;
    } else if (isSpace(code)) {
      if (wordStart >= 0) word(wordStart, i);
      wordStart = -1;
    } else if (wordStart < 0) wordStart = i;
  }
  if (depth > 0) comment(text.slice(commentStart).trim());
  else if (wordStart >= 0) word(wordStart, text.length);
  return { values, fromComments, comments, last: current };
}

/** The header from its scanned clauses, its date and what it says about TLS: one object per hop. */
function headerOf(scan: ClauseScan, dateText: string | null, date: MailDate | null, raw: string): ReceivedHeader {
  const value = (clause: Clause): string | null => (scan.values[clause] === '' ? null : scan.values[clause]);
  const from = value('from');
  const fromAddress = (scan.fromComments === null ? null : addressIn(scan.fromComments)) ?? (from !== null && from.startsWith('[') ? (/^\[(?:IPv6:)?([0-9a-fA-F:.]+)\]$/.exec(from)?.[1] ?? null) : null);
  const withValue = value('with');
  return {
    from,
    fromAddress,
    // Microsoft SMTPSVC writes "by host over TLS secured channel with ...": the words are not part of the name.
    by: value('by')?.replace(/\s+over TLS secured channel$/i, '') ?? null,
    via: value('via'),
    with: withValue,
    id: value('id'),
    for: value('for')?.replace(/^<|>$/g, '') ?? null,
    comments: scan.comments,
    dateText,
    date,
    tls: detectTls(from, fromAddress, withValue, raw),
    raw,
  };
}

export function parseReceivedClauses(text: string): ReceivedClauses {
  return headerOf(scanClauses(text), null, null, text);
}

/** A date has at most this many words ("Fri, 20 Apr 2018 23:01:06 -0400"). */
const MAX_DATE_WORDS = 7;

/**
 * Some servers write the date straight after the last clause, without ";" ("id 3AEL0Aab Fri, 20
 * Apr 2018 ..."): the longest tail of the last clause that reads as a date is the hop's date.
 */
function trailingDate(scan: ClauseScan): { readonly dateText: string; readonly date: MailDate } | null {
  if (scan.last === null) return null;
  const words = scan.values[scan.last].split(' ');
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

function normaliseProtocol(raw: string): string {
  const match = /^TLS\s*_?(\d)(?:[._](\d))?$/i.exec(raw.replace(/^TLSv/i, 'TLS'));
  if (match !== null) return `TLS ${match[1] ?? ''}.${match[2] ?? '0'}`;
  const ssl = /^SSLv?(\d)$/i.exec(raw);
  return ssl !== null ? `SSL ${ssl[1] ?? ''}` : raw;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

const PROTOCOL_PATTERNS: readonly RegExp[] = [
  /\busing\s+(TLSv?1(?:\.\d)?|SSLv\d)\s+with\s+cipher\s+([A-Za-z0-9_-]+)/i,
  /\bversion=(TLS1_\d|TLSv1(?:\.\d)?|SSLv\d)[,\s]+cipher=([A-Za-z0-9_-]+)/i,
];

/** What the header records about TLS for this hop. */
export function detectTls(from: string | null, fromAddress: string | null, withClause: string | null, raw: string): HopTls {
  const lower = raw.toLowerCase();
  if (lower.includes('cipher')) {
    for (const pattern of PROTOCOL_PATTERNS) {
      const match = pattern.exec(raw);
      if (match !== null) {
        return { status: 'tls', protocol: normaliseProtocol(match[1] ?? ''), cipher: match[2] ?? null, evidence: match[0] };
      }
    }
  }
  // Exim: "with esmtps (TLS1.2:ECDHE_RSA_AES_128_GCM_SHA256:128)".
  const exim = lower.includes('tls1') ? /\((TLS1(?:\.\d)?|TLSv1(?:\.\d)?):([A-Za-z0-9_-]+):\d+\)/i.exec(raw) : null;
  if (exim !== null) return { status: 'tls', protocol: normaliseProtocol(exim[1] ?? ''), cipher: exim[2] ?? null, evidence: exim[0] };
  const protocol = withClause ?? '';
  // Cisco Secure Email gateways write "with ESMTP/TLS/<cipher>" (or ESMTPS/TLS/...).
  const cisco = /^(E?SMTPS?A?)\/TLS(?:\/(\S+))?/i.exec(protocol);
  if (cisco !== null) return { status: 'tls', protocol: null, cipher: cisco[2] ?? null, evidence: `with ${cisco[0]}` };
  // Microsoft SMTPSVC (IIS, Exchange 2003): "by host over TLS secured channel with Microsoft SMTPSVC".
  if (lower.includes('over tls secured channel')) return { status: 'tls', protocol: null, cipher: null, evidence: 'over TLS secured channel' };
  const word = protocol.split(WHITESPACE)[0]?.toUpperCase() ?? '';
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
  const split = splitDate(value);
  const scan = scanClauses(split.clauses);
  const trailing = split.dateText === null ? trailingDate(scan) : null;
  if (trailing !== null) return headerOf(scan, trailing.dateText, trailing.date, value);
  return headerOf(scan, split.dateText, split.dateText === null ? null : parseMailDate(split.dateText), value);
}
