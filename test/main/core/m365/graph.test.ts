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

  it('reduces serviceConfigurationRecords to the values the checks compare, reporting what it cannot read', async () => {
    const { transport } = routes({
      [`${BASE}/v1.0/domains/contoso.test/serviceConfigurationRecords`]: {
        value: [
          ...SAMPLE_TENANT.records['contoso.test'],
          { '@odata.type': 'microsoft.graph.domainDnsUnavailableRecord', isOptional: false, label: 'contoso.test', recordType: 'Unavailable', supportedService: 'Email', ttl: 3600, description: 'n/a' },
          { '@odata.type': 'microsoft.graph.domainDnsCaaRecord', isOptional: true, label: 'contoso.test', recordType: 'Caa', supportedService: 'Email', ttl: 3600, value: 'x' },
        ],
      },
    });
    const read = await createGraphClient(BASE, { transport, getToken: () => Promise.resolve('t') }).serviceConfigurationRecords('contoso.test');
    expect(read.records.map((record) => record.type)).toEqual(['MX', 'TXT', 'CNAME', 'CNAME', 'SRV']);
    expect(read.records[0]).toEqual({ type: 'MX', label: 'contoso.test', service: 'Email', optional: false, ttl: 3600, mailExchange: 'contoso-test.e-v1.mx.microsoft', preference: 0 });
    expect(read.records[4]).toMatchObject({ type: 'SRV', target: 'sipdir.online.lync.com', port: 443 });
    expect(read.unreadable).toEqual([
      { label: 'contoso.test', service: 'Email', optional: false, kind: 'Unavailable' },
      { label: 'contoso.test', service: 'Email', optional: true, kind: 'Caa' },
    ]);
  });

  it('decides the kind by recordType, and reads @odata.type with or without "#" when recordType is missing', async () => {
    const mx = { isOptional: false, label: 'contoso.test', supportedService: 'Email', ttl: 3600, mailExchange: 'Contoso-Test.mail.protection.outlook.com.', preference: 0 };
    const { transport } = routes({
      [`${BASE}/v1.0/domains/contoso.test/serviceConfigurationRecords`]: {
        value: [
          { ...mx, '@odata.type': '#microsoft.graph.domainDnsMxRecord', recordType: 'Mx' },
          { ...mx, '@odata.type': 'microsoft.graph.domainDnsMxRecord', recordType: 'MX' },
          { ...mx, '@odata.type': '#microsoft.graph.domainDnsMxRecord' },
          { ...mx, '@odata.type': 'microsoft.graph.domainDnsMxRecord' },
          { ...mx, '@odata.type': 'microsoft.graph.somethingNew', recordType: 'Mx' },
        ],
      },
    });
    const read = await createGraphClient(BASE, { transport, getToken: () => Promise.resolve('t') }).serviceConfigurationRecords('contoso.test');
    expect(read.records).toHaveLength(5);
    expect(new Set(read.records.map((record) => (record.type === 'MX' ? record.mailExchange : '')))).toEqual(new Set(['contoso-test.mail.protection.outlook.com']));
    expect(read.unreadable).toEqual([]);
  });

  it('an MX record without its value makes the answer unreadable instead of "no MX expected"', async () => {
    const { transport } = routes({
      [`${BASE}/v1.0/domains/contoso.test/serviceConfigurationRecords`]: {
        value: [{ '@odata.type': 'microsoft.graph.domainDnsMxRecord', isOptional: false, label: 'contoso.test', recordType: 'Mx', supportedService: 'Email', ttl: 3600 }],
      },
    });
    await expect(createGraphClient(BASE, { transport, getToken: () => Promise.resolve('t') }).serviceConfigurationRecords('contoso.test')).rejects.toMatchObject({
      name: 'M365Error',
      kind: 'malformed',
      message: expect.stringMatching(/MX record for contoso.test without mailExchange/) as unknown,
    });
  });
});
