import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import { resolveSmartHost } from '../../../../main/core/dns/smart-host.js';
import { startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';

describe('resolveSmartHost against the lab DNS server on ::1', () => {
  let dns: LabDnsServer;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '::1',
      zone: {
        'mail.contoso.test': [{ type: 'A', value: '203.0.113.10' }, { type: 'AAAA', value: '2001:db8::10' }],
        'smtp.contoso.test': [{ type: 'CNAME', value: 'mail.contoso.test' }],
        'v6only.contoso.test': [{ type: 'AAAA', value: '2001:db8::11' }],
        'slow.contoso.test': 'SILENT',
      },
    });
  });
  afterAll(async () => {
    await dns.close();
  });

  const resolve = (smartHost: string) => resolveSmartHost(createResolver({ server: { address: '::1', port: dns.port }, timeoutMs: 300, tries: 1 }), smartHost);

  it('resolves A and AAAA through a CNAME', async () => {
    expect(await resolve('smtp.contoso.test')).toEqual({ ok: true, addresses: ['203.0.113.10', '2001:db8::10'], literal: false });
  });

  it('accepts an IPv6-only host and an address literal', async () => {
    const before = dns.queries.length;
    expect(await resolve('2001:db8::1')).toEqual({ ok: true, addresses: ['2001:db8::1'], literal: true });
    expect(dns.queries.length).toBe(before);
    expect(await resolve('v6only.contoso.test')).toEqual({ ok: true, addresses: ['2001:db8::11'], literal: false });
  });

  it('reports the failure kind', async () => {
    expect(await resolve('gone.contoso.test')).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
    expect(await resolve('slow.contoso.test')).toMatchObject({ ok: false, failure: 'TIMEOUT' });
  });
});
