import { describe, expect, it } from 'vitest';
import { parseDnsServer } from '../../../../preload/vocabulary/validation/dns-server.js';

describe('parseDnsServer', () => {
  it('accepts IPv4 and IPv6 with or without a port', () => {
    expect(parseDnsServer('192.0.2.53')).toEqual({ ok: true, value: { address: '192.0.2.53', port: 53 } });
    expect(parseDnsServer('127.0.0.53:5353')).toEqual({ ok: true, value: { address: '127.0.0.53', port: 5353 } });
    expect(parseDnsServer('::1')).toEqual({ ok: true, value: { address: '::1', port: 53 } });
    expect(parseDnsServer('[2001:db8::53]:5300')).toEqual({ ok: true, value: { address: '2001:db8::53', port: 5300 } });
  });
  it('refuses names, bad ports and junk with one line', () => {
    for (const bad of ['dns.example.test', '127.0.0.1:99999', '1.2.3.4:53:53', '', '1.2.3.4;rm']) {
      const result = parseDnsServer(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).not.toContain('\n');
    }
  });
});
