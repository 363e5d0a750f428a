import { AuthError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { M365Error } from '../../../../main/core/m365/errors.js';
import type { HttpRequest, HttpTransport } from '../../../../main/core/m365/http.js';
import { TransportAuthError, createMsalNetworkModule } from '../../../../main/core/m365/msal-network.js';

describe('createMsalNetworkModule', () => {
  it('sends MSAL requests through the transport and parses the JSON answer', async () => {
    const seen: HttpRequest[] = [];
    const transport: HttpTransport = (request) => {
      seen.push(request);
      return Promise.resolve({ status: 400, headers: { 'x-ms-request-id': 'r1' }, body: '{"error":"authorization_pending"}' });
    };
    const module = createMsalNetworkModule(transport);
    await expect(module.sendPostRequestAsync('https://login.microsoftonline.com/organizations/oauth2/v2.0/token', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=device_code' })).resolves.toEqual({
      status: 400,
      headers: { 'x-ms-request-id': 'r1' },
      body: { error: 'authorization_pending' },
    });
    expect(seen[0]).toMatchObject({ method: 'POST', body: 'grant_type=device_code' });
    await module.sendGetRequestAsync('https://login.microsoftonline.com/common/discovery/instance');
    expect(seen[1]).toMatchObject({ method: 'GET', headers: {} });
    expect(seen[1]?.body).toBeUndefined();
  });

  it('hands MSAL an AuthError that keeps our reason for non-JSON answers and network failures', async () => {
    const html = createMsalNetworkModule(() => Promise.resolve({ status: 200, headers: {}, body: '<html>' }));
    const failure: unknown = await html.sendGetRequestAsync('https://login.microsoftonline.com/x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthError);
    expect(failure).toBeInstanceOf(TransportAuthError);
    expect((failure as TransportAuthError).original).toMatchObject({ kind: 'malformed' });

    const down = createMsalNetworkModule(() => Promise.reject(new M365Error('network', 'unreachable')));
    const network: unknown = await down.sendGetRequestAsync('https://login.microsoftonline.com/x').catch((error: unknown) => error);
    expect(network).toMatchObject({ errorCode: 'network_error' });
  });
});
