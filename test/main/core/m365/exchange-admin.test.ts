import { describe, expect, it } from 'vitest';
import { createExchangeAdminClient } from '../../../../main/core/m365/exchange-admin.js';
import type { HttpRequest, HttpTransport } from '../../../../main/core/m365/http.js';

const TENANT = '0550b473-9fd2-4dbb-a058-a1640b4bf458';
const URL_BASE = `https://outlook.office365.com/adminapi/v2.0/${TENANT}/AcceptedDomain`;

describe('createExchangeAdminClient', () => {
  it('runs Get-AcceptedDomain with the routing hint and follows nextLink', async () => {
    const seen: HttpRequest[] = [];
    const pages: Readonly<Record<string, unknown>> = {
      [URL_BASE]: { value: [{ DomainName: 'Contoso.test', DomainType: 'Authoritative', Default: true }], '@odata.nextLink': `${URL_BASE}?$skiptoken=1` },
      [`${URL_BASE}?$skiptoken=1`]: { value: [{ DomainName: 'relay.contoso.test', DomainType: 'InternalRelay' }] },
    };
    const transport: HttpTransport = (request) => {
      seen.push(request);
      return Promise.resolve({ status: 200, headers: {}, body: JSON.stringify(pages[request.url]) });
    };
    const client = createExchangeAdminClient({ baseUrl: 'https://outlook.office365.com', tenantId: TENANT, userPrincipalName: 'admin@contoso.test' }, { transport, getToken: () => Promise.resolve('t') });
    expect(await client.acceptedDomains()).toEqual([
      { domainName: 'contoso.test', domainType: 'Authoritative', isDefault: true },
      { domainName: 'relay.contoso.test', domainType: 'InternalRelay', isDefault: false },
    ]);
    expect(seen.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ CmdletInput: { CmdletName: 'Get-AcceptedDomain', Parameters: {} } });
    expect(seen[0]?.headers['x-anchormailbox']).toBe('UPN:admin@contoso.test');
  });
});
