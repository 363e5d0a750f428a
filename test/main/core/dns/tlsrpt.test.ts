import { describe, expect, it } from 'vitest';
import { evaluateTlsRpt, parseTlsRptRecord, ruaUriProblem } from '../../../../main/core/dns/tlsrpt.js';
import type { DnsAnswer } from '../../../../main/core/ports/dns.js';

const txt = (...records: string[]): DnsAnswer<string> => ({ ok: true, records });

describe('the _smtp._tls TXT record (RFC 8460 section 3)', () => {
  it('reads every rua destination, mailto: and https:', () => {
    expect(parseTlsRptRecord('v=TLSRPTv1; rua=mailto:reports@contoso.com, https://reports.example.net/v1/tlsrpt')).toEqual({
      value: { rua: ['mailto:reports@contoso.com', 'https://reports.example.net/v1/tlsrpt'] },
      errors: [],
    });
    expect(parseTlsRptRecord('v=TLSRPTv1;rua=mailto:a@b.example;').value?.rua).toEqual(['mailto:a@b.example']);
  });
  it.each([
    ['v=TLSRPTv1;', 'the required field rua= is missing'],
    ['v=TLSRPTv1; rua=ftp://reports.example.net', 'must be a mailto: or https: URI'],
    ['v=TLSRPTv1; rua=mailto:nobody', 'is not a valid mailto: address'],
    ['v=TLSRPTv1; rua=https://', 'is not a valid https: URL'],
    ['v=TLSRPTv1; rua=mailto:a@b.example,', 'rua= has an empty entry'],
    ['v=TLSRPTv1; rua=mailto:a@b.example; rua=mailto:c@d.example', 'rua= appears more than once'],
    ['v=tlsrptv1; rua=mailto:a@b.example', 'must start with exactly "v=TLSRPTv1;"'],
  ])('refuses %j', (record, error) => {
    const parsed = parseTlsRptRecord(record);
    expect(parsed.value).toBeNull();
    expect(parsed.errors.join(' ')).toContain(error);
  });
  it('accepts what RFC 8460 allows as a URI and nothing else', () => {
    expect(ruaUriProblem('MAILTO:tls@contoso.com')).toBeNull();
    expect(ruaUriProblem('https://tlsrpt.example.net:8443/report')).toBeNull();
    expect(ruaUriProblem('http://tlsrpt.example.net/report')).toContain('mailto: or https:');
  });
});

describe('the dns.tlsrpt verdict', () => {
  it('passes one valid record, with its destinations', () => {
    expect(evaluateTlsRpt('Contoso.com.', txt('v=spf1 -all', 'v=TLSRPTv1; rua=mailto:tls@contoso.com'))).toMatchObject({ status: 'pass', state: 'valid', rua: ['mailto:tls@contoso.com'], recordToPublish: null });
  });
  it('warns when not published, with a placeholder record it says to change', () => {
    const verdict = evaluateTlsRpt('contoso.com', { ok: false, failure: 'NXDOMAIN', message: 'no such name' });
    expect(verdict).toMatchObject({ status: 'warn', state: 'absent', recordToPublish: '_smtp._tls.contoso.com. IN TXT "v=TLSRPTv1; rua=mailto:tls-reports@contoso.com"' });
    expect(verdict.advice).toContain('is a placeholder');
    expect(evaluateTlsRpt('contoso.com', txt('something-else'))).toMatchObject({ status: 'warn', state: 'absent' });
  });
  it('fails several records, an invalid one (keeping its valid destinations) and a failed lookup', () => {
    expect(evaluateTlsRpt('contoso.com', txt('v=TLSRPTv1; rua=mailto:a@contoso.com', 'v=TLSRPTv1; rua=mailto:b@contoso.com'))).toMatchObject({ status: 'fail', state: 'multiple' });
    const invalid = evaluateTlsRpt('contoso.com', txt('v=TLSRPTv1; rua=mailto:a@contoso.com,ftp://x.example'));
    expect(invalid).toMatchObject({ status: 'fail', state: 'invalid', recordToPublish: '_smtp._tls.contoso.com. IN TXT "v=TLSRPTv1; rua=mailto:a@contoso.com"' });
    expect(invalid.summary).toContain('"ftp://x.example" must be a mailto: or https: URI');
    const failed = evaluateTlsRpt('contoso.com', { ok: false, failure: 'TIMEOUT', message: 'no answer' });
    expect(failed).toMatchObject({ status: 'fail', state: 'lookup-failed' });
    expect(failed.summary).toContain('TIMEOUT');
  });
});
