import { describe, expect, it } from 'vitest';
import { parseHost } from '../../../../preload/vocabulary/validation/host.js';

describe('parseHost', () => {
  it('accepts an FQDN, an IPv4 and an IPv6 literal', () => {
    expect(parseHost('Mail.Contoso.com')).toEqual({ ok: true, value: 'mail.contoso.com' });
    expect(parseHost('203.0.113.25')).toEqual({ ok: true, value: '203.0.113.25' });
    expect(parseHost('2001:db8::25')).toEqual({ ok: true, value: '2001:db8::25' });
  });

  it('rejects single labels, broken addresses and hostile text', () => {
    for (const input of ['localhost', '203.0.113', 'mail.contoso.com:25', 'mail.contoso.com; id', '']) {
      const result = parseHost(input);
      expect(result.ok, input).toBe(false);
    }
  });
});
