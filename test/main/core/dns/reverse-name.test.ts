import { describe, expect, it } from 'vitest';
import { reverseLookupName } from '../../../../main/core/dns/reverse-name.js';

describe('reverseLookupName', () => {
  it('builds in-addr.arpa and ip6.arpa names without the trailing dot', () => {
    expect(reverseLookupName('203.0.113.10')).toBe('10.113.0.203.in-addr.arpa');
    expect(reverseLookupName('2001:db8::1')).toBe('1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  });
  it('refuses a name that is not an address', () => {
    expect(() => reverseLookupName('mail.contoso.test')).toThrow(/not an IP address/);
  });
});
