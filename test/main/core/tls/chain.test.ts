import { rootCertificates } from 'node:tls';
import { describe, it, expect } from 'vitest';
import { describeProblem, MAX_PATH_LENGTH, trustAnchors, validatePath } from '../../../../main/core/tls/chain.js';
import type { ChainVerdict, PathProblem } from '../../../../main/core/tls/chain.js';
import { parsePemCertificates } from '../../../../main/core/tls/certificate.js';
import type { ParsedCertificate } from '../../../../main/core/tls/certificate.js';
import { createTestPki, customCa, customLeaf } from '../../../lab/ca.js';
import type { CaHandle } from '../../../lab/ca.js';

const pki = createTestPki();
const now = Date.now();
const DAY_MS = 86_400_000;

const root = customCa({ commonName: 'Path Root A' });
const anchors = trustAnchors([root.pem], { includeSystemRoots: false });
const intermediate = customCa({ commonName: 'Path Issuing CA', issuer: root });

function parse(...pems: readonly string[]): ParsedCertificate[] {
  return pems.flatMap((pem) => parsePemCertificates(pem));
}

async function verdict(...pems: readonly string[]): Promise<ChainVerdict> {
  return (await validatePath(parse(...pems), anchors, now)).verdict;
}

async function problem(...pems: readonly string[]): Promise<PathProblem> {
  const result = await verdict(...pems);
  if (result.kind !== 'invalid') throw new Error(`expected an invalid path, got ${result.kind}`);
  return result.problem;
}

function leafUnder(issuer: CaHandle, extra: Partial<Parameters<typeof customLeaf>[0]> = {}): string {
  return customLeaf({ commonName: 'mail.example.test', issuer, ...extra });
}

describe('trustAnchors', () => {
  it('describes the system roots and the added ones', () => {
    expect(trustAnchors([pki.rootPem]).description).toMatch(/^system roots \(\d+\) \+ 1 added$/);
    expect(trustAnchors([], { includeSystemRoots: false }).description).toBe('no trust anchors');
  });

  it('finds a system root by name and holds it only when system roots are included', () => {
    const [systemRoot] = parse(rootCertificates[0] ?? '');
    if (systemRoot === undefined) throw new Error('no system root');
    expect(trustAnchors([]).contains(systemRoot)).toBe(true);
    expect(trustAnchors([], { includeSystemRoots: false }).contains(systemRoot)).toBe(false);
    expect(trustAnchors([]).issuersOf(systemRoot).map((c) => c.fingerprintSha256)).toContain(systemRoot.fingerprintSha256);
  });
});

describe('validatePath: paths that are valid', () => {
  it('trusts leaf -> intermediate -> root and returns that path', async () => {
    const result = await verdict(leafUnder(intermediate), intermediate.pem);
    expect(result.kind).toBe('trusted');
    expect(result.path.map((c) => c.commonNames[0])).toEqual(['mail.example.test', 'Path Issuing CA', 'Path Root A']);
  });

  it('accepts a leaf whose extended key usage includes serverAuth, or that has none', async () => {
    expect((await verdict(leafUnder(intermediate, { extKeyUsage: ['serverAuth', 'clientAuth'] }), intermediate.pem)).kind).toBe('trusted');
    expect((await verdict(leafUnder(intermediate), intermediate.pem)).kind).toBe('trusted');
  });

  it('accepts an intermediate limited to anyExtendedKeyUsage or serverAuth', async () => {
    for (const usage of [['any'], ['serverAuth']] as const) {
      const ca = customCa({ commonName: `EKU ${usage[0]} CA`, issuer: root, extKeyUsage: usage });
      expect((await verdict(leafUnder(ca), ca.pem)).kind).toBe('trusted');
    }
  });

  it('accepts pathLenConstraint 0 right above the leaf', async () => {
    const ca = customCa({ commonName: 'PathLen Zero CA', issuer: root, pathLen: 0 });
    expect((await verdict(leafUnder(ca), ca.pem)).kind).toBe('trusted');
  });

  it('needs a leaf', async () => {
    await expect(validatePath([], anchors, now)).rejects.toThrow(RangeError);
  });
});

describe('validatePath: issuers must be certificate authorities', () => {
  it('refuses an intermediate without the CA flag, and says so instead of calling it missing', async () => {
    const notCa = customCa({ commonName: 'Not A CA', issuer: root, ca: false });
    const found = await problem(leafUnder(notCa), notCa.pem);
    expect(found.kind).toBe('not-ca');
    expect(describeProblem(found)).toBe('the intermediate CN=Not A CA, O=Mailflow Lab, C=US is not a certificate authority (no basicConstraints CA flag)');
  });

  it('refuses an intermediate without basicConstraints at all', async () => {
    const bare = customCa({ commonName: 'No Basic Constraints', issuer: root, ca: null });
    expect((await problem(leafUnder(bare), bare.pem)).kind).toBe('not-ca');
  });

  it('refuses an intermediate whose key usage lacks keyCertSign', async () => {
    const noSign = customCa({ commonName: 'No CertSign CA', issuer: root, keyUsage: 'server' });
    expect((await problem(leafUnder(noSign), noSign.pem)).kind).toBe('no-cert-sign');
  });

  it('refuses a CA certificate used as the server certificate', async () => {
    const caLeaf = customCa({ commonName: 'mail.example.test', issuer: intermediate, keyRole: 'ca-leaf' });
    expect((await problem(caLeaf.pem, intermediate.pem)).kind).toBe('ca-as-leaf');
  });
});

describe('validatePath: extended key usage', () => {
  it('refuses a clientAuth-only leaf', async () => {
    const found = await problem(leafUnder(intermediate, { extKeyUsage: ['clientAuth'] }), intermediate.pem);
    expect(found).toMatchObject({ kind: 'leaf-eku', purposes: ['1.3.6.1.5.5.7.3.2'] });
  });

  it('refuses a leaf with only anyExtendedKeyUsage, as OpenSSL does for a TLS server', async () => {
    expect((await problem(leafUnder(intermediate, { extKeyUsage: ['any'] }), intermediate.pem)).kind).toBe('leaf-eku');
  });

  it('refuses an intermediate whose extended key usage excludes server authentication', async () => {
    const clientCa = customCa({ commonName: 'Client Only CA', issuer: root, extKeyUsage: ['clientAuth'] });
    expect((await problem(leafUnder(clientCa), clientCa.pem)).kind).toBe('issuer-eku');
  });
});

describe('validatePath: critical extensions and path length', () => {
  it('refuses an unknown critical extension on the leaf and on an intermediate', async () => {
    const leaf = leafUnder(intermediate, { unknownCritical: '1.3.6.1.4.1.55555.1' });
    expect(await problem(leaf, intermediate.pem)).toMatchObject({ kind: 'critical-extension', oid: '1.3.6.1.4.1.55555.1' });
    const odd = customCa({ commonName: 'Odd Extension CA', issuer: root, unknownCritical: '1.3.6.1.4.1.55555.2' });
    expect(await problem(leafUnder(odd), odd.pem)).toMatchObject({ kind: 'critical-extension', oid: '1.3.6.1.4.1.55555.2' });
  });

  it('refuses a path with more intermediates than a pathLenConstraint allows', async () => {
    const strict = customCa({ commonName: 'PathLen Zero Policy CA', issuer: root, pathLen: 0 });
    const below = customCa({ commonName: 'Below PathLen CA', issuer: strict });
    const found = await problem(leafUnder(below), below.pem, strict.pem);
    expect(found).toMatchObject({ kind: 'path-length', limit: 0, below: 1 });
    expect(describeProblem(found)).toContain('CN=PathLen Zero Policy CA');
  });

  it('applies the trust anchor\u2019s own pathLenConstraint', async () => {
    const tightRoot = customCa({ commonName: 'Tight Root', pathLen: 0 });
    const ca = customCa({ commonName: 'Under Tight Root', issuer: tightRoot });
    const result = await validatePath(parse(leafUnder(ca), ca.pem), trustAnchors([tightRoot.pem], { includeSystemRoots: false }), now);
    expect(result.verdict).toMatchObject({ kind: 'invalid', problem: { kind: 'path-length' } });
  });

  it('refuses an expired intermediate', async () => {
    const old = customCa({ commonName: 'Expired CA', issuer: root, notBefore: new Date(now - 400 * DAY_MS), notAfter: new Date(now - DAY_MS) });
    expect((await problem(leafUnder(old), old.pem)).kind).toBe('issuer-expired');
  });
});

describe('validatePath: name constraints', () => {
  const permitted = customCa({ commonName: 'Example Only CA', issuer: root, permitted: ['dns:example.test', 'ip:10.0.0.0/8'] });
  const excluded = customCa({ commonName: 'No Secrets CA', issuer: root, excluded: ['dns:secret.example.test', 'ip:192.168.0.0/16'] });

  it('accepts names inside the permitted subtrees, wildcards included', async () => {
    expect((await verdict(leafUnder(permitted), permitted.pem)).kind).toBe('trusted');
    expect((await verdict(leafUnder(permitted, { dnsNames: ['*.example.test'] }), permitted.pem)).kind).toBe('trusted');
    expect((await verdict(leafUnder(permitted, { ipAddresses: ['10.1.2.3'] }), permitted.pem)).kind).toBe('trusted');
  });

  it('refuses a DNS name or address outside the permitted subtrees', async () => {
    expect(await problem(leafUnder(permitted, { dnsNames: ['mail.other.test'] }), permitted.pem)).toMatchObject({
      kind: 'name-constraint',
      rule: 'not-permitted',
      name: 'mail.other.test',
    });
    expect(await problem(leafUnder(permitted, { ipAddresses: ['172.16.0.1'] }), permitted.pem)).toMatchObject({
      kind: 'name-constraint',
      rule: 'not-permitted',
      name: '172.16.0.1',
    });
  });

  it('refuses names in an excluded subtree, and a wildcard that would cover one', async () => {
    expect(await problem(leafUnder(excluded, { dnsNames: ['db.secret.example.test'] }), excluded.pem)).toMatchObject({
      kind: 'name-constraint',
      rule: 'excluded',
      subtree: 'secret.example.test',
    });
    expect(await problem(leafUnder(excluded, { dnsNames: ['*.example.test'] }), excluded.pem)).toMatchObject({
      kind: 'name-constraint',
      rule: 'excluded',
      name: '*.example.test',
    });
    expect(await problem(leafUnder(excluded, { ipAddresses: ['192.168.1.1'] }), excluded.pem)).toMatchObject({
      kind: 'name-constraint',
      rule: 'excluded',
      subtree: '192.168.0.0/16',
    });
    expect((await verdict(leafUnder(excluded, { dnsNames: ['mail.example.test'] }), excluded.pem)).kind).toBe('trusted');
  });
});

describe('validatePath: path building', () => {
  const otherRoot = customCa({ commonName: 'Path Root B' });
  const crossByB = customCa({ commonName: 'Cross Signed CA', issuer: otherRoot, keyRole: 'cross' });
  const crossByA = customCa({ commonName: 'Cross Signed CA', issuer: root, keyRole: 'cross' });

  it('backtracks from a copy that leads nowhere to the cross-signed copy that reaches a trusted root', async () => {
    const result = await validatePath(parse(leafUnder(crossByB), crossByB.pem, crossByA.pem), anchors, now);
    expect(result.verdict.kind).toBe('trusted');
    expect(result.verdict.path.map((c) => c.commonNames[0])).toEqual(['mail.example.test', 'Cross Signed CA', 'Path Root A']);
    expect(result.attempts.map((a) => a.outcome)).toEqual(['missing-intermediate', 'trusted']);
  });

  it('backtracks from a copy that reaches a trusted root but is invalid', async () => {
    const expiredCopy = customCa({
      commonName: 'Cross Signed CA',
      issuer: root,
      keyRole: 'cross',
      notBefore: new Date(now - 400 * DAY_MS),
      notAfter: new Date(now - DAY_MS),
    });
    const both = trustAnchors([root.pem, otherRoot.pem], { includeSystemRoots: false });
    const result = await validatePath(parse(leafUnder(crossByA), expiredCopy.pem, crossByB.pem), both, now);
    expect(result.verdict.kind).toBe('trusted');
    expect(result.verdict.path.at(-1)?.commonNames[0]).toBe('Path Root B');
    expect(result.attempts[0]).toMatchObject({ outcome: 'invalid' });
  });

  it('reports the invalid path rather than a dead end when nothing is valid', async () => {
    const notCa = customCa({ commonName: 'Cross Signed CA', issuer: root, keyRole: 'cross', ca: false });
    const result = await validatePath(parse(leafUnder(crossByB), crossByB.pem, notCa.pem), anchors, now);
    expect(result.verdict).toMatchObject({ kind: 'invalid', problem: { kind: 'not-ca' } });
  });

  it('tells a wrong key from a missing issuer', async () => {
    const impostor = customCa({ commonName: 'Path Issuing CA', issuer: root, keyRole: 'impostor' });
    expect((await verdict(leafUnder(intermediate), impostor.pem)).kind).toBe('bad-signature');
    expect((await verdict(leafUnder(intermediate))).kind).toBe('missing-intermediate');
  });

  it('ends at an unknown root the server sent', async () => {
    const unknown = customCa({ commonName: 'Unknown Root' });
    const ca = customCa({ commonName: 'Under Unknown', issuer: unknown });
    expect((await verdict(leafUnder(ca), ca.pem, unknown.pem)).kind).toBe('unknown-ca');
  });

  it('stops at a loop of CAs that issue each other', async () => {
    const p = customCa({ commonName: 'Loop P', issuer: customCa({ commonName: 'Loop Q' }) });
    const q = customCa({ commonName: 'Loop Q', issuer: p });
    const result = await validatePath(parse(leafUnder(p), p.pem, q.pem), anchors, now);
    expect(result.verdict.kind).toBe('too-long');
  });

  it('bounds the depth', async () => {
    let issuer = root;
    const chain: string[] = [];
    for (let i = 0; i < MAX_PATH_LENGTH + 2; i++) {
      issuer = customCa({ commonName: `Deep CA ${i}`, issuer });
      chain.unshift(issuer.pem);
    }
    const result = await validatePath(parse(leafUnder(issuer), ...chain), anchors, now);
    expect(result.verdict.kind).toBe('too-long');
    expect(result.verdict.path.length).toBeLessThanOrEqual(MAX_PATH_LENGTH);
  });

  it('trusts a leaf that is itself a trust anchor, and calls an untrusted self-signed one self-signed', async () => {
    const selfSigned = pki.issue({ selfSigned: true });
    const own = trustAnchors([selfSigned.certPem], { includeSystemRoots: false });
    expect((await validatePath(parse(selfSigned.certPem), own, now)).verdict.kind).toBe('trusted');
    expect((await verdict(selfSigned.certPem)).kind).toBe('self-signed');
  });
});
