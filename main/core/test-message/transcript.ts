/**
 * The SMTP conversation of a test message, as a person may see it: commands and replies, never
 * the message data and never a credential. nodemailer already masks its own AUTH lines; this
 * recorder does not rely on that and blanks every client line of an AUTH exchange itself, then
 * scrubs any known secret from whatever is left (a server may echo what it was sent).
 */

export type TranscriptDirection = 'client' | 'server';

export interface TranscriptLine {
  readonly direction: TranscriptDirection;
  readonly text: string;
}

export const REDACTED = '[redacted]';

/** Enough for a whole session with a few recipients; a hostile server cannot grow it further. */
export const MAX_TRANSCRIPT_LINES = 200;
export const MAX_TRANSCRIPT_LINE_LENGTH = 1_000;

/**
 * Replaces every occurrence of the given secrets (and their base64 forms, as AUTH sends them) with
 * a marker. Empty secrets are ignored.
 */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret === '') continue;
    for (const form of [secret, Buffer.from(secret, 'utf8').toString('base64')]) {
      result = result.split(form).join(REDACTED);
    }
  }
  return result;
}

/** The part of nodemailer's logger interface the recorder serves: bunyan style, entry first. */
export type LogMethod = (entry: unknown, message?: unknown, ...formatArgs: readonly unknown[]) => void;

export interface TranscriptLogger {
  readonly trace: LogMethod;
  readonly debug: LogMethod;
  readonly info: LogMethod;
  readonly warn: LogMethod;
  readonly error: LogMethod;
  readonly fatal: LogMethod;
}

function directionOf(entry: unknown): TranscriptDirection | null {
  if (typeof entry !== 'object' || entry === null || !('tnx' in entry)) return null;
  const { tnx } = entry;
  return tnx === 'client' || tnx === 'server' ? tnx : null;
}

/** Collects the transcript from nodemailer's transaction log; everything else it logs is dropped. */
export class TranscriptRecorder {
  private readonly recorded: TranscriptLine[] = [];
  private inAuthExchange = false;
  private truncated = false;

  constructor(private readonly secrets: readonly string[]) {}

  /** A logger to hand to nodemailer (with `transactionLog: true`, never `debug`). */
  logger(): TranscriptLogger {
    const record: LogMethod = (entry, message) => {
      const direction = directionOf(entry);
      if (direction !== null && typeof message === 'string') this.add(direction, message);
    };
    return { trace: record, debug: record, info: record, warn: record, error: record, fatal: record };
  }

  add(direction: TranscriptDirection, raw: string): void {
    for (const line of raw.split(/\r?\n/)) {
      if (line === '' && direction === 'server') continue;
      this.push(direction, this.redact(direction, line));
    }
  }

  lines(): readonly TranscriptLine[] {
    return [...this.recorded];
  }

  private redact(direction: TranscriptDirection, line: string): string {
    if (direction === 'client') {
      const auth = /^AUTH\s+(\S+)(\s+\S.*)?$/i.exec(line);
      if (auth !== null) {
        this.inAuthExchange = true;
        return auth[2] === undefined ? `AUTH ${auth[1] ?? ''}` : `AUTH ${auth[1] ?? ''} ${REDACTED}`;
      }
      if (this.inAuthExchange) return REDACTED;
    } else if (this.inAuthExchange && !/^334[ -]/.test(line)) {
      this.inAuthExchange = false;
    }
    return scrubSecrets(line, this.secrets);
  }

  private push(direction: TranscriptDirection, text: string): void {
    if (this.truncated) return;
    if (this.recorded.length >= MAX_TRANSCRIPT_LINES) {
      this.truncated = true;
      this.recorded.push({ direction, text: `(transcript cut after ${MAX_TRANSCRIPT_LINES} lines)` });
      return;
    }
    const shown = text.length > MAX_TRANSCRIPT_LINE_LENGTH ? `${text.slice(0, MAX_TRANSCRIPT_LINE_LENGTH)}…` : text;
    this.recorded.push({ direction, text: shown });
  }
}
