import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressScope, ipFamily, isPrivateAddress } from '../../../preload/vocabulary/address-scope.js';

describe('where an address can be reached from', () => {
  it('names loopback, private, carrier-grade NAT, link-local and unique-local ranges, and the rest public', () => {
    expect(addressScope('127.0.0.50')).toBe('loopback');
    expect(addressScope('::1')).toBe('loopback');
    expect(addressScope('10.1.2.3')).toBe('private');
    expect(addressScope('172.31.255.254')).toBe('private');
    expect(addressScope('192.168.1.20')).toBe('private');
    expect(addressScope('100.64.0.1')).toBe('cgnat');
    expect(addressScope('100.127.255.255')).toBe('cgnat');
    expect(addressScope('100.128.0.1')).toBe('public');
    expect(addressScope('169.254.10.1')).toBe('link-local');
    expect(addressScope('fe80::1')).toBe('link-local');
    expect(addressScope('fd00::1')).toBe('unique-local');
    expect(addressScope('::ffff:192.168.0.5')).toBe('private');
    expect(addressScope('203.0.113.10')).toBe('public');
    expect(addressScope('2001:db8::1')).toBe('public');
    expect(addressScope('not an address')).toBe('unspecified');
    expect(isPrivateAddress('10.1.2.3')).toBe(true);
    expect(isPrivateAddress('198.51.100.7')).toBe(false);
  });

  it('tells an IP address from other text as node:net does, without node:net (the renderer uses it too)', () => {
    const text = fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string(), fc.domain(), fc.ipV4().map((ip) => `${ip}/24`), fc.ipV6().map((ip) => `${ip}%eth0`));
    fc.assert(
      fc.property(text, (candidate) => {
        expect(ipFamily(candidate)).toBe(isIP(candidate));
      }),
      { numRuns: 2000 },
    );
  });
});
