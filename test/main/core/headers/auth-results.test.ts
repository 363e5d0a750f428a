import { describe, it, expect } from 'vitest';
import { parseAuthenticationResults, parseReceivedSpf } from '../../../../main/core/headers/auth-results.js';

describe('parseAuthenticationResults', () => {
  it('reads Microsoft\'s header, which has no authserv-id', () => {
    const results = parseAuthenticationResults(
      'spf=fail (sender IP is 203.0.113.9) smtp.mailfrom=contoso.test; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=contoso.test;compauth=fail reason=000',
      'Authentication-Results',
      0,
    );
    expect(results.map((r) => [r.method, r.result])).toEqual([
      ['spf', 'fail'],
      ['dkim', 'none'],
      ['dmarc', 'fail'],
      ['compauth', 'fail'],
    ]);
    expect(results[0]?.comments).toEqual(['sender IP is 203.0.113.9']);
    expect(results[0]?.properties['smtp.mailfrom']).toBe('contoso.test');
    expect(results[0]?.authservId).toBeNull();
    expect(results[2]?.properties.action).toBe('quarantine');
    expect(results[3]?.properties.reason).toBe('000');
  });

  it('reads an authserv-id, quoted values and semicolons inside comments', () => {
    const results = parseAuthenticationResults('mail.contoso.test 1; dkim=pass (2048-bit key; unprotected) header.d=contoso.test header.b="Ab;Cd"; dmarc=pass (p=quarantine dis=none) header.from=contoso.test', 'Authentication-Results', 3);
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ method: 'dkim', result: 'pass', authservId: 'mail.contoso.test', fieldIndex: 3, comments: ['2048-bit key; unprotected'] });
    expect(results[0]?.properties['header.b']).toBe('Ab;Cd');
  });

  it('drops the instance tag of ARC-Authentication-Results', () => {
    const results = parseAuthenticationResults('i=1; mx.google.com; spf=softfail smtp.mailfrom=frank@example.test', 'ARC-Authentication-Results', 0);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ method: 'spf', result: 'softfail', authservId: 'mx.google.com', source: 'ARC-Authentication-Results' });
  });

  it('returns nothing for "none"', () => {
    expect(parseAuthenticationResults('mx.contoso.test; none', 'Authentication-Results', 0)).toEqual([]);
  });
});

describe('parseReceivedSpf', () => {
  it('reads the result, the comment and the key=value pairs', () => {
    const spf = parseReceivedSpf('Pass (protection.outlook.com: domain of example.test designates 198.51.100.20 as permitted sender) receiver=protection.outlook.com; client-ip=198.51.100.20; helo=mail.example.test;', 0);
    expect(spf).toMatchObject({ method: 'spf', result: 'pass', authservId: 'protection.outlook.com', source: 'Received-SPF' });
    expect(spf?.properties['client-ip']).toBe('198.51.100.20');
    expect(spf?.comments[0]).toContain('designates 198.51.100.20');
  });

  it('returns null for an empty value', () => {
    expect(parseReceivedSpf('', 0)).toBeNull();
  });
});
