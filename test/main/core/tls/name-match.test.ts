import { describe, it, expect } from 'vitest';
import { matchDomains, matchHost, normaliseDnsName, wildcardMatches } from '../../../../main/core/tls/name-match.js';
import type { ParsedCertificate } from '../../../../main/core/tls/certificate.js';
import { parsePemCertificates } from '../../../../main/core/tls/certificate.js';
import { createTestPki } from '../../../lab/ca.js';
import type { IssueOptions } from '../../../lab/ca.js';

const pki = createTestPki();
function cert(opts: IssueOptions): ParsedCertificate {
  const [parsed] = parsePemCertificates(pki.issue(opts).certPem);
  if (parsed === undefined) throw new Error('no certificate');
  return parsed;
}

describe('wildcardMatches (RFC 6125)', () => {
  it('matches exactly one left-most label', () => {
    expect(wildcardMatches('*.example.test', 'a.example.test')).toBe(true);
    expect(wildcardMatches('*.example.test', 'A.Example.TEST')).toBe(true);
    expect(wildcardMatches('*.example.test', 'example.test')).toBe(false);
    expect(wildcardMatches('*.example.test', 'a.b.example.test')).toBe(false);
  });

  it('never matches partial or misplaced wildcards, or wildcards over a top-level name', () => {
    expect(wildcardMatches('f*.example.test', 'foo.example.test')).toBe(false);
    expect(wildcardMatches('a.*.example.test', 'a.b.example.test')).toBe(false);
    expect(wildcardMatches('*.test', 'example.test')).toBe(false);
    expect(wildcardMatches('*', 'test')).toBe(false);
  });
});

describe('matchHost', () => {
  it('compares case-insensitively and ignores a trailing dot', () => {
    expect(matchHost(cert({ dnsNames: ['Mail.Example.Test'] }), 'mail.example.test.')).toMatchObject({ matched: true, by: 'dns-san' });
  });

  it('compares internationalised names in A-label form', () => {
    expect(normaliseDnsName('MÜNCHEN.example.test')).toBe('xn--mnchen-3ya.example.test');
    expect(matchHost(cert({ dnsNames: ['xn--mnchen-3ya.example.test'] }), 'münchen.example.test').matched).toBe(true);
  });

  it('never matches a partial wildcard in a certificate', () => {
    const result = matchHost(cert({ dnsNames: ['f*.example.test'] }), 'foo.example.test');
    expect(result.matched).toBe(false);
  });

  it('matches IPv6 hosts in any spelling', () => {
    expect(matchHost(cert({ ipAddresses: ['::1'] }), '0:0:0:0:0:0:0:1')).toMatchObject({ matched: true, by: 'ip-san' });
  });

  it('explains a certificate with no names at all', () => {
    const result = matchHost(cert({ commonName: '', dnsNames: [] }), 'mail.example.test');
    expect(result).toEqual({ matched: false, reason: 'the certificate has neither DNS names nor a common name' });
  });
});

describe('matchDomains', () => {
  it('uses the common name too, and ranks exact before wildcard before sub-name', () => {
    const c = cert({ commonName: 'contoso.test', dnsNames: ['mail.contoso.test', '*.contoso.test'] });
    expect(matchDomains(c, ['contoso.test']).map((m) => m.kind)).toEqual(['exact', 'wildcard', 'subdomain']);
  });
});
