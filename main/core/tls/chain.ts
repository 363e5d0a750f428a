/**
 * Chain building: from the leaf, through the certificates the server sent (in any order), to a trust
 * anchor. The ways this fails mean different things to fix (buy a certificate, add the intermediate
 * to the server, trust a private root), so each gets its own verdict.
 */
import { rootCertificates } from 'node:tls';
import { parsePemCertificates } from './certificate.js';
import type { ParsedCertificate } from './certificate.js';
import { formatWindowsDn } from './exchange-names.js';

/** Certificates that end a chain as trusted: the system's roots plus any the user added. */
export interface TrustAnchors {
  readonly certificates: readonly ParsedCertificate[];
  /** Readable origin, e.g. "system roots (146) + 1 from --ca-file". */
  readonly description: string;
}

let systemRoots: readonly ParsedCertificate[] | null = null;

/** Node's bundled Mozilla root store, parsed once per process. */
function systemRootCertificates(): readonly ParsedCertificate[] {
  systemRoots ??= rootCertificates.flatMap((pem) => parsePemCertificates(pem));
  return systemRoots;
}

/**
 * The anchors for a run: system roots (unless excluded, which tests use to stay hermetic) plus extra
 * PEM texts such as --ca-file. Throws CertificateParseError when an extra PEM is not readable.
 */
export function trustAnchors(extraPem: readonly string[], options: { readonly includeSystemRoots?: boolean } = {}): TrustAnchors {
  const extra = extraPem.flatMap((pem) => parsePemCertificates(pem));
  const system = options.includeSystemRoots === false ? [] : systemRootCertificates();
  const parts = [
    ...(system.length > 0 ? [`system roots (${system.length})`] : []),
    ...(extra.length > 0 ? [`${extra.length} added`] : []),
  ];
  return { certificates: [...system, ...extra], description: parts.length > 0 ? parts.join(' + ') : 'no trust anchors' };
}

export type ChainVerdict =
  /** path: leaf first, the anchor last. */
  | { readonly kind: 'trusted'; readonly path: readonly ParsedCertificate[]; readonly anchor: ParsedCertificate }
  | { readonly kind: 'self-signed'; readonly path: readonly ParsedCertificate[] }
  /** The chain ends at a root the server sent that no trust anchor vouches for. */
  | { readonly kind: 'unknown-ca'; readonly path: readonly ParsedCertificate[]; readonly root: ParsedCertificate }
  /** The last certificate's issuer was neither sent nor a trust anchor. */
  | { readonly kind: 'missing-intermediate'; readonly path: readonly ParsedCertificate[]; readonly missingIssuer: string }
  /** A certificate names an issuer we have, but that issuer's key did not sign it. */
  | { readonly kind: 'bad-signature'; readonly path: readonly ParsedCertificate[]; readonly issuer: ParsedCertificate }
  | { readonly kind: 'too-long'; readonly path: readonly ParsedCertificate[] };

const MAX_PATH = 10;

function signedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
  try {
    return child.x509.verify(issuer.x509.publicKey);
  } catch {
    /* A key type the verifier cannot use is no signature from that issuer. */
    return false;
  }
}

function selfSigned(cert: ParsedCertificate): boolean {
  return cert.selfIssued && signedBy(cert, cert);
}

type IssuerSearch =
  | { readonly found: ParsedCertificate }
  | { readonly badSignature: ParsedCertificate }
  | null;

function findIssuer(child: ParsedCertificate, candidates: readonly ParsedCertificate[]): IssuerSearch {
  let badSignature: ParsedCertificate | null = null;
  for (const candidate of candidates) {
    if (candidate.fingerprintSha256 === child.fingerprintSha256 || !child.x509.checkIssued(candidate.x509)) continue;
    if (signedBy(child, candidate)) return { found: candidate };
    badSignature ??= candidate;
  }
  return badSignature === null ? null : { badSignature };
}

/** Builds the chain from `sent` (leaf first, as the server sent it) to one of the anchors. */
export function buildChain(sent: readonly ParsedCertificate[], anchors: TrustAnchors): ChainVerdict {
  const [leaf, ...others] = sent;
  if (leaf === undefined) throw new RangeError('buildChain needs at least the leaf certificate');
  if (selfSigned(leaf)) return { kind: 'self-signed', path: [leaf] };
  const path: ParsedCertificate[] = [leaf];
  let current = leaf;
  while (path.length <= MAX_PATH) {
    const fromAnchors = findIssuer(current, anchors.certificates);
    if (fromAnchors !== null && 'found' in fromAnchors) return { kind: 'trusted', path: [...path, fromAnchors.found], anchor: fromAnchors.found };
    if (anchors.certificates.some((anchor) => anchor.fingerprintSha256 === current.fingerprintSha256)) {
      return { kind: 'trusted', path, anchor: current };
    }
    if (selfSigned(current)) return { kind: 'unknown-ca', path, root: current };
    const unused = others.filter((cert) => !path.some((p) => p.fingerprintSha256 === cert.fingerprintSha256));
    const fromSent = findIssuer(current, unused);
    if (fromSent !== null && 'found' in fromSent) {
      path.push(fromSent.found);
      current = fromSent.found;
      continue;
    }
    const bad = fromSent ?? fromAnchors;
    if (bad !== null && 'badSignature' in bad) return { kind: 'bad-signature', path, issuer: bad.badSignature };
    return { kind: 'missing-intermediate', path, missingIssuer: formatWindowsDn(current.issuer) };
  }
  return { kind: 'too-long', path };
}
