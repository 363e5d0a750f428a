/**
 * Authentication-Results (RFC 8601), ARC-Authentication-Results (RFC 8617) and Received-SPF
 * (RFC 7208 section 9.1) read into method results. Microsoft writes Authentication-Results
 * without the authserv-id, so a first segment holding "method=result" is a result, not an id.
 */

export type AuthSource = 'Authentication-Results' | 'ARC-Authentication-Results' | 'Received-SPF';

export interface AuthResult {
  /** Lower-case method, e.g. "spf", "dkim", "dmarc", "compauth", "arc". */
  readonly method: string;
  /** Lower-case result, e.g. "pass", "fail", "softfail", "none", "temperror". */
  readonly result: string;
  /** Properties such as "smtp.mailfrom", "header.d", "header.from", "action", "reason", "client-ip". */
  readonly properties: Readonly<Record<string, string>>;
  /** Comments the verifier added, e.g. "sender IP is 198.51.100.7". */
  readonly comments: readonly string[];
  readonly source: AuthSource;
  /** Who verified, when the header names it. */
  readonly authservId: string | null;
  /** Index of the header among all fields (0 = topmost, the newest). */
  readonly fieldIndex: number;
}

/** Splits on `separator` outside quotes and comments. */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of text) {
    if (ch === '"' && depth === 0) quoted = !quoted;
    else if (!quoted && ch === '(') depth += 1;
    else if (!quoted && ch === ')' && depth > 0) depth -= 1;
    if (ch === separator && depth === 0 && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Separates comments from the rest, and the rest into tokens (quoted strings kept whole). */
function readSegment(segment: string): { readonly tokens: string[]; readonly comments: string[] } {
  const comments: string[] = [];
  let depth = 0;
  let quoted = false;
  let comment = '';
  let rest = '';
  for (const ch of segment) {
    if (depth === 0 && ch === '"') {
      quoted = !quoted;
      rest += ch;
    } else if (!quoted && ch === '(') {
      if (depth > 0) comment += ch;
      depth += 1;
    } else if (!quoted && ch === ')' && depth > 0) {
      depth -= 1;
      if (depth === 0) {
        comments.push(comment.trim());
        comment = '';
      } else comment += ch;
    } else if (depth > 0) comment += ch;
    else rest += ch === '\t' ? ' ' : ch;
  }
  const tokens = [...rest.matchAll(/[^\s=]+\s*=\s*"[^"]*"|[^\s"]+/g)].map((m) => m[0].replace(/\s*=\s*/, '='));
  return { tokens, comments };
}

function unquote(value: string): string {
  return value.replace(/^"|"$/g, '');
}

function resultFromSegment(segment: string, source: AuthSource, authservId: string | null, fieldIndex: number): AuthResult | null {
  const { tokens, comments } = readSegment(segment);
  const [first, ...rest] = tokens;
  const match = first === undefined ? null : /^([A-Za-z0-9_-]+)=([A-Za-z0-9_-]+)$/.exec(first);
  if (match === null) return null;
  const properties: Record<string, string> = {};
  for (const token of rest) {
    const eq = token.indexOf('=');
    if (eq > 0) properties[token.slice(0, eq).toLowerCase()] = unquote(token.slice(eq + 1));
  }
  return {
    method: (match[1] ?? '').toLowerCase(),
    result: (match[2] ?? '').toLowerCase(),
    properties,
    comments,
    source,
    authservId,
    fieldIndex,
  };
}

/** Reads an Authentication-Results or ARC-Authentication-Results value. */
export function parseAuthenticationResults(value: string, source: AuthSource, fieldIndex: number): AuthResult[] {
  const segments = splitOutside(value, ';');
  if (source === 'ARC-Authentication-Results' && /^i\s*=\s*\d+$/.test(segments[0] ?? '')) segments.shift();
  let authservId: string | null = null;
  const head = segments[0];
  if (head !== undefined && !/^[A-Za-z0-9_-]+\s*=/.test(head)) {
    authservId = readSegment(head).tokens[0] ?? null;
    segments.shift();
  }
  return segments
    .map((segment) => resultFromSegment(segment, source, authservId, fieldIndex))
    .filter((r): r is AuthResult => r !== null && r.method !== 'none');
}

/** Reads a Received-SPF value: "Pass (comment) key=value; key=value". */
export function parseReceivedSpf(value: string, fieldIndex: number): AuthResult | null {
  const { tokens, comments } = readSegment(value.replace(/;/g, ' '));
  const [result, ...rest] = tokens;
  if (result === undefined || !/^[A-Za-z]+$/.test(result)) return null;
  const properties: Record<string, string> = {};
  for (const token of rest) {
    const eq = token.indexOf('=');
    if (eq > 0) properties[token.slice(0, eq).toLowerCase()] = unquote(token.slice(eq + 1));
  }
  return {
    method: 'spf',
    result: result.toLowerCase(),
    properties,
    comments,
    source: 'Received-SPF',
    authservId: properties.receiver ?? null,
    fieldIndex,
  };
}
