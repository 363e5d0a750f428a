import { describe, expect, it } from 'vitest';
import { parseDomain } from '../../../../preload/vocabulary/validation/domain.js';

describe('parseDomain', () => {
  it('normalises case, whitespace and the trailing dot', () => {
    expect(parseDomain(' Contoso.COM. ')).toEqual({ ok: true, value: 'contoso.com' });
    expect(parseDomain('mail.sub.contoso-test.co.uk')).toEqual({ ok: true, value: 'mail.sub.contoso-test.co.uk' });
  });

  it('accepts punycode labels and rejects broken punycode', () => {
    expect(parseDomain('xn--mnchen-3ya.de')).toEqual({ ok: true, value: 'xn--mnchen-3ya.de' });
    const broken = parseDomain('xn--zz.de');
    expect(broken.ok).toBe(false);
  });

  it('rejects Unicode input and suggests the punycode form', () => {
    const result = parseDomain('münchen.de');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('xn--mnchen-3ya.de') as unknown });
  });

  it('rejects a Cyrillic look-alike letter', () => {
    const result = parseDomain('c\u043entoso.com');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('non-ASCII');
  });

  it.each([
    ['', 'empty'],
    ['contoso', 'at least two labels'],
    ['contoso..com', 'empty label'],
    ['.contoso.com', 'empty label'],
    ['-contoso.com', 'hyphen'],
    ['contoso-.com', 'hyphen'],
    ['con_toso.com', 'letters, digits and hyphens'],
    ['con toso.com', 'letters, digits and hyphens'],
    ['contoso.123', 'all digits'],
    [`${'a'.repeat(64)}.com`, 'longer than 63'],
    [`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.com`, 'longer than 253'],
    ['contoso.com\nrm -rf /', 'control character'],
    ["contoso.com';calc;'", 'letters, digits and hyphens'],
    ['$(whoami).contoso.com', 'letters, digits and hyphens'],
    ['`id`.contoso.com', 'letters, digits and hyphens'],
  ])('rejects %j (%s)', (input, reason) => {
    const result = parseDomain(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(reason);
      expect(result.error).not.toContain('\n');
    }
  });

  it('accepts a 63-character label and a 253-character name', () => {
    const label = 'a'.repeat(63);
    expect(parseDomain(`${label}.com`).ok).toBe(true);
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(name).toHaveLength(253);
    expect(parseDomain(name).ok).toBe(true);
  });

  it('allows a leading wildcard only when asked to', () => {
    expect(parseDomain('*.contoso.com').ok).toBe(false);
    expect(parseDomain('*.Contoso.com', { allowWildcard: true })).toEqual({ ok: true, value: '*.contoso.com' });
    expect(parseDomain('mail.*.contoso.com', { allowWildcard: true }).ok).toBe(false);
    expect(parseDomain('*.com', { allowWildcard: true }).ok).toBe(false);
  });
});
