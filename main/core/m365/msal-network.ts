/**
 * MSAL's network client on our HTTPS transport, so sign-in trusts the same extra roots as the rest
 * (and a test CA in tests) with verification on, goes through the same proxy, and so every host
 * MSAL contacts is visible. It also fills two gaps of MSAL's device code flow: a refusal of the
 * device code request, and every polling error but authorization_pending, reach MSAL without their
 * reason (it reports "post_request_failed"), and MSAL stops at slow_down where RFC 8628 §3.5 asks
 * the client to poll 5 seconds slower and go on.
 */
import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { M365Error, errorMessage } from './errors.js';
import type { HttpTransport, Sleep } from './http.js';
import { realSleep } from './http.js';
import { explainAadsts, explainDeviceCodeError } from './sign-in-errors.js';

/**
 * MSAL turns any non-AuthError from the network client into a bare "network_error", losing why;
 * carrying our M365Error inside an AuthError keeps the reason for toM365Error.
 */
export class TransportAuthError extends AuthError {
  constructor(readonly original: M365Error) {
    super(original.kind === 'network' ? 'network_error' : `transport_${original.kind}`, original.message);
    Object.setPrototypeOf(this, TransportAuthError.prototype);
    this.name = 'TransportAuthError';
  }
}

export interface MsalNetworkOptions {
  /** For the advice in sign-in errors. */
  readonly clientId?: string;
  readonly tenant?: string;
  /** Injected so tests do not wait. */
  readonly sleep?: Sleep;
  /** How much slower to poll after each slow_down; RFC 8628 says 5 seconds. */
  readonly slowDownStepMs?: number;
}

const SLOW_DOWN_STEP_MS = 5000;
/** A service that keeps answering slow_down is treated as refusing. */
const MAX_SLOW_DOWNS = 10;
const DEVICE_CODE_GRANTS = new Set(['device_code', 'urn:ietf:params:oauth:grant-type:device_code']);

function parse(url: string, status: number, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const where = new URL(url);
    throw new M365Error('malformed', `The sign-in service at ${where.host}${where.pathname} answered HTTP ${String(status)} without valid JSON (${errorMessage(error)}); a proxy may be answering instead of Microsoft.`, { status });
  }
}

interface OAuthError {
  readonly error: string;
  /** error_description without the trace and correlation ids Entra appends. */
  readonly description: string;
}

function oauthError(body: unknown): OAuthError | null {
  if (typeof body !== 'object' || body === null || !('error' in body) || typeof body.error !== 'string') return null;
  const description = 'error_description' in body && typeof body.error_description === 'string' ? body.error_description : '';
  return { error: body.error, description: description.split(/\r?\n| Trace ID:/)[0]?.trim() ?? '' };
}

export function createMsalNetworkModule(transport: HttpTransport, options: MsalNetworkOptions = {}): INetworkModule {
  const sleep = options.sleep ?? realSleep;
  const step = options.slowDownStepMs ?? SLOW_DOWN_STEP_MS;
  const context = { clientId: options.clientId ?? 'of the settings', tenant: options.tenant ?? 'organizations' };
  /** Extra wait per device code after slow_down answers. */
  const extraWait = new Map<string, number>();

  const refusal = (found: OAuthError, status: number, what: string): M365Error =>
    explainDeviceCodeError(found.error) ??
    explainAadsts(found.description, context) ??
    new M365Error('service', `Microsoft 365 refused ${what}: ${found.error}${found.description === '' ? '' : ` (${found.description})`}.`, { status, code: found.error });

  const exchange = async <T>(method: 'GET' | 'POST', url: string, requestOptions: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> => {
    const response = await transport({
      method,
      url,
      headers: requestOptions?.headers ?? {},
      ...(method === 'POST' ? { body: requestOptions?.body ?? '' } : {}),
    });
    return { status: response.status, headers: { ...response.headers }, body: parse(url, response.status, response.body) as T };
  };

  /** One device code poll; slow_down waits longer and polls again, the final refusals become their own errors. */
  const poll = async <T>(url: string, requestOptions: NetworkRequestOptions | undefined, deviceCode: string): Promise<NetworkResponse<T>> => {
    for (let slowDowns = 0; ; slowDowns += 1) {
      const extra = extraWait.get(deviceCode) ?? 0;
      if (extra > 0) await sleep(extra);
      const response = await exchange<T>('POST', url, requestOptions);
      const found = oauthError(response.body);
      if (found === null) {
        extraWait.delete(deviceCode);
        return response;
      }
      if (found.error === 'authorization_pending') return response;
      if (found.error === 'slow_down' && slowDowns < MAX_SLOW_DOWNS) {
        extraWait.set(deviceCode, extra + step);
        continue;
      }
      extraWait.delete(deviceCode);
      throw refusal(found, response.status, 'the sign-in with a code');
    }
  };

  const send = async <T>(method: 'GET' | 'POST', url: string, requestOptions: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> => {
    try {
      if (method === 'POST') {
        const form = new URLSearchParams(requestOptions?.body ?? '');
        const deviceCode = form.get('device_code');
        if (DEVICE_CODE_GRANTS.has(form.get('grant_type') ?? '') && deviceCode !== null) return await poll<T>(url, requestOptions, deviceCode);
        if (new URL(url).pathname.endsWith('/oauth2/v2.0/devicecode')) {
          const response = await exchange<T>(method, url, requestOptions);
          const found = oauthError(response.body);
          if (found !== null) throw refusal(found, response.status, 'to start a sign-in with a code');
          return response;
        }
      }
      return await exchange<T>(method, url, requestOptions);
    } catch (error) {
      throw error instanceof M365Error ? new TransportAuthError(error) : error;
    }
  };
  return {
    sendGetRequestAsync: (url, requestOptions) => send('GET', url, requestOptions),
    sendPostRequestAsync: (url, requestOptions) => send('POST', url, requestOptions),
  };
}
