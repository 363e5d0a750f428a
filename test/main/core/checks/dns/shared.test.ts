import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainOf, sameAddress, smartHostAddresses } from '../../../../../main/core/checks/dns/shared.js';
import { createResolver } from '../../../../../main/core/dns/node-resolver.js';
import { startDnsServer, type LabDnsServer } from '../../../../lab/dns-server.js';
import { createCheckContext } from '../../../../lab/check-context.js';

describe('smartHostAddresses against the lab DNS server on ::1', () => {
  let dns: LabDnsServer;

  beforeAll(async () => {
    dns = await startDnsServer({
      address: '::1',
      zone: {
        'mail.contoso.test': [{ type: 'A', value: '203.0.113.10' }, { type: 'AAAA', value: '2001:db8::10' }],
        'smtp.contoso.test': [{ type: 'CNAME', value: 'mail.contoso.test' }],
      },
    });
  });
  afterAll(async () => {
    await dns.close();
  });

  it('resolves A and AAAA through a CNAME, once per run', async () => {
    const ctx = createCheckContext({
      inputs: { smartHosts: ['smtp.contoso.test'] },
      resolver: createResolver({ server: { address: '::1', port: dns.port }, timeoutMs: 300, tries: 1 }),
    });
    const first = await smartHostAddresses(ctx, 'smtp.contoso.test');
    const before = dns.queries.length;
    const second = await smartHostAddresses(ctx, 'smtp.contoso.test');
    expect(first).toEqual({ ok: true, addresses: ['203.0.113.10', '2001:db8::10'], literal: false });
    expect(second).toBe(first);
    expect(dns.queries.length).toBe(before);
  });
});

describe('dns check helpers', () => {
  it('normalises a per-domain target and refuses a missing one', () => {
    expect(domainOf('dns.mx', 'Contoso.TEST.')).toBe('contoso.test');
    expect(() => domainOf('dns.mx', null)).toThrow(/dns\.mx is a per-domain check/);
  });

  it('compares addresses in any notation', () => {
    expect(sameAddress('2001:db8::1', '2001:0db8:0:0:0:0:0:1')).toBe(true);
    expect(sameAddress('203.0.113.10', '203.0.113.11')).toBe(false);
    expect(sameAddress('203.0.113.10', 'mail.contoso.test')).toBe(false);
  });
});
