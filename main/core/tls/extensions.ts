/**
 * The extensions that decide whether a certificate may sit where it is in a path, read from pkijs's
 * parsed certificate: basic constraints, key usage, extended key usage, name constraints, and which
 * critical extensions no TLS client knows (RFC 5280 §4.2: those must make the path invalid).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type NameSubtree =
  | { readonly type: 'dns'; readonly text: string }
  /** Address then mask, 8 bytes for IPv4, 32 for IPv6 (RFC 5280 §4.2.1.10). */
  | { readonly type: 'ip'; readonly text: string; readonly bytes: Uint8Array }
  | { readonly type: 'other'; readonly text: string };

export interface CertificateRules {
  readonly basicConstraints: { readonly ca: boolean; readonly pathLength: number | null } | null;
  /** The first byte of the key usage bits (keyCertSign is KEY_USAGE_CERT_SIGN), or null without the extension. */
  readonly keyUsage: number | null;
  /** Extended key usage OIDs, or null without the extension (any purpose). */
  readonly extendedKeyUsage: readonly string[] | null;
  readonly nameConstraints: { readonly permitted: readonly NameSubtree[]; readonly excluded: readonly NameSubtree[] };
  /** Critical extensions outside KNOWN_EXTENSIONS. */
  readonly unknownCritical: readonly string[];
}

/** keyCertSign is bit 5 of KeyUsage: 0x04 in the first byte. */
export const KEY_USAGE_CERT_SIGN = 0x04;

/** Extensions a TLS client processes (RFC 5280 §4.2 plus the ones in every public certificate). */
const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.15', // keyUsage
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.19', // basicConstraints
  '2.5.29.30', // nameConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.33', // policyMappings
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.36', // policyConstraints
  '2.5.29.37', // extKeyUsage
  '2.5.29.54', // inhibitAnyPolicy
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '1.3.6.1.4.1.11129.2.4.2', // signed certificate timestamps
]);

function integerOf(value: number | asn1js.Integer | undefined): number | null {
  if (value === undefined) return null;
  return typeof value === 'number' ? value : value.valueBlock.valueDec;
}

function ipSubtreeText(bytes: Uint8Array): string {
  const half = bytes.length / 2;
  const address = bytes.subarray(0, half);
  const mask = bytes.subarray(half);
  const prefix = [...mask].reduce((bits, byte) => bits + byte.toString(2).replace(/0/g, '').length, 0);
  const text =
    half === 4
      ? [...address].join('.')
      : Array.from({ length: 8 }, (_, i) => (((address[2 * i] ?? 0) << 8) | (address[2 * i + 1] ?? 0)).toString(16)).join(':');
  return `${text}/${prefix}`;
}

function subtreeOf(subtree: pkijs.GeneralSubtree): NameSubtree {
  const base = subtree.base;
  const value: unknown = base.value;
  if (base.type === 2 && typeof value === 'string') return { type: 'dns', text: value };
  if (base.type === 7 && value instanceof asn1js.OctetString) {
    const bytes = new Uint8Array(value.valueBlock.valueHexView);
    return { type: 'ip', text: ipSubtreeText(bytes), bytes };
  }
  return { type: 'other', text: `general name type ${base.type}` };
}

/** Reads the path-relevant extensions of one certificate. */
export function certificateRules(cert: pkijs.Certificate): CertificateRules {
  let basicConstraints: CertificateRules['basicConstraints'] = null;
  let keyUsage: number | null = null;
  let extendedKeyUsage: string[] | null = null;
  const permitted: NameSubtree[] = [];
  const excluded: NameSubtree[] = [];
  const unknownCritical: string[] = [];
  for (const extension of cert.extensions ?? []) {
    const parsed: unknown = extension.parsedValue;
    if (extension.critical && !KNOWN_EXTENSIONS.has(extension.extnID)) unknownCritical.push(extension.extnID);
    if (parsed instanceof pkijs.BasicConstraints) {
      basicConstraints = { ca: parsed.cA, pathLength: parsed.cA ? integerOf(parsed.pathLenConstraint) : null };
    } else if (extension.extnID === '2.5.29.15' && parsed instanceof asn1js.BitString) {
      keyUsage = new Uint8Array(parsed.valueBlock.valueHexView)[0] ?? 0;
    } else if (parsed instanceof pkijs.ExtKeyUsage) {
      extendedKeyUsage = [...parsed.keyPurposes];
    } else if (parsed instanceof pkijs.NameConstraints) {
      permitted.push(...(parsed.permittedSubtrees ?? []).map(subtreeOf));
      excluded.push(...(parsed.excludedSubtrees ?? []).map(subtreeOf));
    }
  }
  return { basicConstraints, keyUsage, extendedKeyUsage, nameConstraints: { permitted, excluded }, unknownCritical };
}
