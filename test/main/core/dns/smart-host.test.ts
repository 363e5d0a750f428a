import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResolver } from '../../../../main/core/dns/node-resolver.js';
import { smartHostAddresses } from '../../../../main/core/dns/smart-host.js';
import { startDnsServer, type LabDnsServer } from '../../../lab/dns-server.js';
import { createCheckContext } from '../../../lab/check-context.js';

describe('smartHostAddresses against the lab DNS server on ::1', () => {
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

  const context = (smartHost: string) =>
    createCheckContext({
      inputs: { smartHost },
      resolver: createResolver({ server: { address: '::1', port: dns.port }, timeoutMs: 300, tries: 1 }),
    });

  it('resolves A and AAAA through a CNAME, once per run', async () => {
    const ctx = context('smtp.contoso.test');
    const first = await smartHostAddresses(ctx);
    const before = dns.queries.length;
    const second = await smartHostAddresses(ctx);
    expect(first).toEqual({ ok: true, addresses: ['203.0.113.10', '2001:db8::10'], literal: false });
    expect(second).toBe(first);
    expect(dns.queries.length).toBe(before);
  });

  it('accepts an IPv6-only host and an address literal', async () => {
    expect(await smartHostAddresses(context('v6only.contoso.test'))).toEqual({ ok: true, addresses: ['2001:db8::11'], literal: false });
    expect(await smartHostAddresses(context('2001:db8::1'))).toEqual({ ok: true, addresses: ['2001:db8::1'], literal: true });
  });

  it('reports the failure kind', async () => {
    expect(await smartHostAddresses(context('gone.contoso.test'))).toMatchObject({ ok: false, failure: 'NXDOMAIN' });
    expect(await smartHostAddresses(context('slow.contoso.test'))).toMatchObject({ ok: false, failure: 'TIMEOUT' });
  });
});
