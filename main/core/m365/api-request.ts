/**
 * One call to Microsoft Graph or the Exchange Online Admin API, done the way Microsoft asks clients
 * to behave: a 429 (or 503) is retried after the Retry-After it names, a bounded number of times,
 * and every refusal becomes an M365Error that says what to do.
 */
import type { z } from 'zod';
import { M365Error, errorMessage } from './errors.js';
import type { HttpTransport, Sleep } from './http.js';
import { realSleep } from './http.js';

export interface ApiClientOptions {
  readonly transport: HttpTransport;
  /** A fresh access token for this API's resource. */
  readonly getToken: () => Promise<string>;
  /** Injected so tests do not wait; default setTimeout. */
  readonly sleep?: Sleep;
  /** For Retry-After given as an HTTP date; default Date.now. */
  readonly now?: () => number;
  /** Retries after throttling; default 3. */
  readonly maxRetries?: number;
  /** A longer Retry-After is not waited for: the call fails as throttled. Default 120 s. */
  readonly maxRetryAfterMs?: number;
  readonly signal?: AbortSignal;
}

export interface ApiCall<T> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly schema: z.ZodType<T>;
  /** What is being read, for messages: "the tenant's domains". */
  readonly what: string;
  /** What to grant when the service answers 403. */
  readonly permissionAdvice: string;
  /** A service-specific reading of a refusal (status, the service's own words); null falls back to the generic one. */
  readonly explainRefusal?: (status: number, said: string) => M365Error | null;
}

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
const RETRIED_STATUSES = new Set([429, 503]);

/** Microsoft's error envelope: {"error": {"code", "message"}} (Graph and the Admin API alike). */
function serviceError(body: string): { readonly code: string | null; readonly message: string | null } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error: unknown = parsed.error;
      if (typeof error === 'object' && error !== null) {
        const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
        const message = 'message' in error && typeof error.message === 'string' ? error.message : null;
        return { code, message };
      }
    }
  } catch {
    return { code: null, message: null };
  }
  return { code: null, message: null };
}

/** Milliseconds to wait: Retry-After in seconds or as an HTTP date; without one, 2^attempt seconds. */
export function retryDelayMs(retryAfter: string | undefined, attempt: number, now: number): number {
  if (retryAfter !== undefined) {
    const trimmed = retryAfter.trim();
    if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
    const date = Date.parse(trimmed);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  return 2 ** attempt * 1000;
}

function shownUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}

export async function callApi<T>(options: ApiClientOptions, call: ApiCall<T>): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const where = shownUrl(call.url);
  for (let attempt = 0; ; attempt += 1) {
    const token = await options.getToken();
    const response = await options.transport({
      method: call.method,
      url: call.url,
      headers: {
        accept: 'application/json',
        authorization: `Bearer ${token}`,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...call.headers,
      },
      ...(call.body === undefined ? {} : { body: JSON.stringify(call.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (RETRIED_STATUSES.has(response.status)) {
      const delay = retryDelayMs(response.headers['retry-after'], attempt + 1, now());
      if (attempt < maxRetries && delay <= maxRetryAfterMs) {
        await sleep(delay, options.signal);
        continue;
      }
      const seconds = Math.ceil(delay / 1000);
      throw new M365Error(
        'throttled',
        `Microsoft 365 is throttling requests for ${call.what} (HTTP ${String(response.status)} after ${String(attempt + 1)} attempt${attempt === 0 ? '' : 's'}); try again in about ${String(seconds)} s.`,
        { status: response.status },
      );
    }
    if (response.status < 200 || response.status > 299) throw refusal(call, where, response.status, response.body);
    return parse(call, where, response.body);
  }
}

function refusal<T>(call: ApiCall<T>, where: string, status: number, body: string): M365Error {
  const { code, message } = serviceError(body);
  const said = message === null ? '' : ` ("${message}")`;
  const detail = { status, ...(code === null ? {} : { code }) };
  const explained = call.explainRefusal?.(status, said) ?? null;
  if (explained !== null) return explained;
  if (status === 401) {
    return new M365Error('sign-in-required', `Microsoft 365 did not accept the sign-in for ${call.what}${said}: sign in again.`, detail);
  }
  if (status === 403) {
    return new M365Error('permission', `Not allowed to read ${call.what}${said}. ${call.permissionAdvice}`, detail);
  }
  return new M365Error('service', `${where} answered HTTP ${String(status)}${code === null ? '' : ` ${code}`} when reading ${call.what}${said}.`, detail);
}

function parse<T>(call: ApiCall<T>, where: string, body: string): T {
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch (error) {
    throw new M365Error('malformed', `${where} did not send valid JSON for ${call.what} (${errorMessage(error)}).`);
  }
  const parsed = call.schema.safeParse(document);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const at = first === undefined || first.path.length === 0 ? '' : ` at ${first.path.join('.')}`;
    throw new M365Error('malformed', `${where} sent ${call.what} in an unexpected shape${at}: ${first?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}
