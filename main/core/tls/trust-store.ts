/**
 * The trust anchors of a run, indexed by subject name and key identifier. Node's bundled root store
 * is indexed once per process from a cheap DER walk (der.ts); a root is parsed in full only when it
 * may have issued a certificate being validated, and then kept.
 */
import { rootCertificates } from 'node:tls';
import { parseCertificate, parsePemCertificates } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import { certificateKeys } from './der.js';
import type { CertificateKeys } from './der.js';

/** Certificates that end a path as trusted: the system's roots plus any the user added. */
export interface TrustAnchors {
  /** Readable origin, e.g. "system roots (146) + 1 added". */
  readonly description: string;
  /** Anchors that may have issued `cert`: their subject is its issuer name, or their key id is its authority key id. */
  issuersOf(cert: ParsedCertificate): readonly ParsedCertificate[];
  /** This very certificate is an anchor. */
  contains(cert: ParsedCertificate): boolean;
}

const keyCache = new WeakMap<ParsedCertificate, CertificateKeys>();

/** The lookup keys of a parsed certificate, read once. */
export function keysOf(cert: ParsedCertificate): CertificateKeys {
  let keys = keyCache.get(cert);
  if (keys === undefined) {
    keys = certificateKeys(Buffer.from(cert.derBase64, 'base64'));
    keyCache.set(cert, keys);
  }
  return keys;
}

interface Index {
  readonly size: number;
  lookup(keys: CertificateKeys): readonly ParsedCertificate[];
  has(cert: ParsedCertificate): boolean;
}

function push(map: Map<string, number[]>, key: string | null, index: number): void {
  if (key === null) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [index]);
  else list.push(index);
}

/** An index over DER certificates that parses an entry only when a lookup returns it. */
function indexDer(ders: readonly Buffer[]): Index {
  const bySubject = new Map<string, number[]>();
  const byKeyId = new Map<string, number[]>();
  ders.forEach((der, index) => {
    const keys = certificateKeys(der);
    push(bySubject, keys.subject, index);
    push(byKeyId, keys.subjectKeyId, index);
  });
  const parsed = new Map<number, ParsedCertificate>();
  const at = (index: number): ParsedCertificate => {
    let cert = parsed.get(index);
    if (cert === undefined) {
      const der = ders[index];
      if (der === undefined) throw new RangeError(`no trust anchor at ${index}`);
      cert = parseCertificate(der);
      parsed.set(index, cert);
    }
    return cert;
  };
  return {
    size: ders.length,
    lookup(keys) {
      const hits = new Set([...(bySubject.get(keys.issuer) ?? []), ...(keys.authorityKeyId === null ? [] : (byKeyId.get(keys.authorityKeyId) ?? []))]);
      return [...hits].map(at);
    },
    has(cert) {
      const der = Buffer.from(cert.derBase64, 'base64');
      return (bySubject.get(keysOf(cert).subject) ?? []).some((index) => ders[index]?.equals(der) === true);
    },
  };
}

function pemToDer(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64');
}

let systemIndex: Index | null = null;

/** Node's bundled Mozilla root store, indexed on first use. */
function systemRoots(): Index {
  systemIndex ??= indexDer(rootCertificates.map(pemToDer));
  return systemIndex;
}

/**
 * The anchors for a run: system roots (unless excluded, which tests use to stay hermetic) plus extra
 * PEM texts such as --ca-file. Throws CertificateParseError when an extra PEM is not readable.
 */
export function trustAnchors(extraPem: readonly string[], options: { readonly includeSystemRoots?: boolean } = {}): TrustAnchors {
  const key = JSON.stringify([options.includeSystemRoots !== false, extraPem]);
  const known = recentAnchors.get(key);
  if (known !== undefined) return known;
  const anchors = buildAnchors(extraPem, options.includeSystemRoots !== false);
  // A few sets stay ready: every run of a session (50 smart hosts at once) uses the same one.
  if (recentAnchors.size >= RECENT_ANCHOR_SETS) recentAnchors.delete(recentAnchors.keys().next().value ?? '');
  recentAnchors.set(key, anchors);
  return anchors;
}

/** How many anchor sets (by their extra PEM) are kept parsed and indexed for later runs. */
const RECENT_ANCHOR_SETS = 4;
const recentAnchors = new Map<string, TrustAnchors>();

function buildAnchors(extraPem: readonly string[], includeSystem: boolean): TrustAnchors {
  const extra = extraPem.flatMap((pem) => parsePemCertificates(pem));
  const extraIndex = indexDer(extra.map((cert) => Buffer.from(cert.derBase64, 'base64')));
  const indexes = (): readonly Index[] => (includeSystem ? [systemRoots(), extraIndex] : [extraIndex]);
  const systemCount = includeSystem ? rootCertificates.length : 0;
  const parts = [...(systemCount > 0 ? [`system roots (${systemCount})`] : []), ...(extra.length > 0 ? [`${extra.length} added`] : [])];
  return {
    description: parts.length > 0 ? parts.join(' + ') : 'no trust anchors',
    issuersOf(cert) {
      const keys = keysOf(cert);
      const found = new Map<string, ParsedCertificate>();
      for (const anchor of indexes().flatMap((index) => index.lookup(keys))) found.set(anchor.fingerprintSha256, anchor);
      return [...found.values()];
    },
    contains(cert) {
      return indexes().some((index) => index.has(cert));
    },
  };
}
