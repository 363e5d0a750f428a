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
 * Where a field line's name ends and its colon is (RFC 5322 field-name: printable ASCII except
 * ":", then optional blanks, then ":"), or null when the line is not a field. A character scan,
 * not a regular expression: it runs once per line of inputs that can hold millions of lines.
 */
function fieldShape(line: string): { readonly nameEnd: number; readonly colon: number } | null {
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code < 33 || code > 126 || code === 58) break;
    i += 1;
  }
  const nameEnd = i;
  if (nameEnd === 0) return null;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i += 1;
  return line.charCodeAt(i) === 58 ? { nameEnd, colon: i } : null;
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

function isFieldLine(line: string): boolean {
  return fieldShape(line) !== null;
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

function isTypicalStart(line: string): boolean {
  const shape = fieldShape(line);
  if (shape === null) return false;
  const name = line.slice(0, shape.nameEnd).toLowerCase();
  return TYPICAL_FIRST_FIELDS.has(name) || name.startsWith('x-');
}

/** Index of the line where the header block starts, or -1 when there is none. */
function findStart(lines: readonly string[]): number {
  let firstField = -1;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (isTypicalStart(line)) return i;
    if (firstField < 0 && isFieldLine(line)) firstField = i;
  }
  return firstField;
}

/**
 * Reads the header block at the start of `text`. With `skipJunk` (pasted input), lines before the
 * first plausible field are skipped; without it (a MIME part), the block must start at once.
 */
export function readHeaderBlock(text: string, options: { readonly skipJunk: boolean }): HeaderBlock {
  const lines = splitLines(text.replace(/^\uFEFF/, ''));
  const start = options.skipJunk ? findStart(lines) : 0;
  if (start < 0) return { fields: [], skippedLines: lines.length, body: '' };

  const fields: HeaderField[] = [];
  let current: { name: string; parts: string[]; line: number } | null = null;
  const flush = (): void => {
    if (current !== null) {
      const joined = current.parts.length === 1 ? (current.parts[0] ?? '') : current.parts.join(' ');
      fields.push({ name: current.name, value: NEEDS_SQUEEZE.test(joined) ? joined.replace(/\s+/g, ' ').trim() : joined, line: current.line });
      current = null;
    }
  };

  let i = start;
  for (; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (!NOT_BLANK.test(line)) break;
    const first = line.charCodeAt(0);
    if (first === 32 || first === 9) {
      if (current !== null) current.parts.push(line.trim());
      continue;
    }
    const shape = fieldShape(line);
    if (shape === null) {
      // Not a field and not a continuation: the header block ended without a blank line.
      i -= 1;
      break;
    }
    flush();
    current = { name: line.slice(0, shape.nameEnd), parts: [line.slice(shape.colon + 1).trim()], line: i + 1 };
  }
  flush();
  const body = lines.slice(i + 1).join('\n');
  return { fields, skippedLines: start, body };
}

/** All values of a field, case-insensitive, in order of appearance. */
export function fieldValues(fields: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === wanted).map((f) => f.value);
}

/** The first value of a field, or null. */
export function fieldValue(fields: readonly HeaderField[], name: string): string | null {
  return fieldValues(fields, name)[0] ?? null;
}
