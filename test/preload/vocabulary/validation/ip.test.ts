import { describe, expect, it } from 'vitest';
import { parseIpv4, parseIpv4Cidr, parseIpv4OrCidr, parseIpv6 } from '../../../../preload/vocabulary/validation/ip.js';

describe('parseIpv4', () => {
  it('accepts a dotted quad', () => {
    expect(parseIpv4(' 203.0.113.10 ')).toEqual({ ok: true, value: '203.0.113.10' });
  });

  it.each(['203.0.113', '203.0.113.256', '203.0.113.010', '203.0.113.0/24', '::1', '1.2.3.4;id', ''])('rejects %j', (input) => {
    expect(parseIpv4(input).ok).toBe(false);
  });
});

describe('parseIpv4Cidr', () => {
  it('accepts a network in CIDR form', () => {
    expect(parseIpv4Cidr('203.0.113.0/24')).toEqual({ ok: true, value: '203.0.113.0/24' });
    expect(parseIpv4Cidr('203.0.113.10/32')).toEqual({ ok: true, value: '203.0.113.10/32' });
  });

  it('points out host bits and suggests the network', () => {
    expect(parseIpv4Cidr('203.0.113.10/24')).toEqual({ ok: false, error: expect.stringContaining('203.0.113.0/24') as unknown });
  });

  it('enforces the allowed prefix range', () => {
    const wide = parseIpv4Cidr('203.0.112.0/23', { minPrefix: 24, maxPrefix: 32 });
    expect(wide).toEqual({ ok: false, error: expect.stringContaining('/24 to /32') as unknown });
    expect(parseIpv4Cidr('203.0.113.0/33').ok).toBe(false);
    expect(parseIpv4Cidr('203.0.113.0').ok).toBe(false);
  });
});

describe('parseIpv4OrCidr', () => {
  it('takes either form', () => {
    expect(parseIpv4OrCidr('198.51.100.7')).toEqual({ ok: true, value: '198.51.100.7' });
    expect(parseIpv4OrCidr('198.51.100.0/28', { minPrefix: 24 })).toEqual({ ok: true, value: '198.51.100.0/28' });
    expect(parseIpv4OrCidr('198.51.0.0/16', { minPrefix: 24 }).ok).toBe(false);
  });
});

describe('parseIpv6', () => {
  it('returns the canonical compressed form', () => {
    expect(parseIpv6('2001:0DB8:0000::0025')).toEqual({ ok: true, value: '2001:db8::25' });
  });

  it.each(['fe80::1%eth0', '2001:db8::/32', '203.0.113.1', '2001:db8:::1', '[2001:db8::1]'])('rejects %j', (input) => {
    expect(parseIpv6(input).ok).toBe(false);
  });
});
