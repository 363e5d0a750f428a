import { describe, it, expect } from 'vitest';
import { buildChain, trustAnchors } from '../../../../main/core/tls/chain.js';
import { parsePemCertificates } from '../../../../main/core/tls/certificate.js';
import { createTestPki } from '../../../lab/ca.js';

const pki = createTestPki();

describe('trustAnchors', () => {
  it('keeps the system roots and adds the extra ones', () => {
    const anchors = trustAnchors([pki.rootPem]);
    expect(anchors.certificates.length).toBeGreaterThan(50);
    expect(anchors.description).toMatch(/^system roots \(\d+\) \+ 1 added$/);
  });

  it('can leave the system roots out', () => {
    expect(trustAnchors([], { includeSystemRoots: false })).toEqual({ certificates: [], description: 'no trust anchors' });
  });
});

describe('buildChain', () => {
  const issued = pki.issue({});
  const sent = parsePemCertificates(issued.certPem + issued.chainPem.join(''));

  it('does not trust the test PKI through the system roots alone', () => {
    expect(buildChain(sent, trustAnchors([])).kind).toBe('missing-intermediate');
  });

  it('ends at an intermediate when that is the trust anchor given', () => {
    const verdict = buildChain(sent, trustAnchors([pki.intermediatePem], { includeSystemRoots: false }));
    expect(verdict.kind).toBe('trusted');
    expect(verdict.path).toHaveLength(2);
  });

  it('needs a leaf', () => {
    expect(() => buildChain([], trustAnchors([], { includeSystemRoots: false }))).toThrow(RangeError);
  });
});
