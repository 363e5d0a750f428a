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

const CLAUSES = ['from', 'by', 'via', 'with', 'id', 'for'] as const;
type Clause = (typeof CLAUSES)[number];

function isClause(word: string): word is Clause {
  return (CLAUSES as readonly string[]).includes(word.toLowerCase());
}

interface Token {
  readonly kind: 'word' | 'comment';
  readonly text: string;
}

/** Words and (possibly nested) comments, outside-in. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let depth = 0;
  let buffer = '';
  const flushWord = (): void => {
    for (const word of buffer.split(/\s+/)) if (word !== '') tokens.push({ kind: 'word', text: word });
    buffer = '';
  };
  let comment = '';
  for (const ch of text) {
    if (ch === '(') {
      if (depth === 0) flushWord();
      else comment += ch;
      depth += 1;
    } else if (ch === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        tokens.push({ kind: 'comment', text: comment.trim() });
        comment = '';
      } else comment += ch;
    } else if (depth > 0) comment += ch;
    else buffer += ch;
  }
  if (depth > 0) tokens.push({ kind: 'comment', text: comment.trim() });
  flushWord();
  return tokens;
}

/** Splits "clauses; date" at the last semicolon outside comments. */
function splitDate(value: string): { readonly clauses: string; readonly dateText: string | null } {
  let depth = 0;
  let last = -1;
  for (let i = 0; i < value.length; i += 1) {
    const ch = value[i];
    if (ch === '(') depth += 1;
    else if (ch === ')' && depth > 0) depth -= 1;
    else if (ch === ';' && depth === 0) last = i;
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

export function parseReceivedClauses(text: string): ReceivedClauses {
  const values: Record<Clause, string[]> = { from: [], by: [], via: [], with: [], id: [], for: [] };
  const clauseComments: Record<Clause, string[]> = { from: [], by: [], via: [], with: [], id: [], for: [] };
  const comments: string[] = [];
  let current: Clause | null = null;
  for (const token of tokenize(text)) {
    if (token.kind === 'comment') {
      comments.push(token.text);
      if (current !== null) clauseComments[current].push(token.text);
    } else if (isClause(token.text) && (current === null || values[current].length > 0)) {
      current = token.text.toLowerCase() as Clause;
    } else if (current !== null) {
      values[current].push(token.text);
    }
  }
  const join = (clause: Clause): string | null => {
    const joined = values[clause].join(' ').trim();
    return joined === '' ? null : joined;
  };
  const fromAddress = addressIn(clauseComments.from) ?? (/^\[(?:IPv6:)?([0-9a-fA-F:.]+)\]$/.exec(join('from') ?? '')?.[1] ?? null);
  return {
    from: join('from'),
    fromAddress,
    by: join('by'),
    via: join('via'),
    with: join('with'),
    id: join('id'),
    for: join('for')?.replace(/^<|>$/g, '') ?? null,
    comments,
  };
}

function normaliseProtocol(raw: string): string {
  const match = /^TLS\s*_?(\d)(?:[._](\d))?$/i.exec(raw.replace(/^TLSv/i, 'TLS'));
  if (match !== null) return `TLS ${match[1] ?? ''}.${match[2] ?? '0'}`;
  const ssl = /^SSLv?(\d)$/i.exec(raw);
  return ssl !== null ? `SSL ${ssl[1] ?? ''}` : raw;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

/** What the header records about TLS for this hop. */
export function detectTls(clauses: ReceivedClauses, raw: string): HopTls {
  const protocolPatterns = [
    /\busing\s+(TLSv?1(?:\.\d)?|SSLv\d)\s+with\s+cipher\s+([A-Za-z0-9_-]+)/i,
    /\bversion=(TLS1_\d|TLSv1(?:\.\d)?|SSLv\d)[,\s]+cipher=([A-Za-z0-9_-]+)/i,
  ];
  for (const pattern of protocolPatterns) {
    const match = pattern.exec(raw);
    if (match !== null) {
      return { status: 'tls', protocol: normaliseProtocol(match[1] ?? ''), cipher: match[2] ?? null, evidence: match[0] };
    }
  }
  const protocol = clauses.with ?? '';
  const word = protocol.split(/\s+/)[0]?.toUpperCase() ?? '';
  const fromLocal = clauses.fromAddress !== null && LOOPBACK.test(clauses.fromAddress);
  if (/^(ESMTPS|ESMTPSA|SMTPS|UTF8SMTPS|UTF8SMTPSA|ESMTPTLS|LMTPS|HTTPS)$/.test(word)) {
    return { status: 'tls', protocol: null, cipher: null, evidence: `with ${word}` };
  }
  // No "from" clause: a hand-off inside one system (e.g. Google's internal "by 2002:... with SMTP").
  if (/^(LMTP|LMTPA|MAPI|LOCAL)$/.test(word) || /^localhost\b/i.test(clauses.from ?? '') || fromLocal || clauses.from === null) {
    return { status: 'local', protocol: null, cipher: null, evidence: word === '' ? 'loopback' : `with ${word}` };
  }
  if (/^(SMTP|ESMTP|ESMTPA|UTF8SMTP|UTF8SMTPA)$/.test(word) || /^Microsoft SMTP Server\b/i.test(protocol)) {
    return { status: 'plain', protocol: null, cipher: null, evidence: `with ${protocol}` };
  }
  return { status: 'unknown', protocol: null, cipher: null, evidence: null };
}

/** Reads one Received header value (already unfolded). */
export function parseReceived(value: string): ReceivedHeader {
  const { clauses: clauseText, dateText } = splitDate(value);
  const clauses = parseReceivedClauses(clauseText);
  return {
    ...clauses,
    dateText,
    date: dateText === null ? null : parseMailDate(dateText),
    tls: detectTls(clauses, value),
    raw: value,
  };
}
