import { describe, expect, it } from 'vitest';
import { createGraphClient } from '../../../../main/core/m365/graph.js';
import type { HttpRequest, HttpTransport } from '../../../../main/core/m365/http.js';
import { SAMPLE_TENANT } from '../../../lab/m365-peer.js';

function routes(answers: Readonly<Record<string, unknown>>): { transport: HttpTransport; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    transport: (request) => {
      seen.push(request);
      const body = answers[request.url];
      return Promise.resolve(body === undefined ? { status: 404, headers: {}, body: '{}' } : { status: 200, headers: {}, body: JSON.stringify(body) });
    },
  };
}

const BASE = 'https://graph.microsoft.com';

describe('createGraphClient', () => {
  it('follows @odata.nextLink across pages of domains', async () => {
    const [first, second, third] = SAMPLE_TENANT.domains;
    const { transport, seen } = routes({
      [`${BASE}/v1.0/domains`]: { value: [first], '@odata.nextLink': `${BASE}/v1.0/domains?$skiptoken=2` },
      [`${BASE}/v1.0/domains?$skiptoken=2`]: { value: [second, third] },
    });
    const domains = await createGraphClient(BASE, { transport, getToken: () => Promise.resolve('t') }).listDomains();
    expect(domains.map((domain) => domain.id)).toEqual(['contoso.test', 'fabrikam.test', 'contoso.onmicrosoft.test']);
    expect(seen.map((request) => request.method)).toEqual(['GET', 'GET']);
  });

  it('reduces serviceConfigurationRecords to the values the checks compare', async () => {
    const { transport } = routes({
      [`${BASE}/v1.0/domains/contoso.test/serviceConfigurationRecords`]: {
        value: [
          ...SAMPLE_TENANT.records['contoso.test'],
          { '@odata.type': '#microsoft.graph.domainDnsUnavailableRecord', isOptional: false, label: 'contoso.test', recordType: 'Unavailable', supportedService: 'Email', ttl: 3600, description: 'n/a' },
        ],
      },
    });
    const records = await createGraphClient(BASE, { transport, getToken: () => Promise.resolve('t') }).serviceConfigurationRecords('contoso.test');
    expect(records.map((record) => record.type)).toEqual(['MX', 'TXT', 'CNAME', 'CNAME', 'SRV']);
    expect(records[0]).toEqual({ type: 'MX', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 });
    expect(records[4]).toMatchObject({ type: 'SRV', target: 'sipdir.online.lync.com', port: 443 });
  });
});
