/**
 * Just enough MIME (RFC 2045/2046) to read a bounce: nested multiparts, base64 and
 * quoted-printable text, and message/delivery-status parts (RFC 3464). Anything we cannot decode
 * is kept as raw text rather than dropped, so codes in it can still be found.
 */
import { readHeaderBlock, fieldValue } from '../headers/header-block.js';
import type { HeaderField } from '../headers/header-block.js';

export interface MimePart {
  /** Lower-case "type/subtype"; "text/plain" when absent, as RFC 2045 says. */
  readonly contentType: string;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: readonly HeaderField[];
  /** The decoded body (for multiparts: the preamble). */
  readonly text: string;
  readonly children: readonly MimePart[];
  /** Lines skipped before the header block (pasted junk); 0 when the headers start the text. */
  readonly skippedLines: number;
}

/** Parses "type/subtype; a=b; c=\"d\"". */
export function parseContentType(value: string | null): { readonly type: string; readonly params: Readonly<Record<string, string>> } {
  if (value === null) return { type: 'text/plain', params: {} };
  const pieces = [...value.matchAll(/(?:[^;"]|"[^"]*")+/g)].map((m) => m[0].trim());
  const type = (pieces.shift() ?? 'text/plain').toLowerCase();
  const params: Record<string, string> = {};
  for (const piece of pieces) {
    const eq = piece.indexOf('=');
    if (eq > 0) params[piece.slice(0, eq).trim().toLowerCase()] = piece.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { type, params };
}

function charsetOf(params: Readonly<Record<string, string>>): BufferEncoding {
  const charset = (params.charset ?? 'utf-8').toLowerCase();
  return /^(iso-8859-1|latin1|windows-1252|us-ascii)$/.test(charset) ? 'latin1' : 'utf8';
}

function decodeQuotedPrintable(text: string, encoding: BufferEncoding): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const ch = joined[i] ?? '';
    const hex = joined.slice(i + 1, i + 3);
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
    }
  }
  return Buffer.from(bytes).toString(encoding);
}

function decodeBody(body: string, transferEncoding: string | null, params: Readonly<Record<string, string>>): string {
  const encoding = (transferEncoding ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') {
    const compact = body.replace(/[^A-Za-z0-9+/=]/g, '');
    return Buffer.from(compact, 'base64').toString(charsetOf(params));
  }
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body, charsetOf(params));
  return body;
}

function splitMultipart(body: string, boundary: string): { readonly preamble: string; readonly parts: string[] } {
  const lines = body.split(/\r\n|\n|\r/);
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const preamble: string[] = [];
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current !== null) parts.push(current.join('\n'));
      if (trimmed.endsWith('--') && trimmed !== delimiter) return { preamble: preamble.join('\n'), parts };
      current = [];
    } else if (current === null) preamble.push(line);
    else current.push(line);
  }
  if (current !== null) parts.push(current.join('\n'));
  return { preamble: preamble.join('\n'), parts };
}

/** Reads a message (or one MIME part of it) into a tree of parts. */
export function parseMime(text: string, options: { readonly skipJunk: boolean }, depth = 0): MimePart {
  const block = readHeaderBlock(text, { skipJunk: options.skipJunk });
  const { type, params } = parseContentType(fieldValue(block.fields, 'Content-Type'));
  const boundary = params.boundary;
  if (type.startsWith('multipart/') && boundary !== undefined && depth < 8) {
    const { preamble, parts } = splitMultipart(block.body, boundary);
    return {
      contentType: type,
      params,
      headers: block.fields,
      text: preamble,
      children: parts.map((part) => parseMime(part, { skipJunk: false }, depth + 1)),
      skippedLines: block.skippedLines,
    };
  }
  const decoded = decodeBody(block.body, fieldValue(block.fields, 'Content-Transfer-Encoding'), params);
  const children = (type === 'message/rfc822' || type === 'message/global') && depth < 8 ? [parseMime(decoded, { skipJunk: false }, depth + 1)] : [];
  return { contentType: type, params, headers: block.fields, text: decoded, children, skippedLines: block.skippedLines };
}

/** Every part in document order (depth first). */
export function flattenParts(part: MimePart): MimePart[] {
  return [part, ...part.children.flatMap(flattenParts)];
}
