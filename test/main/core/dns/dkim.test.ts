import { describe, expect, it } from 'vitest';
import { evaluateDkim, isMicrosoftDkimTarget } from '../../../../main/core/dns/dkim.js';

describe('evaluateDkim', () => {
  it('passes when both selectors are CNAMEs to Microsoft', () => {
    const verdict = evaluateDkim('contoso.test', [
      { selector: 'selector1', cname: { ok: true, chain: ['selector1._domainkey.contoso.test', 'selector1-contoso-test._domainkey.contoso.onmicrosoft.com'] }, hasTxtKey: false },
      { selector: 'selector2', cname: { ok: true, chain: ['selector2._domainkey.contoso.test', 'selector2-contoso-test._domainkey.contoso.onmicrosoft.com'] }, hasTxtKey: false },
    ]);
    expect(verdict.status).toBe('pass');
    expect(verdict.selectors.map((selector) => selector.state)).toEqual(['cname', 'cname']);
  });
  it('warns on absent, TXT-key, foreign and dangling selectors, with the steps to publish', () => {
    const verdict = evaluateDkim('contoso.test', [
      { selector: 'selector1', cname: { ok: false, failure: 'NXDOMAIN', message: 'gone', chain: ['selector1._domainkey.contoso.test'] }, hasTxtKey: false },
      { selector: 'selector2', cname: { ok: false, failure: 'NODATA', message: 'none', chain: ['selector2._domainkey.contoso.test'] }, hasTxtKey: true },
    ]);
    expect(verdict.status).toBe('warn');
    expect(verdict.selectors.map((selector) => selector.state)).toEqual(['absent', 'txt-key']);
    expect(verdict.advice).toContain('selector1._domainkey.contoso.test. IN CNAME <Selector1CNAME>.');
    const other = evaluateDkim('contoso.test', [
      { selector: 'selector1', cname: { ok: true, chain: ['selector1._domainkey.contoso.test', 'dkim.example.test'] }, hasTxtKey: false },
      { selector: 'selector2', cname: { ok: false, failure: 'NXDOMAIN', message: 'gone', chain: ['selector2._domainkey.contoso.test', 'x.onmicrosoft.com'] }, hasTxtKey: false },
    ]);
    expect(other.selectors.map((selector) => selector.state)).toEqual(['cname-elsewhere', 'dangling']);
  });
  it('knows Microsoft DKIM targets', () => {
    expect(isMicrosoftDkimTarget('selector1-contoso-com._domainkey.contoso.onmicrosoft.com')).toBe(true);
    expect(isMicrosoftDkimTarget('contoso-com.selector1.k-v1.dkim.mail.microsoft.')).toBe(true);
    expect(isMicrosoftDkimTarget('dkim.example.test')).toBe(false);
  });
});
