/**
 * Certification path building and validation (RFC 5280 §6). Building walks from the leaf through the
 * certificates the server sent (any order, duplicates and cross-signed copies included) and the
 * trust anchors, backtracking over every candidate issuer; each complete path is then validated by
 * pkijs's CertificateChainValidationEngine (signatures, validity, CA flags, name constraints,
 * policies) after the rules a server certificate needs and pkijs leaves out (path length, key and
 * extended key usage, unknown critical extensions). Every way this fails means a different fix, so
 * each verdict names the certificate and the rule it breaks.
 */
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import type { ParsedCertificate } from './certificate.js';
import { formatWindowsDn } from './exchange-names.js';
import { keysOf } from './trust-store.js';
import type { TrustAnchors } from './trust-store.js';
import { certificateRules, KEY_USAGE_CERT_SIGN } from './extensions.js';
import type { CertificateRules, NameSubtree } from './extensions.js';

export { trustAnchors } from './trust-store.js';
export type { TrustAnchors } from './trust-store.js';

/** Why a path that reaches a trusted root still is not valid. */
export type PathProblem =
  | { readonly kind: 'ca-as-leaf'; readonly cert: ParsedCertificate }
  | { readonly kind: 'leaf-eku'; readonly cert: ParsedCertificate; readonly purposes: readonly string[] }
  | { readonly kind: 'not-ca'; readonly cert: ParsedCertificate }
  | { readonly kind: 'no-cert-sign'; readonly cert: ParsedCertificate }
  | { readonly kind: 'path-length'; readonly cert: ParsedCertificate; readonly limit: number; readonly below: number }
  | { readonly kind: 'issuer-eku'; readonly cert: ParsedCertificate; readonly purposes: readonly string[] }
  | { readonly kind: 'critical-extension'; readonly cert: ParsedCertificate; readonly oid: string }
  | { readonly kind: 'issuer-expired'; readonly cert: ParsedCertificate }
  | {
      readonly kind: 'name-constraint';
      readonly issuer: ParsedCertificate;
      readonly name: string;
      readonly rule: 'excluded' | 'not-permitted';
      readonly subtree: string;
    }
  /** pkijs refused the path for a reason the rules above did not catch (e.g. a policy constraint). */
  | { readonly kind: 'library'; readonly message: string };

export type ChainVerdict =
  /** path: leaf first, the anchor last. */
  | { readonly kind: 'trusted'; readonly path: readonly ParsedCertificate[]; readonly anchor: ParsedCertificate }
  | { readonly kind: 'self-signed'; readonly path: readonly ParsedCertificate[] }
  /** A path reaches a trusted root but breaks a rule (the first such path found). */
  | { readonly kind: 'invalid'; readonly path: readonly ParsedCertificate[]; readonly anchor: ParsedCertificate; readonly problem: PathProblem }
  /** The chain ends at a root the server sent that no trust anchor vouches for. */
  | { readonly kind: 'unknown-ca'; readonly path: readonly ParsedCertificate[]; readonly root: ParsedCertificate }
  /** The last certificate's issuer was neither sent nor a trust anchor. */
  | { readonly kind: 'missing-intermediate'; readonly path: readonly ParsedCertificate[]; readonly missingIssuer: string }
  /** A certificate names an issuer we have, but that issuer's key did not sign it. */
  | { readonly kind: 'bad-signature'; readonly path: readonly ParsedCertificate[]; readonly issuer: ParsedCertificate }
  | { readonly kind: 'too-long'; readonly path: readonly ParsedCertificate[] };

/** One path the builder tried, for the evidence: what it was and why it was not taken. */
export interface PathAttempt {
  readonly path: readonly ParsedCertificate[];
  readonly outcome: ChainVerdict['kind'];
  readonly reason: string | null;
}

export interface PathResult {
  readonly verdict: ChainVerdict;
  readonly attempts: readonly PathAttempt[];
}

/** Deeper than any public PKI (leaf, two intermediates, cross-sign, root): also ends loops. */
export const MAX_PATH_LENGTH = 8;
/** Bounds the work a hostile server can cause by sending many look-alike certificates. */
const MAX_ATTEMPTS = 64;

const EKU_SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const EKU_ANY = '2.5.29.37.0';

const cryptoEngine = new pkijs.CryptoEngine({
  name: 'node',
  crypto: webcrypto,
});

const pkijsCache = new WeakMap<ParsedCertificate, pkijs.Certificate>();

function pkijsOf(cert: ParsedCertificate): pkijs.Certificate {
  let parsed = pkijsCache.get(cert);
  if (parsed === undefined) {
    parsed = pkijs.Certificate.fromBER(Buffer.from(cert.derBase64, 'base64'));
    pkijsCache.set(cert, parsed);
  }
  return parsed;
}

const signatureCache = new WeakMap<ParsedCertificate, Map<string, boolean>>();

/** OpenSSL (through node:crypto) checks the signature; remembered per pair. */
function signedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  let known = signatureCache.get(child);
  if (known === undefined) {
    known = new Map();
    signatureCache.set(child, known);
  }
  const cached = known.get(issuer.fingerprintSha256);
  if (cached !== undefined) return cached;
  let ok: boolean;
  try {
    ok = child.x509.verify(issuer.x509.publicKey);
  } catch {
    /* A key type the verifier cannot use is no signature from that issuer. */
    ok = false;
  }
  known.set(issuer.fingerprintSha256, ok);
  return ok;
}

/** The certificates without repeats (a server may send one twice), first occurrence kept. */
export function distinct(certs: readonly ParsedCertificate[]): ParsedCertificate[] {
  const seen = new Set<string>();
  return certs.filter((cert) => {
    if (seen.has(cert.fingerprintSha256)) return false;
    seen.add(cert.fingerprintSha256);
    return true;
  });
}

function selfSigned(cert: ParsedCertificate): boolean {
  return cert.selfIssued && signedBy(cert, cert);
}

/** The sent certificates whose subject is `child`'s issuer (or whose key id is its authority key id). */
function sentIssuers(child: ParsedCertificate, sent: readonly ParsedCertificate[]): ParsedCertificate[] {
  const keys = keysOf(child);
  return sent.filter((candidate) => {
    if (candidate.fingerprintSha256 === child.fingerprintSha256) return false;
    const theirs = keysOf(candidate);
    return theirs.subject === keys.issuer || (keys.authorityKeyId !== null && theirs.subjectKeyId === keys.authorityKeyId);
  });
}

function dnsWithin(name: string, subtree: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  const s = subtree.toLowerCase().replace(/^\./, '').replace(/\.$/, '');
  return s === '' || n === s || n.endsWith(`.${s}`);
}

/**
 * A wildcard SAN (*.example.com) stands for every name one label under its base: it is permitted
 * only when its base lies inside the subtree, and excluded when the subtree could hold any of the
 * names it covers (the base inside it, or the subtree one label under the base).
 */
function dnsMatches(name: string, subtree: string, rule: 'permitted' | 'excluded'): boolean {
  if (!name.startsWith('*.')) return dnsWithin(name, subtree);
  const base = name.slice(2);
  if (dnsWithin(base, subtree)) return true;
  if (rule === 'permitted') return false;
  const s = subtree.toLowerCase().replace(/^\./, '');
  return s.split('.').length === base.split('.').length + 1 && s.endsWith(`.${base.toLowerCase()}`);
}

function ipMatches(address: Uint8Array, subtree: NameSubtree & { readonly type: 'ip' }): boolean {
  if (address.length * 2 !== subtree.bytes.length) return false;
  for (let i = 0; i < address.length; i++) {
    const mask = subtree.bytes[i + address.length] ?? 0;
    if (((address[i] ?? 0) & mask) !== ((subtree.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipBytes(text: string): Uint8Array {
  if (text.includes('.') && !text.includes(':')) return Uint8Array.from(text.split('.').map(Number));
  const [head = '', tail = ''] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = groups(head);
  const right = text.includes('::') ? groups(tail) : [];
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return Uint8Array.from(all.flatMap((g) => [g >> 8, g & 0xff]));
}

/** The names name constraints apply to: DNS and IP SANs, or the common names when there are no DNS SANs. */
function constrainedNames(cert: ParsedCertificate): { readonly dns: readonly string[]; readonly ips: readonly string[] } {
  return { dns: cert.dnsNames.length > 0 ? cert.dnsNames : cert.commonNames.filter((cn) => /^[*a-z0-9.-]+$/i.test(cn) && cn.includes('.')), ips: cert.ipAddresses };
}

function checkNameConstraints(issuer: ParsedCertificate, rules: CertificateRules, subject: ParsedCertificate): PathProblem | null {
  const { dns, ips } = constrainedNames(subject);
  const { permitted, excluded } = rules.nameConstraints;
  const describe = (subtree: NameSubtree): string => subtree.text;
  for (const name of dns) {
    const hit = excluded.find((s) => s.type === 'dns' && dnsMatches(name, s.text, 'excluded'));
    if (hit !== undefined) return { kind: 'name-constraint', issuer, name, rule: 'excluded', subtree: describe(hit) };
    const allowed = permitted.filter((s) => s.type === 'dns');
    if (allowed.length > 0 && !allowed.some((s) => dnsMatches(name, s.text, 'permitted'))) {
      return { kind: 'name-constraint', issuer, name, rule: 'not-permitted', subtree: allowed.map(describe).join(', ') };
    }
  }
  for (const ip of ips) {
    const bytes = ipBytes(ip);
    const hit = excluded.find((s): s is NameSubtree & { readonly type: 'ip' } => s.type === 'ip' && ipMatches(bytes, s));
    if (hit !== undefined) return { kind: 'name-constraint', issuer, name: ip, rule: 'excluded', subtree: describe(hit) };
    const allowed = permitted.filter((s): s is NameSubtree & { readonly type: 'ip' } => s.type === 'ip');
    if (allowed.length > 0 && !allowed.some((s) => ipMatches(bytes, s))) {
      return { kind: 'name-constraint', issuer, name: ip, rule: 'not-permitted', subtree: allowed.map(describe).join(', ') };
    }
  }
  return null;
}

/** The rules pkijs does not apply, leaf to anchor, first problem wins. */
function ruleProblem(path: readonly ParsedCertificate[], at: number): PathProblem | null {
  const rules = path.map((cert) => certificateRules(pkijsOf(cert)));
  const [leaf, ...issuers] = path;
  const leafRules = rules[0];
  if (leaf === undefined || leafRules === undefined) return null;
  const anchorIndex = path.length - 1;
  for (const [index, cert] of path.entries()) {
    const oid = rules[index]?.unknownCritical[0];
    if (oid !== undefined && index !== anchorIndex) return { kind: 'critical-extension', cert, oid };
  }
  if (leafRules.basicConstraints?.ca === true && path.length > 1) return { kind: 'ca-as-leaf', cert: leaf };
  const leafEku = leafRules.extendedKeyUsage;
  if (leafEku !== null && !leafEku.includes(EKU_SERVER_AUTH)) return { kind: 'leaf-eku', cert: leaf, purposes: leafEku };
  for (const [offset, cert] of issuers.entries()) {
    const index = offset + 1;
    const own = rules[index];
    if (own === undefined) continue;
    const isAnchor = index === anchorIndex;
    if (!isAnchor) {
      if (own.basicConstraints?.ca !== true) return { kind: 'not-ca', cert };
      if (own.keyUsage !== null && (own.keyUsage & KEY_USAGE_CERT_SIGN) === 0) return { kind: 'no-cert-sign', cert };
      if (cert.notAfter.getTime() < at || cert.notBefore.getTime() > at) return { kind: 'issuer-expired', cert };
      const eku = own.extendedKeyUsage;
      if (eku !== null && !eku.includes(EKU_SERVER_AUTH) && !eku.includes(EKU_ANY)) return { kind: 'issuer-eku', cert, purposes: eku };
    }
    const limit = own.basicConstraints?.pathLength ?? null;
    const below = path.slice(1, index).filter((c) => !c.selfIssued).length;
    if (limit !== null && below > limit) return { kind: 'path-length', cert, limit, below };
    for (const subject of path.slice(0, index)) {
      const problem = checkNameConstraints(cert, own, subject);
      if (problem !== null) return problem;
    }
  }
  return null;
}

/** pkijs's verdicts by path and date: the same path is validated by every check and run of a process. */
const libraryVerdicts = new Map<string, Promise<PathProblem | null>>();
const LIBRARY_CACHE_LIMIT = 256;

/** pkijs wants the leaf last; the date is kept inside the leaf's window (validity is its own verdict). */
function libraryProblem(path: readonly ParsedCertificate[], at: number): Promise<PathProblem | null> {
  const [leaf] = path;
  if (leaf === undefined || path.length < 2) return Promise.resolve(null);
  const checkDate = new Date(Math.min(Math.max(at, leaf.notBefore.getTime()), leaf.notAfter.getTime()));
  const key = `${path.map((cert) => cert.fingerprintSha256).join('>')}@${Math.floor(checkDate.getTime() / 60_000)}`;
  let verdict = libraryVerdicts.get(key);
  if (verdict === undefined) {
    if (libraryVerdicts.size >= LIBRARY_CACHE_LIMIT) libraryVerdicts.clear();
    verdict = runLibrary(path, checkDate);
    libraryVerdicts.set(key, verdict);
  }
  return verdict;
}

async function runLibrary(path: readonly ParsedCertificate[], checkDate: Date): Promise<PathProblem | null> {
  const [leaf] = path;
  const anchor = path[path.length - 1];
  if (leaf === undefined || anchor === undefined) return null;
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [pkijsOf(anchor)],
    certs: [...path.slice(1, -1).reverse(), leaf].map(pkijsOf),
    checkDate,
  });
  const result = await engine.verify({}, cryptoEngine);
  return result.result ? null : { kind: 'library', message: result.resultMessage };
}

/** A one-line reason for a problem, naming the certificate in Windows form. */
export function describeProblem(problem: PathProblem): string {
  switch (problem.kind) {
    case 'ca-as-leaf':
      return `the server certificate ${formatWindowsDn(problem.cert.subject)} is a certificate authority certificate, not a server certificate`;
    case 'leaf-eku':
      return `the server certificate ${formatWindowsDn(problem.cert.subject)} is not allowed for server authentication (its extended key usage is ${problem.purposes.join(', ') || 'empty'})`;
    case 'not-ca':
      return `the intermediate ${formatWindowsDn(problem.cert.subject)} is not a certificate authority (no basicConstraints CA flag)`;
    case 'no-cert-sign':
      return `the intermediate ${formatWindowsDn(problem.cert.subject)} may not sign certificates (its key usage lacks keyCertSign)`;
    case 'path-length':
      return `${formatWindowsDn(problem.cert.subject)} allows ${problem.limit} intermediate${problem.limit === 1 ? '' : 's'} below it (pathLenConstraint), the path has ${problem.below}`;
    case 'issuer-eku':
      return `the intermediate ${formatWindowsDn(problem.cert.subject)} is limited to purposes without server authentication (${problem.purposes.join(', ') || 'none'})`;
    case 'critical-extension':
      return `${formatWindowsDn(problem.cert.subject)} carries the critical extension ${problem.oid}, which TLS clients do not know and must refuse`;
    case 'issuer-expired':
      return `the intermediate ${formatWindowsDn(problem.cert.subject)} is outside its validity period (${problem.cert.notBefore.toISOString()} to ${problem.cert.notAfter.toISOString()})`;
    case 'name-constraint':
      return problem.rule === 'excluded'
        ? `${formatWindowsDn(problem.issuer.subject)} forbids names under ${problem.subtree} (name constraints), and the certificate names ${problem.name}`
        : `${formatWindowsDn(problem.issuer.subject)} only permits names under ${problem.subtree} (name constraints), and the certificate names ${problem.name}`;
    case 'library':
      return `the path validation refused it: ${problem.message}`;
  }
}

function reasonOf(verdict: ChainVerdict): string | null {
  switch (verdict.kind) {
    case 'trusted':
      return null;
    case 'invalid':
      return describeProblem(verdict.problem);
    case 'unknown-ca':
      return `ends at ${formatWindowsDn(verdict.root.subject)}, which is not a trust anchor`;
    case 'missing-intermediate':
      return `the issuer ${verdict.missingIssuer} is neither among the certificates sent nor a trust anchor`;
    case 'bad-signature':
      return `${formatWindowsDn(verdict.issuer.subject)} has the issuer's name but its key did not sign the certificate below it`;
    case 'self-signed':
      return 'the certificate is self-signed';
    case 'too-long':
      return `loops back to a certificate already in the path, or is longer than ${MAX_PATH_LENGTH} certificates`;
  }
}

/** Which dead end to report when no path is valid: the one that got furthest towards a fix. */
const FAILURE_RANK: Readonly<Record<ChainVerdict['kind'], number>> = {
  trusted: 0,
  invalid: 1,
  'unknown-ca': 2,
  'bad-signature': 3,
  'missing-intermediate': 4,
  'too-long': 5,
  'self-signed': 6,
};

/**
 * Builds and validates the path from `sent` (leaf first, as the server sent it) to one of the
 * anchors at time `at` (ms since the epoch). Throws RangeError when `sent` is empty.
 */
export async function validatePath(sent: readonly ParsedCertificate[], anchors: TrustAnchors, at: number): Promise<PathResult> {
  const [leaf, ...others] = sent;
  if (leaf === undefined) throw new RangeError('validatePath needs at least the leaf certificate');
  const tried: ChainVerdict[] = [];
  const record = (verdict: ChainVerdict): ChainVerdict => {
    tried.push(verdict);
    return verdict;
  };
  const result = (verdict: ChainVerdict): PathResult => ({
    verdict,
    attempts: tried.map((v) => ({ path: v.path, outcome: v.kind, reason: reasonOf(v) })),
  });
  if (anchors.contains(leaf)) return result(record({ kind: 'trusted', path: [leaf], anchor: leaf }));
  if (selfSigned(leaf)) return result(record({ kind: 'self-signed', path: [leaf] }));
  const unique = distinct(others);

  const extend = async (path: readonly ParsedCertificate[]): Promise<ChainVerdict | null> => {
    const current = path[path.length - 1];
    if (current === undefined) return null;
    if (path.length >= MAX_PATH_LENGTH) {
      record({ kind: 'too-long', path });
      return null;
    }
    const candidates = distinct([...anchors.issuersOf(current), ...sentIssuers(current, unique)]);
    if (candidates.length === 0) {
      record({ kind: 'missing-intermediate', path, missingIssuer: formatWindowsDn(current.issuer) });
      return null;
    }
    for (const candidate of candidates) {
      if (tried.length >= MAX_ATTEMPTS) return null;
      if (path.some((p) => p.fingerprintSha256 === candidate.fingerprintSha256)) {
        record({ kind: 'too-long', path: [...path, candidate] });
        continue;
      }
      if (!signedBy(current, candidate)) {
        record({ kind: 'bad-signature', path, issuer: candidate });
        continue;
      }
      const next = [...path, candidate];
      if (anchors.contains(candidate)) {
        const problem = ruleProblem(next, at) ?? (await libraryProblem(next, at));
        if (problem === null) return record({ kind: 'trusted', path: next, anchor: candidate });
        record({ kind: 'invalid', path: next, anchor: candidate, problem });
        continue;
      }
      if (selfSigned(candidate)) {
        record({ kind: 'unknown-ca', path: next, root: candidate });
        continue;
      }
      const found = await extend(next);
      if (found !== null) return found;
    }
    return null;
  };

  const trusted = await extend([leaf]);
  if (trusted !== null) return result(trusted);
  const best = tried
    .map((verdict, order) => ({ verdict, order }))
    .sort((a, b) => FAILURE_RANK[a.verdict.kind] - FAILURE_RANK[b.verdict.kind] || a.order - b.order)[0]?.verdict;
  return result(best ?? record({ kind: 'missing-intermediate', path: [leaf], missingIssuer: formatWindowsDn(leaf.issuer) }));
}
