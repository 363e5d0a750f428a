/**
 * Why a test message was not sent, in words a person can act on. nodemailer reports failures with
 * its own codes (ETLS, EAUTH, EENVELOPE...); they are mapped here once, so the UI and the CLI only
 * ever see one of a few kinds and a message that says what to change.
 */
import { findStatusCodes } from '../ndr/enhanced-status.js';
import { knownFailuresFor } from '../ndr/known-failures.js';
import type { TestMessageSecurity } from '../../../preload/vocabulary/test-message.js';
import { scrubSecrets, type TranscriptLine } from './transcript.js';

export type TestMessageErrorKind = 'connection' | 'tls' | 'auth' | 'rejected' | 'timeout' | 'no-password' | 'protocol';

export interface TestMessageErrorDetails {
  /** The server's reply that ended the attempt, when there was one. */
  readonly serverResponse?: string;
  /** nodemailer's error code (e.g. "ETLS"), for support; never shown instead of the message. */
  readonly code?: string;
  /** The conversation up to the failure, redacted like a successful one. */
  readonly transcript: readonly TranscriptLine[];
}

export class TestMessageError extends Error {
  override readonly name = 'TestMessageError';
  readonly serverResponse: string | null;
  readonly code: string | null;
  readonly transcript: readonly TranscriptLine[];

  constructor(
    readonly kind: TestMessageErrorKind,
    message: string,
    details: TestMessageErrorDetails = { transcript: [] },
  ) {
    super(message);
    this.serverResponse = details.serverResponse ?? null;
    this.code = details.code ?? null;
    this.transcript = details.transcript;
  }
}

/** The fields nodemailer puts on the errors it hands back; read defensively, it is plain JS. */
interface SmtpFailure {
  readonly message: string;
  readonly code: string | null;
  readonly originalCode: string | null;
  readonly response: string | null;
  readonly responseCode: number | null;
  readonly command: string | null;
  readonly timeoutType: string | null;
}

function stringField(source: object, key: string): string | null {
  const value: unknown = (source as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function readFailure(error: unknown): SmtpFailure {
  if (!(error instanceof Error)) {
    return { message: String(error), code: null, originalCode: null, response: null, responseCode: null, command: null, timeoutType: null };
  }
  const responseCode: unknown = (error as unknown as Record<string, unknown>).responseCode;
  return {
    message: error.message,
    code: stringField(error, 'code'),
    originalCode: stringField(error, 'originalCode'),
    response: stringField(error, 'response'),
    responseCode: typeof responseCode === 'number' ? responseCode : null,
    command: stringField(error, 'command'),
    timeoutType: stringField(error, 'timeoutType'),
  };
}

export interface FailureContext {
  readonly host: string;
  readonly port: number;
  readonly security: TestMessageSecurity;
  readonly timeoutMs: number;
  readonly transcript: readonly TranscriptLine[];
  /** Scrubbed from every text that goes into the error. */
  readonly secrets: readonly string[];
}

/** Certificate and handshake failures Node reports as socket errors on an implicit-TLS connection. */
const TLS_ERROR_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH|ERR_OSSL_)/;

const TLS_ADVICE = (host: string): string =>
  `the server's certificate must chain to a trusted root and name ${host}; the tls.certificate checks of the preflight show what is wrong`;

/** The server answered in clear text where TLS records were expected. */
const NOT_TLS = /wrong version number|packet length too long|record layer failure|unknown protocol/i;

/** OpenSSL's multi-line "…:SSL routines:func:reason:file.c:350:" reduced to its reason. */
function tlsReason(message: string): string {
  const routine = /SSL routines:[^:]*:([^:]+)/.exec(message);
  return (routine?.[1] ?? message).replace(/^Error initiating TLS - /, '').trim();
}

function tlsFailure(failure: SmtpFailure, context: FailureContext, where: string): string {
  const reason = tlsReason(failure.message);
  if (NOT_TLS.test(reason)) {
    return context.security === 'implicit-tls'
      ? `the server at ${where} did not answer with TLS (${reason}): is this a STARTTLS port (25 or 587)? Choose STARTTLS instead of implicit TLS`
      : `the server at ${where} accepted STARTTLS but did not go on with TLS (${reason}): a firewall with SMTP inspection may be in the way`;
  }
  return `the TLS handshake with ${where} failed (${reason}): ${TLS_ADVICE(context.host)}`;
}

/** Tells where to look next for a reply with an enhanced status code, using the bounce knowledge. */
function rejectionHint(response: string): string {
  for (const { status } of findStatusCodes(response)) {
    const known = knownFailuresFor(status, response)[0];
    if (known !== undefined) return `${known.title}: ${known.fix}`;
  }
  return 'Paste this reply into the bounce decoder (Test step) to see what it means';
}

/** The reply asks for a login first: 530, 5.7.0 "authentication required" or Office 365's 5.7.57. */
function wantsLogin(failure: SmtpFailure): boolean {
  const response = failure.response ?? '';
  return failure.responseCode === 530 || /\b5\.7\.57\b/.test(response) || /authentication (is )?required|must authenticate|not authenticated/i.test(response);
}

function connectionFailure(failure: SmtpFailure, where: string): string {
  switch (failure.originalCode) {
    case 'ECONNREFUSED':
      return `${where} refused the connection: nothing listens on that port, or a firewall rejects it`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} cannot be reached from this machine (no route): check the address and the network`;
    case 'ECONNRESET':
      return `${where} reset the connection: a firewall or the server dropped it`;
    default:
      return `the connection to ${where} failed: ${failure.message}`;
  }
}

function timeoutMessage(failure: SmtpFailure, context: FailureContext, where: string): string {
  const within = `within ${context.timeoutMs} ms`;
  switch (failure.timeoutType) {
    case 'CONNECT_TIMEOUT':
      return `could not connect to ${where} ${within}: check the host, the port and that no firewall drops the connection`;
    case 'GREETING_TIMEOUT':
      return context.security === 'implicit-tls'
        ? `connected to ${where}, but the TLS session or the greeting did not come ${within}: is this an implicit-TLS port (465)?`
        : `connected to ${where}, but no SMTP greeting came ${within}: is this an SMTP port? (port 465 expects TLS first: choose implicit TLS)`;
    case 'UPGRADE_TIMEOUT':
      return `the TLS handshake with ${where} did not finish ${within}`;
    default:
      return `the server at ${where} stopped answering for ${context.timeoutMs} ms`;
  }
}

/** Maps any failure of a test message attempt to a TestMessageError. */
export function toTestMessageError(error: unknown, context: FailureContext): TestMessageError {
  if (error instanceof TestMessageError) return error;
  const failure = readFailure(error);
  const scrub = (text: string): string => scrubSecrets(text, context.secrets);
  const response = failure.response === null ? null : scrub(failure.response);
  const where = `${context.host}:${context.port}`;
  const details: TestMessageErrorDetails = {
    ...(response === null ? {} : { serverResponse: response }),
    ...(failure.code === null ? {} : { code: failure.code }),
    transcript: context.transcript,
  };
  const make = (kind: TestMessageErrorKind, message: string): TestMessageError => new TestMessageError(kind, scrub(message), details);

  switch (failure.code) {
    case 'ETIMEDOUT':
      return make('timeout', timeoutMessage(failure, context, where));
    case 'EDNS':
      return make('connection', `the name ${context.host} could not be resolved: ${failure.message}`);
    case 'ETLS':
      if (response !== null && failure.command === 'STARTTLS') {
        return make(
          'tls',
          `the server does not offer STARTTLS, and STARTTLS is required: it answered "${response}". Enable STARTTLS with a CA-signed certificate on the server, or choose "STARTTLS if offered" to test without encryption`,
        );
      }
      return make('tls', tlsFailure(failure, context, where));
    case 'EAUTH':
    case 'ENOAUTH':
      return make(
        'auth',
        `authentication failed: check the user name and the saved password${response === null ? '' : ` (the server answered "${response}")`}`,
      );
    case 'EENVELOPE':
    case 'EMESSAGE': {
      if (response === null) return make('protocol', `the message could not be sent: ${failure.message}`);
      if (wantsLogin(failure)) {
        return make('auth', `the server wants a login before it accepts mail ("${response}"): enter the user name and save the SMTP password`);
      }
      const what = failure.command === 'MAIL FROM' ? 'the sender' : failure.command === 'DATA' ? 'the message' : 'every recipient';
      return make('rejected', `the server refused ${what}: "${response}". ${rejectionHint(response)}`);
    }
    case 'ESOCKET':
    case 'ECONNECTION':
      if (failure.originalCode !== null && TLS_ERROR_CODE.test(failure.originalCode)) {
        return make('tls', tlsFailure(failure, context, where));
      }
      if (response !== null) return make('connection', `the server at ${where} ended the session: "${response}"`);
      return make('connection', connectionFailure(failure, where));
    case 'EPROTOCOL':
      return make(
        'protocol',
        response === null
          ? `the server at ${where} broke the SMTP protocol: ${failure.message}`
          : `the server at ${where} answered "${response}", which is not what SMTP expects here`,
      );
    default:
      return make('protocol', `sending the test message failed: ${failure.message}`);
  }
}
