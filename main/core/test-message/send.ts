/**
 * Sends one test message through a chosen SMTP server and reports what the server said, so a
 * person can prove a mail path end to end and find the message again on the other side.
 *
 * nodemailer's SMTPConnection does the SMTP work (the client its SMTP transport wraps): used
 * directly, it also tells whether the session was encrypted, with which TLS version, and whether
 * the login happened, which the transport hides. Certificates are always verified, against the
 * system roots plus any extra trust anchors; a password is only ever sent over TLS.
 */
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates, TLSSocket } from 'node:tls';
import MailComposer from 'nodemailer/lib/mail-composer';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SMTPConnectionOptions, SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';
import { resolveAddresses } from '../dns/address-lookup.js';
import type { Clock, DnsResolver, SecretStore } from '../ports/index.js';
import { secretAccount } from '../secrets/accounts.js';
import { TestMessageError, toTestMessageError } from './errors.js';
import type { TestMessageRequest, TestMessageSecurity } from '../../../preload/vocabulary/test-message.js';
import { scrubSecrets, TranscriptRecorder, type TranscriptLine } from './transcript.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export { TestMessageError, type TestMessageErrorKind } from './errors.js';
export {
  testMessageRequestSchema,
  TEST_MESSAGE_SECURITY,
  type TestMessageRequest,
  type TestMessageRequestInput,
  type TestMessageSecurity,
} from '../../../preload/vocabulary/test-message.js';
export type { TranscriptLine } from './transcript.js';

export interface TestMessageDeps {
  readonly secrets: SecretStore;
  readonly clock: Clock;
  /** Trust anchors added to the system roots (e.g. a company CA, or the test CA in the lab). */
  readonly extraCaPem?: readonly string[];
  /** Resolve the server's name here (e.g. the DNS server chosen for the checks) instead of the system's. */
  readonly resolver?: DnsResolver;
}

export interface RejectedRecipient {
  readonly address: string;
  /** The server's reply to RCPT TO for this address. */
  readonly reply: string;
}

export interface TestMessageResult {
  /** Also in the X-Mailflow-Test header, to find the message again. */
  readonly testId: string;
  readonly messageId: string;
  readonly subject: string;
  readonly server: { readonly host: string; readonly address: string; readonly port: number; readonly security: TestMessageSecurity };
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  readonly accepted: readonly string[];
  readonly rejected: readonly string[];
  readonly rejectedReplies: readonly RejectedRecipient[];
  /** The server's final reply to the message, e.g. "250 2.0.0 Ok: queued as 4Xy...". */
  readonly response: string;
  readonly tls: { readonly used: boolean; readonly protocol?: string; readonly cipher?: string };
  readonly authenticated: boolean;
  readonly ehloName: string;
  readonly durationMs: number;
  /** Commands and replies, without the message data and with every credential redacted. */
  readonly transcript: readonly TranscriptLine[];
  /** Things that worked but deserve a second look (no encryption, no login, refused recipients). */
  readonly warnings: readonly string[];
}

export const TEST_HEADER = 'X-Mailflow-Test';

/** A single server reply never needs more; a hostile server cannot make us buffer megabytes. */
const MAX_REPLY_BYTES = 64 * 1024;

const SECURITY_TEXT: Readonly<Record<TestMessageSecurity, string>> = {
  'starttls-required': 'STARTTLS required',
  'starttls-opportunistic': 'STARTTLS if offered',
  'implicit-tls': 'implicit TLS',
  none: 'no encryption',
};

async function readPassword(request: TestMessageRequest, secrets: SecretStore): Promise<string | null> {
  if (request.username === undefined) return null;
  let saved: string | null;
  try {
    saved = await secrets.get(secretAccount(request.engagementId, 'smtp-password'));
  } catch (error) {
    const reason = errorMessage(error);
    throw new TestMessageError('no-password', `the saved SMTP password could not be read from the keychain (${reason}): unlock the keychain and try again`);
  }
  if (saved === null || saved === '') {
    throw new TestMessageError('no-password', `save the SMTP password first: a user name (${request.username}) is set, but no password is saved for this engagement`);
  }
  return saved;
}

function defaultSubject(now: number): string {
  return `Mailflow Assistant test ${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}

function bodyText(request: TestMessageRequest, testId: string, sentAt: string): string {
  return [
    'This is a test message from Mailflow Assistant.',
    '',
    `It was sent through ${request.server}:${request.port} (${SECURITY_TEXT[request.security]}) to check that mail flows between Office 365 and your own mail server. Nothing needs to be done with it; you may delete it.`,
    '',
    `Test id: ${testId}`,
    `Sent at: ${sentAt}`,
    `From:    ${request.from}`,
    `To:      ${request.to.join(', ')}`,
    '',
    `To find it again, look for the header "${TEST_HEADER}: ${testId}".`,
    'To see the path it took, paste its headers into the header analyser of Mailflow Assistant (Test step).',
    '',
  ].join('\r\n');
}

async function composeMessage(request: TestMessageRequest, testId: string, subject: string, now: number): Promise<{ readonly raw: Buffer; readonly messageId: string }> {
  const domain = request.from.slice(request.from.lastIndexOf('@') + 1);
  const messageId = `<mailflow-test-${testId}@${domain}>`;
  const sentAt = new Date(now);
  const raw = await new MailComposer({
    from: request.from,
    to: [...request.to],
    subject,
    text: bodyText(request, testId, sentAt.toISOString()),
    messageId,
    date: sentAt,
    headers: { [TEST_HEADER]: testId },
  })
    .compile()
    .build();
  return { raw, messageId };
}

/** Where to connect: the name itself, or its first address when a resolver is given. */
async function resolveTarget(host: string, resolver: DnsResolver | undefined): Promise<string> {
  if (resolver === undefined || isIP(host) !== 0) return host;
  const lookup = await resolveAddresses(resolver, host);
  const first = lookup.ok ? lookup.addresses[0] : undefined;
  if (first === undefined) {
    const reason = lookup.ok ? 'no address' : lookup.message;
    throw new TestMessageError('connection', `the name ${host} could not be resolved through ${resolver.description}: ${reason}`);
  }
  return first;
}

function connectionOptions(request: TestMessageRequest, address: string, extraCaPem: readonly string[], recorder: TranscriptRecorder): SMTPConnectionOptions {
  const literal = isIP(request.server) !== 0;
  return {
    host: address,
    port: request.port,
    secure: request.security === 'implicit-tls',
    requireTLS: request.security === 'starttls-required',
    opportunisticTLS: request.security === 'starttls-opportunistic',
    ignoreTLS: request.security === 'none',
    ...(request.ehloName === undefined ? {} : { name: request.ehloName }),
    // The server's name, not the address connected to, is what the certificate must carry; SNI never carries an IP.
    ...(literal ? {} : { servername: request.server }),
    connectionTimeout: request.timeoutMs,
    greetingTimeout: request.timeoutMs,
    socketTimeout: request.timeoutMs,
    dnsTimeout: request.timeoutMs,
    maxResponseSize: MAX_REPLY_BYTES,
    tls: {
      ...(literal ? {} : { servername: request.server }),
      minVersion: 'TLSv1.2',
      ca: [...rootCertificates, ...extraCaPem],
    },
    // The transcript is the only log: commands and replies, never the message data (`debug` stays off).
    logger: recorder.logger(),
    transactionLog: true,
    debug: false,
  };
}

/** Settles like `work`, or rejects with `onTimeout()` after `timeoutMs`; the timer never outlives it. */
async function withinDeadline<T>(work: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(onTimeout());
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** The overall deadline ran out: say where the conversation stood. */
function stalled(transcript: readonly TranscriptLine[], where: string, request: TestMessageRequest): TestMessageError {
  const lastServer = [...transcript].reverse().find((line) => line.direction === 'server');
  const tlsFirst = request.security === 'implicit-tls' ? '' : ' (an implicit-TLS port such as 465 says nothing until TLS starts: choose implicit TLS there)';
  const message =
    lastServer === undefined
      ? `no answer from ${where} within ${request.timeoutMs} ms: check the host, the port and that no firewall drops the connection${tlsFirst}`
      : `the server at ${where} did not finish within ${request.timeoutMs} ms; its last reply was "${lastServer.text}"`;
  return new TestMessageError('timeout', message, { transcript });
}

/**
 * One SMTP session with an absolute deadline: every step races the connection's errors and the
 * deadline, so a server that stalls or fails at any point ends the attempt at once.
 */
class Session {
  private readonly failed: Promise<never>;
  private readonly timer: NodeJS.Timeout;
  private readonly onError: (error: unknown) => void;

  constructor(
    readonly connection: SMTPConnection,
    timeoutMs: number,
    onDeadline: () => TestMessageError,
  ) {
    let fail: (error: unknown) => void = () => undefined;
    this.failed = new Promise<never>((_resolve, reject) => {
      fail = reject;
    });
    this.onError = fail;
    connection.on('error', this.onError);
    this.timer = setTimeout(() => {
      fail(onDeadline());
      connection.close();
    }, timeoutMs);
  }

  step<T>(run: (done: (error: Error | null | undefined, value: T) => void) => void): Promise<T> {
    const attempt = new Promise<T>((resolve, reject) => {
      run((error, value) => {
        if (error) reject(error);
        else resolve(value);
      });
    });
    return Promise.race([attempt, this.failed]);
  }

  /** Ends the session: QUIT after success, a plain close otherwise. */
  finish(ok: boolean): void {
    clearTimeout(this.timer);
    this.connection.off('error', this.onError);
    // The outcome is decided; a reset during QUIT or teardown changes nothing, but an 'error'
    // event without a listener would crash the process.
    this.connection.on('error', () => undefined);
    if (ok) this.connection.quit();
    else this.connection.close();
  }
}

function tlsDetails(connection: SMTPConnection): TestMessageResult['tls'] {
  const socket = connection._socket;
  if (!connection.secure || !(socket instanceof TLSSocket)) return { used: false };
  const protocol = socket.getProtocol();
  const cipher = socket.getCipher().standardName;
  return { used: true, ...(protocol === null ? {} : { protocol }), cipher };
}

function rejectedReplies(info: SMTPConnectionSendInfo, secrets: readonly string[]): RejectedRecipient[] {
  return info.rejected.map((address) => {
    const reply = info.rejectedErrors?.find((error) => error.recipient === address)?.response ?? '';
    return { address, reply: scrubSecrets(reply, secrets) };
  });
}

function warningsFor(request: TestMessageRequest, tlsUsed: boolean, authenticated: boolean, rejected: readonly RejectedRecipient[]): string[] {
  const warnings: string[] = [];
  if (request.security === 'none') {
    warnings.push('The message was sent without encryption, as chosen: anyone on the path could read it, and connectors that require TLS would refuse it.');
  } else if (!tlsUsed) {
    warnings.push('The server did not offer STARTTLS (or refused it), so the message went unencrypted. Office 365 connectors that require TLS would refuse this server.');
  }
  if (request.username !== undefined && !authenticated) {
    warnings.push(`The server did not offer a login (AUTH), so the message was sent without logging in as ${request.username}: the server accepted it for this machine's address.`);
  }
  for (const { address, reply } of rejected) {
    warnings.push(`The server refused ${address}${reply === '' ? '' : `: "${reply}"`}. The other recipients got the message.`);
  }
  return warnings;
}

/**
 * Sends a test message as `request` describes. Resolves with what the server answered; rejects
 * with a TestMessageError whose message says what to change. Nothing is sent when the password is
 * missing, and a password never goes over an unencrypted connection.
 */
export async function sendTestMessage(request: TestMessageRequest, deps: TestMessageDeps): Promise<TestMessageResult> {
  const started = deps.clock.monotonic();
  if (request.username !== undefined && request.security === 'none') {
    throw new TestMessageError('tls', 'a password is never sent unencrypted: choose STARTTLS or implicit TLS, or leave the user name empty');
  }
  const password = await readPassword(request, deps.secrets);
  const secrets = password === null ? [] : [password];
  const now = deps.clock.now();
  const testId = randomUUID();
  const subject = request.subject ?? defaultSubject(now);
  const { raw, messageId } = await composeMessage(request, testId, subject, now);
  const envelope = { from: request.from, to: [...request.to] };
  const where = `${request.server}:${request.port}`;
  const recorder = new TranscriptRecorder(secrets);
  const failureContext = () => ({
    host: request.server,
    port: request.port,
    security: request.security,
    timeoutMs: request.timeoutMs,
    transcript: recorder.lines(),
    secrets,
  });

  const deadlineAt = started + request.timeoutMs;
  let address: string;
  try {
    address = await withinDeadline(resolveTarget(request.server, deps.resolver), request.timeoutMs, () =>
      new TestMessageError('timeout', `the name ${request.server} was not resolved within ${request.timeoutMs} ms`),
    );
  } catch (error) {
    throw toTestMessageError(error, failureContext());
  }

  const connection = new SMTPConnection(connectionOptions(request, address, deps.extraCaPem ?? [], recorder));
  const remainingMs = Math.max(1, Math.round(deadlineAt - deps.clock.monotonic()));
  const session = new Session(connection, remainingMs, () => stalled(recorder.lines(), where, request));
  let ok = false;
  try {
    await session.step<undefined>((done) => {
      connection.connect((error) => {
        done(error, undefined);
      });
    });
    const tls = tlsDetails(connection);
    if (request.security !== 'none' && request.security !== 'starttls-opportunistic' && !tls.used) {
      throw new TestMessageError('tls', `the connection to ${where} was not encrypted although ${SECURITY_TEXT[request.security]} was chosen`, { transcript: recorder.lines() });
    }
    if (password !== null && request.username !== undefined) {
      if (!tls.used) {
        throw new TestMessageError(
          'tls',
          `the server at ${where} did not offer STARTTLS, and the password is never sent unencrypted: enable STARTTLS on the server, or leave the user name empty to test without a login`,
          { transcript: recorder.lines() },
        );
      }
      if (connection.allowsAuth) {
        const user = request.username;
        await session.step<boolean | undefined>((done) => {
          connection.login({ user, pass: password }, (error, result) => {
            done(error, result);
          });
        });
      }
    }
    const info = await session.step<SMTPConnectionSendInfo>((done) => {
      // nodemailer keeps its recipient bookkeeping on the envelope it is given: hand it a copy.
      connection.send({ from: envelope.from, to: [...envelope.to] }, raw, done);
    });
    ok = true;
    const rejected = rejectedReplies(info, secrets);
    return {
      testId,
      messageId,
      subject,
      server: { host: request.server, address, port: request.port, security: request.security },
      envelope,
      accepted: [...info.accepted],
      rejected: rejected.map((entry) => entry.address),
      rejectedReplies: rejected,
      response: scrubSecrets(info.response, secrets),
      tls,
      authenticated: connection.authenticated,
      ehloName: connection.name,
      durationMs: Math.round(deps.clock.monotonic() - started),
      transcript: recorder.lines(),
      warnings: warningsFor(request, tls.used, connection.authenticated, rejected),
    };
  } catch (error) {
    throw toTestMessageError(error, failureContext());
  } finally {
    session.finish(ok);
  }
}
