/**
 * RFC 5322 header block reading, tolerant of what people paste: CRLF or LF, folded lines, a
 * missing body, and junk (a mail client's "View source" banner, an mbox "From " line, a note)
 * before the first header field.
 */

export interface HeaderField {
  /** Field name as written (case kept), e.g. "Received". */
  readonly name: string;
  /** Unfolded value, trimmed: continuation lines joined with one space. */
  readonly value: string;
  /** 1-based line in the input where the field starts, to point people at it. */
  readonly line: number;
}

export interface HeaderBlock {
  /** Fields in the order they appear (for Received: newest first). */
  readonly fields: readonly HeaderField[];
  /** Lines skipped before the first field (junk, banners). */
  readonly skippedLines: number;
  /** Everything after the blank line that ends the header block ('' when there is none). */
  readonly body: string;
}

/**
 * Where the field line text[start, end) has its name end and its colon (RFC 5322 field-name:
 * printable ASCII except ":", then optional blanks, then ":"), or null when it is not a field.
 * A character scan over indices, not a regular expression on a copy: it runs once per line of
 * inputs that can hold millions of lines.
 */
function fieldShape(text: string, start: number, end: number): { readonly nameEnd: number; readonly colon: number } | null {
  let i = start;
  while (i < end) {
    const code = text.charCodeAt(i);
    if (code < 33 || code > 126 || code === 58) break;
    i += 1;
  }
  const nameEnd = i;
  if (nameEnd === start) return null;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i += 1;
  return i < end && text.charCodeAt(i) === 58 ? { nameEnd, colon: i } : null;
}
/** Runs of whitespace or tabs left in an unfolded value (the parts are trimmed already). */
const NEEDS_SQUEEZE = /\s\s|[\t\r\n\f\v]/;
const NOT_BLANK = /\S/;

/** Names that make us confident a line starts the real header block rather than a pasted note. */
const TYPICAL_FIRST_FIELDS = new Set([
  'received', 'return-path', 'delivered-to', 'x-received', 'arc-seal', 'arc-message-signature',
  'arc-authentication-results', 'authentication-results', 'dkim-signature', 'from', 'to', 'subject',
  'date', 'message-id', 'mime-version', 'content-type', 'received-spf', 'x-original-to',
  'reporting-mta', 'final-recipient', 'original-recipient', 'action', 'status',
]);

/** Splits text into lines, accepting CRLF, LF and lone CR. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\n|\r/);
}

/**
 * Where lines end, found with the native indexOf (much faster than a character loop on inputs of
 * many megabytes). The next CR and the next LF are remembered, so each is searched for once.
 */
class LineEnds {
  private lf = -1;
  private cr = -1;

  constructor(private readonly text: string) {}

  /** The index of the CR or LF that ends the line starting at `from`, or the text's length. */
  after(from: number): number {
    if (this.lf < from) {
      const found = this.text.indexOf('\n', from);
      this.lf = found < 0 ? this.text.length : found;
    }
    if (this.cr < from) {
      const found = this.text.indexOf('\r', from);
      this.cr = found < 0 ? this.text.length : found;
    }
    return Math.min(this.lf, this.cr);
  }
}

/** Where the next line starts, after a line that ends (CR, LF or CRLF) at `end` < text.length. */
function nextLineStart(text: string, end: number): number {
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/** Whether text[start, end) holds only whitespace (as /\S/ sees it), without copying it. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 128 ? !(code === 32 || (code >= 9 && code <= 13)) : NOT_BLANK.test(text.charAt(i))) return false;
  }
  return true;
}

/**
 * Whether a field name is `lower` (given in lower case), ignoring ASCII case. Field names are
 * printable ASCII, and this runs for every field of inputs that can hold 100,000 of them, so it
 * compares characters instead of allocating a lower-case copy.
 */
export function nameIs(name: string, lower: string): boolean {
  return name.length === lower.length && nameStartsWith(name, lower);
}

/** Whether a field name starts with `lowerPrefix` (given in lower case), ignoring ASCII case. */
export function nameStartsWith(name: string, lowerPrefix: string): boolean {
  if (name.length < lowerPrefix.length) return false;
  for (let i = 0; i < lowerPrefix.length; i += 1) {
    const code = name.charCodeAt(i);
    if ((code >= 65 && code <= 90 ? code + 32 : code) !== lowerPrefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * text[start, end) in lower case, one byte per character, packed into a number (at most 4
 * characters), or -1 when a character is not ASCII or lies past the end. A key for matching short
 * words (clause keywords, month and weekday names) ignoring case, without copying them.
 */
export function packedLowerAscii(text: string, start: number, end: number): number {
  let packed = 0;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (!(code < 128)) return -1;
    // For ASCII, setting bit 0x20 lower-cases a letter and never turns another character into a letter.
    packed = packed * 256 + (code | 0x20);
  }
  return packed;
}

/** Other RFC 5322 / MIME / list fields: with the typical ones, what makes a block a message's headers. */
const OTHER_MESSAGE_FIELDS = new Set([
  'cc', 'bcc', 'reply-to', 'sender', 'in-reply-to', 'references', 'content-transfer-encoding', 'thread-topic',
  'thread-index', 'importance', 'priority', 'x-priority', 'list-id', 'list-unsubscribe', 'precedence', 'auto-submitted',
  'accept-language', 'content-language', 'resent-from', 'resent-to', 'resent-date', 'envelope-to', 'x-failed-recipients',
]);

/** Whether a field name is one a mail message's header block holds (so the text is headers, not a note with a colon). */
export function isMessageFieldName(name: string): boolean {
  const lower = name.toLowerCase();
  return TYPICAL_FIRST_FIELDS.has(lower) || OTHER_MESSAGE_FIELDS.has(lower) || lower.startsWith('x-') || lower.startsWith('arc-') || lower.startsWith('list-');
}

/** Where the header block starts (its offset and 0-based line), and how many lines the text has. */
interface BlockStart {
  readonly offset: number;
  readonly line: number;
  readonly lineCount: number;
}

/** The first line that typically starts headers, else the first field line; offset -1 when there is none. */
function findStart(text: string): BlockStart {
  let firstField: { offset: number; line: number } | null = null;
  const ends = new LineEnds(text);
  let line = 0;
  for (let offset = 0; ; line += 1) {
    const end = ends.after(offset);
    const shape = fieldShape(text, offset, end);
    if (shape !== null) {
      const name = text.slice(offset, shape.nameEnd).toLowerCase();
      if (TYPICAL_FIRST_FIELDS.has(name) || name.startsWith('x-')) return { offset, line, lineCount: -1 };
      firstField ??= { offset, line };
    }
    if (end >= text.length) break;
    offset = nextLineStart(text, end);
  }
  return firstField === null ? { offset: -1, line: -1, lineCount: line + 1 } : { ...firstField, lineCount: -1 };
}

/**
 * Reads the header block at the start of `text`. With `skipJunk` (pasted input), lines before the
 * first plausible field are skipped; without it (a MIME part), the block must start at once.
 * Walks the text by index (no array of lines): pasted headers can hold millions of lines.
 */
export function readHeaderBlock(input: string, options: { readonly skipJunk: boolean }): HeaderBlock {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start: BlockStart = options.skipJunk ? findStart(text) : { offset: 0, line: 0, lineCount: -1 };
  if (start.offset < 0) return { fields: [], skippedLines: start.lineCount, body: '' };

  const fields: HeaderField[] = [];
  /** The field being read: its first line's value, and every line's once it is folded. */
  let current: { name: string; first: string; parts: string[] | null; line: number } | null = null;
  const flush = (): void => {
    if (current !== null) {
      // join makes one flat string; adding the parts one by one would keep a tree of them.
      const value = current.parts === null ? current.first : current.parts.join(' ');
      fields.push({ name: current.name, value: NEEDS_SQUEEZE.test(value) ? value.replace(/\s+/g, ' ').trim() : value, line: current.line });
      current = null;
    }
  };

  /** Where the body starts; -1: the text ends inside the header block or right after the blank line. */
  let bodyStart = -1;
  let previousName = '';
  const ends = new LineEnds(text);
  for (let offset = start.offset, line = start.line; ; line += 1) {
    const end = ends.after(offset);
    if (isBlank(text, offset, end)) {
      bodyStart = end < text.length ? nextLineStart(text, end) : -1;
      break;
    }
    const first = text.charCodeAt(offset);
    if (first === 32 || first === 9) {
      if (current !== null) (current.parts ??= [current.first]).push(text.slice(offset, end).trim());
    } else {
      const shape = fieldShape(text, offset, end);
      if (shape === null) {
        // Not a field and not a continuation: the header block ended without a blank line.
        bodyStart = offset;
        break;
      }
      flush();
      // Runs of one field (100,000 Received lines) share one name string instead of a copy each.
      const sameName = previousName.length === shape.nameEnd - offset && text.startsWith(previousName, offset);
      previousName = sameName ? previousName : text.slice(offset, shape.nameEnd);
      current = { name: previousName, first: text.slice(shape.colon + 1, end).trim(), parts: null, line: line + 1 };
    }
    if (end >= text.length) break;
    offset = nextLineStart(text, end);
  }
  flush();
  const body = bodyStart < 0 ? '' : text.slice(bodyStart).replace(/\r\n?/g, '\n');
  return { fields, skippedLines: start.line, body };
}

/** All values of a field, case-insensitive, in order of appearance. */
export function fieldValues(fields: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const field of fields) if (nameIs(field.name, wanted)) values.push(field.value);
  return values;
}

/** The first value of a field, or null. */
export function fieldValue(fields: readonly HeaderField[], name: string): string | null {
  const wanted = name.toLowerCase();
  return fields.find((field) => nameIs(field.name, wanted))?.value ?? null;
}
