import { describe, it, expect } from 'vitest';
import { analyseChain, EXPIRY_WARNING_DAYS } from '../../../../main/core/tls/analysis.js';
import type { AnalyseOptions } from '../../../../main/core/tls/analysis.js';
import { trustAnchors } from '../../../../main/core/tls/chain.js';
import { createTestPki, pemToDerBase64 } from '../../../lab/ca.js';
import type { IssuedCert, IssueOptions } from '../../../lab/ca.js';

const DAY_MS = 86_400_000;
const pki = createTestPki();
const anchors = trustAnchors([pki.rootPem], { includeSystemRoots: false });
const now = Date.now();

function chainOf(issued: IssuedCert): string[] {
  return [issued.certPem, ...issued.chainPem].map(pemToDerBase64);
}

async function analyse(opts: IssueOptions, overrides: Partial<AnalyseOptions> = {}) {
  return (await analyseChain(chainOf(pki.issue(opts)), {
    host: 'mail.example.test',
    domains: ['example.test'],
    anchors,
    now,
    ...overrides,
  }));
}

describe('analyseChain: a good certificate', async () => {
  const result = await analyse({ dnsNames: ['mail.example.test'] });

  it('passes every verdict', () => {
    expect(result.trusted.status).toBe('pass');
    expect(result.name?.status).toBe('pass');
    expect(result.validity.status).toBe('pass');
    expect(result.strength.status).toBe('pass');
    expect(result.acceptedDomain?.status).toBe('pass');
  });

  it('builds leaf -> intermediate -> root', () => {
    expect(result.chain.kind).toBe('trusted');
    expect(result.chain.path.map((c) => c.commonNames[0])).toEqual([
      'mail.example.test',
      'Mailflow Test Issuing CA',
      'Mailflow Test Root CA',
    ]);
  });

  it('carries the certificate facts as evidence', () => {
    const evidence = result.trusted.evidence['certificate'];
    expect(evidence).toMatchObject({
      subject: 'CN=mail.example.test',
      issuer: 'CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US',
      dnsNames: ['mail.example.test'],
      key: 'RSA 2048 bits',
      signatureAlgorithm: 'sha256WithRSAEncryption',
    });
    expect(result.trusted.evidence['certificate']).toHaveProperty('fingerprintSha256', result.leaf.fingerprintSha256);
  });

  it('gives the Exchange TlsCertificateName and command', () => {
    expect(result.tlsCertificateName).toBe('<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.example.test');
    expect(result.setReceiveConnectorCommand).toBe(
      `Set-ReceiveConnector "$env:COMPUTERNAME\\Default Frontend $env:COMPUTERNAME" -TlsCertificateName '<I>CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US<S>CN=mail.example.test'`,
    );
  });

  it('skips the name and domain verdicts when there is no host or domain', async () => {
    const bare = await analyse({}, { host: null, domains: [] });
    expect(bare.name).toBeNull();
    expect(bare.acceptedDomain).toBeNull();
  });
});

describe('analyseChain: trust', () => {
  it('fails a self-signed certificate', async () => {
    const result = await analyse({ selfSigned: true });
    expect(result.chain.kind).toBe('self-signed');
    expect(result.trusted.status).toBe('fail');
    expect(result.trusted.summary).toContain('self-signed');
  });

  it('fails a chain that ends at an unknown root', async () => {
    const result = await analyse({ issuer: 'unknown' });
    expect(result.chain.kind).toBe('unknown-ca');
    expect(result.trusted.status).toBe('fail');
    expect(result.trusted.summary).toContain('Unknown Private Root CA');
  });

  it('fails a missing intermediate and names it', async () => {
    const result = await analyse({ includeIntermediate: false });
    expect(result.chain.kind).toBe('missing-intermediate');
    expect(result.trusted.status).toBe('fail');
    expect(result.trusted.summary).toContain('CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US');
    expect(result.trusted.advice).toContain('intermediate');
  });

  it('trusts a leaf signed directly by the root', async () => {
    expect((await analyse({ issuer: 'root' })).chain.kind).toBe('trusted');
  });

  it('builds the chain even when the server sends it out of order, with the root included', async () => {
    const issued = pki.issue({});
    const chain = [issued.certPem, pki.rootPem, pki.intermediatePem].map(pemToDerBase64);
    const result = (await analyseChain(chain, { host: null, domains: [], anchors, now }));
    expect(result.chain.kind).toBe('trusted');
  });

  it('does not trust the test root without it as an anchor', async () => {
    const result = await analyse({}, { anchors: trustAnchors([], { includeSystemRoots: false }) });
    expect(result.chain.kind).toBe('missing-intermediate');
  });

  it('reports the missing intermediate when the server sends an unrelated CA certificate instead', async () => {
    const issued = pki.issue({ includeIntermediate: false });
    const result = (await analyseChain([issued.certPem, pki.unknownRootPem].map(pemToDerBase64), { host: null, domains: [], anchors, now }));
    expect(result.chain.kind).toBe('missing-intermediate');
    expect(result.trusted.evidence['sentChain']).toHaveLength(2);
  });
});

describe('analyseChain: names', () => {
  it('fails a certificate for another name', async () => {
    const result = await analyse({ dnsNames: ['other.example.test'] });
    expect(result.name?.status).toBe('fail');
    expect(result.name?.summary).toContain('other.example.test');
  });

  it('passes a wildcard one label deep', async () => {
    const result = await analyse({ dnsNames: ['*.example.test'] });
    expect(result.name?.status).toBe('pass');
    expect(result.name?.evidence['matchedBy']).toBe('wildcard-san');
  });

  it('fails a wildcard at the wrong depth', async () => {
    expect((await analyse({ dnsNames: ['*.example.test'] }, { host: 'a.b.example.test' })).name?.status).toBe('fail');
    expect((await analyse({ dnsNames: ['*.example.test'] }, { host: 'example.test' })).name?.status).toBe('fail');
  });

  it('accepts the common name only when there is no DNS SAN, with a warning', async () => {
    const cnOnly = await analyse({ commonName: 'mail.example.test', dnsNames: [] });
    expect(cnOnly.name?.status).toBe('warn');
    expect(cnOnly.name?.evidence['matchedBy']).toBe('common-name');
    // Which rule Office 365 follows (it accepts the CN, as Windows does) and why that is only a warning.
    expect(cnOnly.name?.advice).toMatch(/Office 365 accepts this.*common name.*That is why this is a warning.*web PKI ignores the common name/s);
    const cnIgnored = await analyse({ commonName: 'mail.example.test', dnsNames: ['other.example.test'] });
    expect(cnIgnored.name?.status).toBe('fail');
  });

  it('matches IP hosts against IP SANs only', async () => {
    expect((await analyse({ ipAddresses: ['127.0.0.20'] }, { host: '127.0.0.20' })).name?.status).toBe('pass');
    expect((await analyse({ commonName: '127.0.0.20', dnsNames: [] }, { host: '127.0.0.20' })).name?.status).toBe('fail');
  });
});

describe('analyseChain: validity', () => {
  it('fails an expired certificate', async () => {
    const result = await analyse({ notBefore: new Date(now - 100 * DAY_MS), notAfter: new Date(now - DAY_MS) });
    expect(result.validity.status).toBe('fail');
    expect(result.validity.summary).toContain('expired');
  });

  it('fails a certificate that is not valid yet', async () => {
    const result = await analyse({ notBefore: new Date(now + DAY_MS), notAfter: new Date(now + 100 * DAY_MS) });
    expect(result.validity.status).toBe('fail');
    expect(result.validity.summary).toContain('not valid yet');
  });

  it('warns ten days before expiry', async () => {
    const result = await analyse({ notAfter: new Date(now + 10 * DAY_MS + 60_000) });
    expect(result.validity.status).toBe('warn');
    expect(result.validity.evidence['daysLeft']).toBe(10);
    expect(result.validity.summary).toContain('10 days');
  });

  it('uses the injected clock', async () => {
    const issued = { notAfter: new Date(now + 90 * DAY_MS) };
    expect((await analyse(issued, { now: now + (90 - EXPIRY_WARNING_DAYS + 1) * DAY_MS })).validity.status).toBe('warn');
    expect((await analyse(issued, { now: now + 91 * DAY_MS })).validity.status).toBe('fail');
  });
});

describe('analyseChain: strength', () => {
  it('fails an RSA 1024 key', async () => {
    const result = await analyse({ keyBits: 1024 });
    expect(result.strength.status).toBe('fail');
    expect(result.strength.summary).toContain('1024');
  });

  it('fails a SHA-1 signature', async () => {
    const result = await analyse({ signatureHash: 'sha1' });
    expect(result.strength.status).toBe('fail');
    expect(result.strength.summary).toContain('sha1WithRSAEncryption');
  });

  it('passes EC P-256 and P-384 keys', async () => {
    const p256 = await analyse({ ecCurve: 'P-256' });
    expect(p256.strength.status).toBe('pass');
    expect(p256.strength.evidence['key']).toBe('EC 256 bits (prime256v1)');
    expect((await analyse({ ecCurve: 'P-384' })).strength.status).toBe('pass');
    expect(p256.trusted.status).toBe('pass');
  });
});

describe('analyseChain: accepted domain', () => {
  it('reports an exact match first and suggests it for TlsSenderCertificateName', async () => {
    const result = await analyse({ dnsNames: ['mail.contoso.test', 'contoso.test'] }, { domains: ['contoso.test'] });
    expect(result.acceptedDomain?.status).toBe('pass');
    expect(result.acceptedDomain?.evidence['tlsSenderCertificateName']).toBe('contoso.test');
    expect(result.acceptedDomain?.evidence['matches']).toEqual([
      { domain: 'contoso.test', certName: 'contoso.test', kind: 'exact' },
      { domain: 'contoso.test', certName: 'mail.contoso.test', kind: 'subdomain' },
    ]);
  });

  it('counts a wildcard for the domain', async () => {
    const result = await analyse({ dnsNames: ['*.contoso.test'] }, { domains: ['fabrikam.test', 'Contoso.Test'] });
    expect(result.acceptedDomain?.status).toBe('pass');
    expect(result.acceptedDomain?.evidence['matches']).toEqual([{ domain: 'Contoso.Test', certName: '*.contoso.test', kind: 'wildcard' }]);
  });

  it('warns when no domain is named', async () => {
    const result = await analyse({ dnsNames: ['mail.example.test'] }, { domains: ['contoso.test'] });
    expect(result.acceptedDomain?.status).toBe('warn');
    expect(result.acceptedDomain?.advice).toContain('IP address');
  });

  it('does not take a look-alike suffix for a sub-name', async () => {
    const result = await analyse({ dnsNames: ['mail.notcontoso.test'] }, { domains: ['contoso.test'] });
    expect(result.acceptedDomain?.status).toBe('warn');
  });
});

describe('analyseChain: input', () => {
  it('refuses an empty chain', async () => {
    await expect(analyseChain([], { host: null, domains: [], anchors, now })).rejects.toThrow(RangeError);
  });

  it('refuses something that is not a certificate', async () => {
    await expect(analyseChain([Buffer.from('nope').toString('base64')], { host: null, domains: [], anchors, now })).rejects.toThrow(
      /not a readable X.509 certificate/,
    );
  });
});

describe('analyseChain: strength of the chain', () => {
  it('judges the intermediate signatures on the path, not the root self-signature', async () => {
    const result = await analyse({});
    expect(result.strength.evidence['chainSignatures']).toEqual([
      { subject: 'CN=mail.example.test', signatureAlgorithm: 'sha256WithRSAEncryption' },
      { subject: 'CN=Mailflow Test Issuing CA, O=Mailflow Lab, C=US', signatureAlgorithm: 'sha256WithRSAEncryption' },
    ]);
  });
});

describe('analyseChain: OpenSSL handshake verdict and validation time', () => {
  it('fails trust when OpenSSL refused the chain, even if the path validation passed, and shows both', async () => {
    const result = await analyse({}, { handshake: { authorized: false, error: 'INVALID_PURPOSE' } });
    expect(result.chain.kind).toBe('trusted');
    expect(result.trusted.status).toBe('fail');
    expect(result.trusted.summary).toContain('OpenSSL refused the chain during the TLS handshake (INVALID_PURPOSE)');
    expect(result.trusted.evidence['handshakeVerdict']).toEqual({ authorized: false, error: 'INVALID_PURPOSE' });
  });

  it('leaves host name and date errors to the name and validity verdicts', async () => {
    for (const error of ['ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED']) {
      expect((await analyse({}, { handshake: { authorized: false, error } })).trusted.status).toBe('pass');
    }
  });

  it('validates at the given time and states it with the days left then', async () => {
    const at = now + 80 * DAY_MS;
    const result = await analyse({ notAfter: new Date(now + 90 * DAY_MS) }, { now: at });
    expect(result.validity.status).toBe('warn');
    expect(result.validity.evidence).toMatchObject({ checkedAt: new Date(at).toISOString(), daysLeft: 9 });
    expect(result.trusted.evidence['validatedAt']).toBe(new Date(at).toISOString());
    expect((await analyse({ notAfter: new Date(now + 90 * DAY_MS) }, { now: now + 91 * DAY_MS })).validity.status).toBe('fail');
  });
});
