/**
 * The SMTP/STARTTLS probe: connect, greeting, EHLO, STARTTLS, TLS handshake, EHLO again, QUIT —
 * each stage under an absolute deadline inside an overall one, so a hostile or broken server ends
 * in a precise verdict per stage. It only reads and reports; the checks decide what passes.
 */
import { isIPv6 } from 'node:net';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from '../ports/clock.js';
import type { SocketConnector } from '../ports/socket.js';
import type { ProbeStage, ProbeStageName, ProbeStageOutcome, ProbeTls, SmtpProbeResult, TranscriptLine } from './probe-types.js';
import { printable, ReplyReader } from './reply-reader.js';
import type { ReadResult, SmtpReply } from './reply-reader.js';
import { upgradeToTls, type ClientCertificate } from './tls-upgrade.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import type { TlsOffer } from './tls-upgrade.js';

export interface SmtpProbeOptions {
  /** The name the server should answer to: the certificate is checked against it, and it is the SNI unless it is an IP. */
  readonly host: string;
  /** The IP address to connect to (resolved by the caller through the configured resolver). */
  readonly address: string;
  readonly port: number;
  readonly connector: SocketConnector;
  /** Extra trust anchors (PEM), in addition to the system roots. */
  readonly extraCaPem?: readonly string[];
  /** Absolute deadline for each stage, from the moment it starts. */
  readonly stageTimeoutMs: number;
  /** Absolute deadline for the whole probe; a stage never outlives it. */
  readonly totalTimeoutMs: number;
  readonly signal?: AbortSignal;
  readonly clock: Clock;
  /** The EHLO argument; default: our own address as an address literal, which every server must accept. */
  readonly ehloName?: string;
  /** The TLS versions and ciphers to offer; default everything from TLS 1.0 up. */
  readonly tlsOffer?: TlsOffer;
  /** QUIT right after the handshake (no EHLO over TLS): a protocol test needs only the handshake. */
  readonly stopAfterTls?: boolean;
  /** Read the server's certificates as sent from the handshake (TLS 1.2 and older show them). */
  readonly recordSentChain?: boolean;
  /** false: a protocol test that neither verifies nor reads the certificates (see TlsUpgradeOptions.verifyPeer). */
  readonly verifyPeer?: boolean;
  /** Presented in the TLS handshake when the server asks for one. */
  readonly clientCertificate?: ClientCertificate | null;
  /**
   * After EHLO over TLS: MAIL FROM and RCPT TO with these addresses, then RSET and QUIT. DATA is
   * never sent, so nothing is delivered: the server's answer to RCPT is the point.
   */
  readonly envelope?: { readonly from: string; readonly to: string };
}

/** QUIT is a courtesy: never wait long for its answer. */
const QUIT_TIMEOUT_MS = 2000;

function errnoCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code: unknown = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

function ehloArgument(socket: Socket, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const local = socket.localAddress;
  if (local === undefined) return 'mailflow-assistant.invalid';
  return isIPv6(local) ? `[IPv6:${local}]` : `[${local}]`;
}

/** EHLO keywords upper-cased, parameters kept as sent (RFC 5321 §4.1.1.1: keywords are case-insensitive). */
function capabilitiesOf(reply: SmtpReply): string[] {
  return reply.lines.slice(1).map((line) => {
    const [keyword = '', ...rest] = line.trim().split(/\s+/);
    return [keyword.toUpperCase(), ...rest].join(' ');
  });
}

function replyText(reply: SmtpReply): string {
  return printable(`${reply.code} ${reply.lines.join(' / ')}`, 300);
}

class ProbeSession {
  private readonly clock: Clock;
  private readonly startedAt: number;
  private readonly overallDeadline: number;
  private readonly signal: AbortSignal;
  private readonly stages: ProbeStage[] = [];
  private readonly transcript: TranscriptLine[] = [];
  private stageStartedAt = 0;
  private stageDeadline = 0;
  private stageLimitMs = 0;
  private banner: string | null = null;
  private capabilities: string[] = [];
  private capabilitiesAfterTls: string[] | null = null;
  private tls: ProbeTls | null = null;
  private readonly sockets: Duplex[] = [];

  constructor(private readonly options: SmtpProbeOptions) {
    this.clock = options.clock;
    this.startedAt = this.clock.monotonic();
    this.overallDeadline = this.startedAt + options.totalTimeoutMs;
    this.signal = options.signal ?? new AbortController().signal;
  }

  private readonly now = (): number => this.clock.monotonic();

  /** Read afresh each time: the signal can fire between any two awaits. */
  private cancelled(): boolean {
    return this.signal.aborted;
  }

  private log(direction: TranscriptLine['direction'], text: string): void {
    this.transcript.push({ atMs: Math.round(this.now() - this.startedAt), direction, text: printable(text, 1000) });
  }

  private begin(limitMs = this.options.stageTimeoutMs): void {
    this.stageStartedAt = this.now();
    this.stageLimitMs = limitMs;
    this.stageDeadline = Math.min(this.stageStartedAt + limitMs, this.overallDeadline);
  }

  private end(name: ProbeStageName, outcome: ProbeStageOutcome, detail: string, code?: number): void {
    this.stages.push({
      name,
      outcome,
      durationMs: Math.round(this.now() - this.stageStartedAt),
      ...(code === undefined ? {} : { code }),
      detail,
    });
  }

  private timeoutDetail(what: string): string {
    const overall = this.stageDeadline >= this.overallDeadline;
    const limit = overall ? this.options.totalTimeoutMs : this.stageLimitMs;
    return `${what} within ${limit} ms${overall ? ' (the whole probe’s deadline)' : ''}`;
  }

  /** Turns a failed read into the stage's verdict. */
  private readFailed(name: ProbeStageName, result: Exclude<ReadResult, { kind: 'reply' }>, waitingFor: string): void {
    switch (result.kind) {
      case 'timeout': {
        const partial = result.partial === '' ? '' : `; received only "${printable(result.partial, 120)}"`;
        this.end(name, 'timeout', `${this.timeoutDetail(`no complete ${waitingFor}`)}${partial}`);
        return;
      }
      case 'aborted':
        this.end(name, 'aborted', `stopped while waiting for the ${waitingFor}: the run was cancelled or the check’s deadline passed`);
        return;
      case 'closed': {
        const partial = result.partial === '' ? '' : ` after sending only "${printable(result.partial, 120)}"`;
        this.end(name, 'closed', `the server closed the connection${partial} instead of sending the ${waitingFor}`);
        return;
      }
      case 'network-error':
        this.end(name, 'network-error', `the connection failed while waiting for the ${waitingFor}: ${result.message}`);
        return;
      case 'too-large':
        this.log('note', `stopped reading: ${result.detail}`);
        this.end(name, 'too-large', `${result.detail}; the probe stopped reading`);
        return;
      case 'protocol-error':
        this.end(name, 'protocol-error', result.detail);
        return;
    }
  }

  private send(socket: Duplex, command: string): void {
    this.log('client', command);
    socket.write(`${command}\r\n`);
  }

  /** Sends a command (if any) and reads its reply; on failure the stage is recorded and null returned. */
  private async exchange(
    name: ProbeStageName,
    socket: Duplex,
    reader: ReplyReader,
    command: string | null,
    waitingFor: string,
  ): Promise<SmtpReply | null> {
    if (command !== null) this.send(socket, command);
    const result = await reader.read(this.stageDeadline, this.now, this.signal);
    if (result.kind === 'reply') return result.reply;
    this.readFailed(name, result, waitingFor);
    return null;
  }

  private async connect(): Promise<Socket | null> {
    this.begin();
    const { address, port } = this.options;
    if (this.cancelled()) {
      this.end('connect', 'aborted', 'the probe was cancelled before it started');
      return null;
    }
    this.log('note', `connecting to ${address} port ${port}`);
    const controller = new AbortController();
    const deadlinePassed = new Error('the connect deadline passed');
    const timer = setTimeout(() => {
      controller.abort(deadlinePassed);
    }, Math.max(0, this.stageDeadline - this.now()));
    const onAbort = (): void => {
      controller.abort(this.signal.reason);
    };
    this.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const socket = await this.options.connector.connect({ host: address, port, signal: controller.signal });
      this.sockets.push(socket);
      this.end('connect', 'ok', `TCP connection to ${address} port ${port} established`);
      return socket;
    } catch (error) {
      const code = errnoCode(error);
      if (controller.signal.reason === deadlinePassed) {
        this.end('connect', 'timeout', this.timeoutDetail(`no answer to the TCP connection request to ${address} port ${port}`));
      } else if (this.cancelled()) {
        this.end('connect', 'aborted', 'connecting was stopped: the run was cancelled or the check’s deadline passed');
      } else if (code === 'ECONNREFUSED') {
        this.end('connect', 'refused', `${address} refused the connection on port ${port}: nothing is listening there, or a firewall rejects it`);
      } else {
        this.end('connect', 'network-error', `could not connect to ${address} port ${port}: ${errorMessage(error)}`);
      }
      return null;
    } finally {
      clearTimeout(timer);
      this.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Says goodbye on a connection still in a sane SMTP state; its outcome never changes the verdict. */
  private async quit(socket: Duplex, reader: ReplyReader): Promise<void> {
    this.begin(Math.min(this.options.stageTimeoutMs, QUIT_TIMEOUT_MS));
    const reply = await this.exchange('quit', socket, reader, 'QUIT', 'reply to QUIT');
    if (reply === null) return;
    this.end('quit', reply.code === 221 ? 'ok' : 'rejected', replyText(reply), reply.code);
  }

  async run(): Promise<SmtpProbeResult> {
    try {
      await this.dialogue();
    } finally {
      for (const socket of this.sockets) socket.destroy();
    }
    const result: SmtpProbeResult = {
      host: this.options.host,
      address: this.options.address,
      port: this.options.port,
      stages: this.stages,
      banner: this.banner,
      capabilities: this.capabilities,
      ...(this.capabilitiesAfterTls === null ? {} : { capabilitiesAfterTls: this.capabilitiesAfterTls }),
      tls: this.tls,
      transcript: this.transcript,
      totalMs: Math.round(this.now() - this.startedAt),
    };
    return result;
  }

  private async dialogue(): Promise<void> {
    const socket = await this.connect();
    if (socket === null) return;
    const reader = new ReplyReader(socket, (line) => {
      this.log('server', line);
    });

    this.begin();
    const greeting = await this.exchange('banner', socket, reader, null, 'greeting');
    if (greeting === null) return;
    this.banner = greeting.lines.join('\n');
    if (greeting.code !== 220) {
      this.end('banner', 'rejected', `the server greeted with ${replyText(greeting)} instead of 220: it refuses this session`, greeting.code);
      await this.quit(socket, reader);
      return;
    }
    this.end('banner', 'ok', replyText(greeting), greeting.code);

    this.begin();
    const ehloName = ehloArgument(socket, this.options.ehloName);
    const ehlo = await this.exchange('ehlo', socket, reader, `EHLO ${ehloName}`, 'reply to EHLO');
    if (ehlo === null) return;
    if (ehlo.code !== 250) {
      this.end('ehlo', 'rejected', `the server refused EHLO: ${replyText(ehlo)}`, ehlo.code);
      await this.quit(socket, reader);
      return;
    }
    this.capabilities = capabilitiesOf(ehlo);
    this.end('ehlo', 'ok', replyText(ehlo), ehlo.code);

    this.begin();
    if (!this.capabilities.includes('STARTTLS')) {
      this.end('starttls', 'not-offered', 'the server did not offer STARTTLS in its EHLO reply');
      await this.quit(socket, reader);
      return;
    }
    const starttls = await this.exchange('starttls', socket, reader, 'STARTTLS', 'reply to STARTTLS');
    if (starttls === null) return;
    if (starttls.code !== 220) {
      this.end('starttls', 'rejected', `the server offered STARTTLS but refused it: ${replyText(starttls)}`, starttls.code);
      await this.quit(socket, reader);
      return;
    }
    this.end('starttls', 'ok', replyText(starttls), starttls.code);
    const leftover = reader.detach();
    if (leftover.length > 0) {
      this.log('note', `the server sent ${leftover.length} bytes after its STARTTLS reply, before TLS began; they were discarded (RFC 3207 §4.2)`);
    }

    this.begin();
    const upgraded = await upgradeToTls(socket, {
      host: this.options.host,
      extraCaPem: this.options.extraCaPem ?? [],
      deadlineAt: this.stageDeadline,
      now: this.now,
      signal: this.signal,
      ...(this.options.tlsOffer === undefined ? {} : { offer: this.options.tlsOffer }),
      recordSentChain: this.options.recordSentChain === true,
      verifyPeer: this.options.verifyPeer !== false,
      clientCertificate: this.options.clientCertificate ?? null,
    });
    if (!upgraded.ok) {
      const detail = upgraded.outcome === 'timeout' ? this.timeoutDetail('the TLS handshake did not complete') : upgraded.detail;
      this.log('note', `TLS handshake failed: ${detail}`);
      this.end('tls', upgraded.outcome, detail);
      return;
    }
    this.sockets.push(upgraded.socket);
    this.tls = upgraded.tls;
    const verdict = upgraded.tls.authorized ? 'certificate trusted' : `certificate not trusted: ${upgraded.tls.authorizationError ?? 'unknown reason'}`;
    const negotiated = `${upgraded.tls.protocol ?? 'unknown protocol'}, ${upgraded.tls.cipher ?? 'unknown cipher'}`;
    this.log('note', `TLS established: ${negotiated}; ${verdict}`);
    this.end('tls', 'ok', `${negotiated}; ${verdict}`);

    const secureReader = new ReplyReader(upgraded.socket, (line) => {
      this.log('server', line);
    });
    if (this.options.stopAfterTls === true) {
      // A polite QUIT, not a hang-up: Node 20 can crash destroying a TLS 1.3 socket right after its handshake.
      await this.quit(upgraded.socket, secureReader);
      return;
    }
    this.begin();
    const secureEhlo = await this.exchange('ehlo-after-tls', upgraded.socket, secureReader, `EHLO ${ehloName}`, 'reply to EHLO over TLS');
    if (secureEhlo === null) return;
    if (secureEhlo.code !== 250) {
      this.end('ehlo-after-tls', 'rejected', `the server refused EHLO over TLS: ${replyText(secureEhlo)}`, secureEhlo.code);
      await this.quit(upgraded.socket, secureReader);
      return;
    }
    this.capabilitiesAfterTls = capabilitiesOf(secureEhlo);
    this.end('ehlo-after-tls', 'ok', replyText(secureEhlo), secureEhlo.code);
    if (this.options.envelope !== undefined) await this.envelope(upgraded.socket, secureReader, this.options.envelope);
    await this.quit(upgraded.socket, secureReader);
  }

  /** MAIL FROM, RCPT TO, RSET: the server says whether it would take the message; DATA never follows. */
  private async envelope(socket: Duplex, reader: ReplyReader, envelope: { readonly from: string; readonly to: string }): Promise<void> {
    this.begin();
    const mail = await this.exchange('mail', socket, reader, `MAIL FROM:<${envelope.from}>`, 'reply to MAIL FROM');
    if (mail === null) return;
    this.end('mail', mail.code === 250 ? 'ok' : 'rejected', replyText(mail), mail.code);
    if (mail.code !== 250) return;
    this.begin();
    const rcpt = await this.exchange('rcpt', socket, reader, `RCPT TO:<${envelope.to}>`, 'reply to RCPT TO');
    if (rcpt === null) return;
    this.end('rcpt', rcpt.code === 250 || rcpt.code === 251 ? 'ok' : 'rejected', replyText(rcpt), rcpt.code);
    this.begin();
    const rset = await this.exchange('rset', socket, reader, 'RSET', 'reply to RSET');
    if (rset === null) return;
    this.end('rset', rset.code === 250 ? 'ok' : 'rejected', replyText(rset), rset.code);
  }
}

/** Runs the whole probe; it never throws for anything the server or network does, only records it. */
export function probeSmtp(options: SmtpProbeOptions): Promise<SmtpProbeResult> {
  return new ProbeSession(options).run();
}
