/**
 * MSAL's network client on our HTTPS transport, so sign-in trusts the same extra roots as the rest
 * (and a test CA in tests) with verification on, and so every host MSAL contacts is visible.
 */
import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import { M365Error } from './errors.js';
import type { HttpTransport } from './http.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

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

function parse(url: string, status: number, body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    const where = new URL(url);
    throw new M365Error('malformed', `The sign-in service at ${where.host}${where.pathname} answered HTTP ${String(status)} without valid JSON (${errorMessage(error)}); a proxy may be answering instead of Microsoft.`, { status });
  }
}

export function createMsalNetworkModule(transport: HttpTransport): INetworkModule {
  /** MSAL reads the body as the shape it expects for each endpoint and checks the fields it uses. */
  const send = async <T>(method: 'GET' | 'POST', url: string, options: NetworkRequestOptions | undefined): Promise<NetworkResponse<T>> => {
    try {
      const response = await transport({
        method,
        url,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
      });
      return { status: response.status, headers: { ...response.headers }, body: parse(url, response.status, response.body) as T };
    } catch (error) {
      throw error instanceof M365Error ? new TransportAuthError(error) : error;
    }
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
