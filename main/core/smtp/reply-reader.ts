/**
 * Reads SMTP replies (RFC 5321 §4.2) from a socket under an absolute deadline, with hard caps on
 * line length and reply size, so that a tarpit, a flood or a non-SMTP peer ends in a clear verdict
 * instead of a hang or unbounded memory.
 */
import type { Duplex } from 'node:stream';

/** RFC 5321 §4.5.3.1.5: a text line is at most 1000 octets including CRLF. */
export const MAX_LINE_BYTES = 1000;
/** Far more than any real EHLO reply; beyond this the peer is flooding us. */
export const MAX_REPLY_BYTES = 64 * 1024;

export interface SmtpReply {
  readonly code: number;
  /** The text of each line, without code and separator. */
  readonly lines: readonly string[];
}

export type ReadResult =
  | { readonly kind: 'reply'; readonly reply: SmtpReply }
  | { readonly kind: 'timeout'; readonly partial: string }
  | { readonly kind: 'aborted' }
  | { readonly kind: 'closed'; readonly partial: string }
  | { readonly kind: 'network-error'; readonly message: string }
  | { readonly kind: 'too-large'; readonly detail: string }
  | { readonly kind: 'protocol-error'; readonly detail: string };

/** Makes peer text safe to show and store: control characters become visible escapes. */
export function printable(text: string, max = 200): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point
  const escaped = text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return escaped.length > max ? `${escaped.slice(0, max)}… (${escaped.length - max} more characters)` : escaped;
}

const REPLY_LINE = /^([2-5][0-9][0-9])(?:([ -])(.*))?$/s;
const decoder = new TextDecoder('utf-8');

export class ReplyReader {
  private pending: Buffer = Buffer.alloc(0);
  private replyLines: string[] = [];
  private replyCode: number | null = null;
  private replyBytes = 0;
  private ended: { readonly kind: 'closed' } | { readonly kind: 'network-error'; readonly message: string } | null = null;
  private wake: (() => void) | null = null;

  private readonly onData = (chunk: Buffer): void => {
    // Keep at most one byte past the reply cap: enough to know the cap was crossed.
    const room = MAX_REPLY_BYTES + 1 - this.pending.length;
    if (room > 0) this.pending = Buffer.concat([this.pending, chunk.subarray(0, room)]);
    this.wake?.();
  };
  private readonly onEnd = (): void => {
    this.ended ??= { kind: 'closed' };
    this.wake?.();
  };
  private readonly onError = (error: Error): void => {
    this.ended ??= { kind: 'network-error', message: error.message };
    this.wake?.();
  };

  /** `onLine` sees every complete server line as it arrives (for the transcript). */
  constructor(
    private readonly socket: Duplex,
    private readonly onLine: (line: string) => void,
  ) {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', this.onError);
  }

  /** Stops reading (before handing the socket to TLS) and returns bytes received but not consumed. */
  detach(): Buffer {
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest;
  }

  /** Reads one complete reply, or says why none came before `deadlineAt` (a monotonic time). */
  async read(deadlineAt: number, now: () => number, signal: AbortSignal): Promise<ReadResult> {
    for (;;) {
      const parsed = this.parse();
      if (parsed !== null) return parsed;
      if (this.ended !== null) {
        return this.ended.kind === 'closed' ? { kind: 'closed', partial: this.partialText() } : this.ended;
      }
      if (signal.aborted) return { kind: 'aborted' };
      const remaining = deadlineAt - now();
      if (remaining <= 0) return { kind: 'timeout', partial: this.partialText() };
      await this.waitForData(remaining, signal);
    }
  }

  private partialText(): string {
    const lines = this.replyLines.map((line) => `${String(this.replyCode)}-${line}`);
    if (this.pending.length > 0) lines.push(decoder.decode(this.pending));
    return lines.join('\n');
  }

  private waitForData(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  private parse(): ReadResult | null {
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline === -1) {
        if (this.pending.length >= MAX_LINE_BYTES) {
          return { kind: 'too-large', detail: `a reply line ran past ${MAX_LINE_BYTES} bytes without ending` };
        }
        if (this.replyBytes + this.pending.length > MAX_REPLY_BYTES) {
          return { kind: 'too-large', detail: `the reply ran past ${MAX_REPLY_BYTES} bytes` };
        }
        return null;
      }
      const lineBytes = newline + 1;
      if (lineBytes > MAX_LINE_BYTES) {
        return { kind: 'too-large', detail: `a reply line was ${lineBytes} bytes long; the limit is ${MAX_LINE_BYTES}` };
      }
      this.replyBytes += lineBytes;
      if (this.replyBytes > MAX_REPLY_BYTES) {
        return { kind: 'too-large', detail: `the reply ran past ${MAX_REPLY_BYTES} bytes` };
      }
      const raw = this.pending.subarray(0, newline);
      this.pending = this.pending.subarray(lineBytes);
      const text = decoder.decode(raw.at(-1) === 0x0d ? raw.subarray(0, -1) : raw);
      this.onLine(text);
      const match = REPLY_LINE.exec(text);
      if (match === null) {
        return { kind: 'protocol-error', detail: `the server did not answer in SMTP: "${printable(text, 80)}"` };
      }
      const code = Number(match[1]);
      if (this.replyCode !== null && code !== this.replyCode) {
        return {
          kind: 'protocol-error',
          detail: `a multi-line reply changed its code from ${this.replyCode} to ${code}`,
        };
      }
      this.replyCode = code;
      this.replyLines.push(match[3] ?? '');
      if (match[2] !== '-') {
        const reply: SmtpReply = { code, lines: this.replyLines };
        this.replyLines = [];
        this.replyCode = null;
        this.replyBytes = 0;
        return { kind: 'reply', reply };
      }
    }
  }
}
