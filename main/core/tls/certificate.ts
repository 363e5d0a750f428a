/**
 * One X.509 certificate, read once into the fields the TLS checks reason about. node:crypto's
 * X509Certificate does signatures and key details; the names, SANs and signature algorithm are read
 * from the DER with node-forge's ASN.1 reader, because Node prints them as text that loses structure
 * (escaping, multi-valued RDNs, raw IP bytes) and has no signature-algorithm field in Node 20.
 */
import { X509Certificate } from 'node:crypto';
import { Address6 } from 'ip-address';
import forge from 'node-forge';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

/** One attribute of a distinguished name, e.g. CN=mail.contoso.com. */
export interface DnAttribute {
  readonly oid: string;
  /** The short name Windows prints (CN, O, S, ...), or `OID.<dotted>` for ones it has no name for. */
  readonly shortName: string;
  readonly value: string;
}

/** A relative distinguished name: usually one attribute, several for multi-valued RDNs. */
export type Rdn = readonly DnAttribute[];

export type KeyType = 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | 'ed448' | 'dsa' | 'unknown';

export interface KeyInfo {
  readonly type: KeyType;
  /** Modulus length for RSA/DSA, field size for EC; null when unknown. */
  readonly bits: number | null;
  /** Named curve for EC keys (Node's name, e.g. "prime256v1"). */
  readonly curve: string | null;
}

export type HashName = 'md2' | 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512' | 'intrinsic' | 'unknown';

export interface SignatureAlgorithm {
  readonly oid: string;
  /** Readable name, e.g. "sha256WithRSAEncryption". */
  readonly name: string;
  /** The digest it uses; "intrinsic" for EdDSA, which has none to choose. */
  readonly hash: HashName;
}

export interface ParsedCertificate {
  readonly x509: X509Certificate;
  /** DER, base64. */
  readonly derBase64: string;
  /** RDNs in encoded order (usually country first). */
  readonly subject: readonly Rdn[];
  readonly issuer: readonly Rdn[];
  readonly commonNames: readonly string[];
  readonly dnsNames: readonly string[];
  /** IP SANs in canonical text form. */
  readonly ipAddresses: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SHA-256 fingerprint, colon-separated upper-case hex (as Windows and OpenSSL show it). */
  readonly fingerprintSha256: string;
  readonly serialNumber: string;
  readonly key: KeyInfo;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly isCa: boolean;
  /** Subject and issuer are the same name (a root, or a self-signed leaf). */
  readonly selfIssued: boolean;
}

/** The bytes are not a certificate (or one this reader cannot parse). */
export class CertificateParseError extends Error {
  override readonly name = 'CertificateParseError';
}

const ATTRIBUTE_SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'S',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.13': 'Description',
  '2.5.4.17': 'PostalCode',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.25': 'DC',
  '0.9.2342.19200300.100.1.1': 'UID',
};

const SIGNATURE_ALGORITHMS: Readonly<Record<string, { readonly name: string; readonly hash: HashName }>> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'md2' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-SHA1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-SHA256', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519', hash: 'intrinsic' },
  '1.3.101.113': { name: 'Ed448', hash: 'intrinsic' },
};

const RSASSA_PSS_OID = '1.2.840.113549.1.1.10';
const HASH_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const CURVE_BITS: Readonly<Record<string, number>> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  prime192v1: 192,
  secp224r1: 224,
};

const SAN_OID = '2.5.29.17';
const DNS_NAME_TAG = 2;
const IP_ADDRESS_TAG = 7;
const EXTENSIONS_TAG = 3;
const UTF8_STRING = 12;
const UNIVERSAL_STRING = 28;
const BMP_STRING = 30;

type Asn1 = forge.asn1.Asn1;

/** The tag as a plain number: context-specific tags are not members of forge's universal Type enum. */
function tagNumber(node: Asn1): number {
  return node.type;
}

function children(node: Asn1 | undefined, what: string): readonly Asn1[] {
  if (node === undefined || !Array.isArray(node.value)) throw new CertificateParseError(`malformed certificate: ${what}`);
  return node.value;
}

function bytes(node: Asn1 | undefined, what: string): string {
  if (node === undefined || typeof node.value !== 'string') throw new CertificateParseError(`malformed certificate: ${what}`);
  return node.value;
}

function decodeString(node: Asn1): string {
  const raw = bytes(node, 'name attribute');
  const buffer = Buffer.from(raw, 'binary');
  const tag: number = node.type;
  if (tag === UTF8_STRING) return buffer.toString('utf8');
  if (tag === BMP_STRING) return buffer.swap16().toString('utf16le');
  if (tag === UNIVERSAL_STRING) {
    let text = '';
    for (let i = 0; i + 3 < buffer.length; i += 4) text += String.fromCodePoint(buffer.readUInt32BE(i));
    return text;
  }
  return buffer.toString('latin1');
}

function readName(node: Asn1 | undefined): Rdn[] {
  return children(node, 'name').map((set) =>
    children(set, 'relative distinguished name').map((pair): DnAttribute => {
      const [type, value] = children(pair, 'name attribute');
      if (type === undefined || value === undefined) throw new CertificateParseError('malformed certificate: name attribute');
      const oid = forge.asn1.derToOid(bytes(type, 'attribute type'));
      return { oid, shortName: ATTRIBUTE_SHORT_NAMES[oid] ?? `OID.${oid}`, value: decodeString(value) };
    }),
  );
}

function readTime(node: Asn1 | undefined): Date {
  const text = bytes(node, 'validity');
  return node?.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(text) : forge.asn1.generalizedTimeToDate(text);
}

function ipText(raw: string): string {
  const buffer = Buffer.from(raw, 'binary');
  if (buffer.length === 4) return [...buffer].join('.');
  if (buffer.length === 16) return Address6.fromByteArray([...buffer]).correctForm();
  return `invalid IP (${buffer.toString('hex')})`;
}

function readSans(extensions: readonly Asn1[]): { dnsNames: string[]; ipAddresses: string[] } {
  const dnsNames: string[] = [];
  const ipAddresses: string[] = [];
  for (const extension of extensions) {
    const fields = children(extension, 'extension');
    const oidNode = fields[0];
    if (oidNode === undefined || forge.asn1.derToOid(bytes(oidNode, 'extension id')) !== SAN_OID) continue;
    const generalNames = forge.asn1.fromDer(bytes(fields[fields.length - 1], 'subjectAltName'));
    for (const name of children(generalNames, 'subjectAltName')) {
      if (name.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC) continue;
      const tag: number = name.type;
      if (tag === DNS_NAME_TAG) dnsNames.push(bytes(name, 'dNSName'));
      if (tag === IP_ADDRESS_TAG) ipAddresses.push(ipText(bytes(name, 'iPAddress')));
    }
  }
  return { dnsNames, ipAddresses };
}

function readSignatureAlgorithm(node: Asn1 | undefined): SignatureAlgorithm {
  const [oidNode, parameters] = children(node, 'signature algorithm');
  const oid = forge.asn1.derToOid(bytes(oidNode, 'signature algorithm'));
  const known = SIGNATURE_ALGORITHMS[oid];
  if (known !== undefined) return { oid, ...known };
  if (oid === RSASSA_PSS_OID) {
    const hashParam = parameters !== undefined && Array.isArray(parameters.value) ? parameters.value[0] : undefined;
    const hashAlgorithm = hashParam !== undefined && Array.isArray(hashParam.value) ? hashParam.value[0] : undefined;
    const inner = hashAlgorithm !== undefined && Array.isArray(hashAlgorithm.value) ? hashAlgorithm.value[0] : undefined;
    /* RFC 4055: absent hash parameters mean SHA-1. */
    const hash = inner === undefined ? 'sha1' : (HASH_OIDS[forge.asn1.derToOid(bytes(inner, 'PSS hash'))] ?? 'unknown');
    return { oid, name: `RSASSA-PSS (${hash})`, hash };
  }
  return { oid, name: oid, hash: 'unknown' };
}

function readKey(x509: X509Certificate): KeyInfo {
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const rawType = key.asymmetricKeyType;
  const type: KeyType =
    rawType === 'rsa' || rawType === 'rsa-pss' || rawType === 'ec' || rawType === 'ed25519' || rawType === 'ed448' || rawType === 'dsa'
      ? rawType
      : 'unknown';
  const curve = details.namedCurve ?? null;
  if (type === 'ec') return { type, bits: curve === null ? null : (CURVE_BITS[curve] ?? null), curve };
  if (type === 'ed25519') return { type, bits: 256, curve: null };
  if (type === 'ed448') return { type, bits: 456, curve: null };
  return { type, bits: details.modulusLength ?? null, curve: null };
}

function sameName(a: readonly Rdn[], b: readonly Rdn[]): boolean {
  const text = (name: readonly Rdn[]): string =>
    JSON.stringify(name.map((rdn) => rdn.map((attr) => [attr.oid, attr.value.trim().toLowerCase()])));
  return text(a) === text(b);
}

/** Reads one DER certificate; throws CertificateParseError when it is not one. */
export function parseCertificate(der: Buffer): ParsedCertificate {
  let x509: X509Certificate;
  let root: Asn1;
  try {
    x509 = new X509Certificate(der);
    root = forge.asn1.fromDer(der.toString('binary'));
  } catch (error) {
    throw new CertificateParseError(`not a readable X.509 certificate (${errorMessage(error)})`);
  }
  const [tbs, signatureAlgorithm] = children(root, 'certificate');
  const tbsFields = children(tbs, 'TBSCertificate');
  const first = tbsFields[0];
  const offset = first !== undefined && first.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  const issuer = readName(tbsFields[offset + 2]);
  const [notBefore, notAfter] = children(tbsFields[offset + 3], 'validity');
  const subject = readName(tbsFields[offset + 4]);
  const extensionsWrapper = tbsFields
    .slice(offset + 6)
    .find((node) => node.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && tagNumber(node) === EXTENSIONS_TAG);
  const extensions = extensionsWrapper === undefined ? [] : children(children(extensionsWrapper, 'extensions')[0], 'extensions');
  const { dnsNames, ipAddresses } = readSans(extensions);
  return {
    x509,
    derBase64: der.toString('base64'),
    subject,
    issuer,
    commonNames: subject
      .flat()
      .filter((attr) => attr.oid === '2.5.4.3' && attr.value.trim() !== '')
      .map((attr) => attr.value),
    dnsNames,
    ipAddresses,
    notBefore: readTime(notBefore),
    notAfter: readTime(notAfter),
    fingerprintSha256: x509.fingerprint256,
    serialNumber: x509.serialNumber,
    key: readKey(x509),
    signatureAlgorithm: readSignatureAlgorithm(signatureAlgorithm),
    isCa: x509.ca,
    selfIssued: sameName(subject, issuer),
  };
}

/** Recently read certificates: a run sees the same few again and again (every check, every host). */
const recent = new Map<string, ParsedCertificate>();
const RECENT_LIMIT = 256;

/** Reads a certificate from base64 DER, the form ProbeTls.peerChainDer uses; repeats come from a small cache. */
export function parseCertificateBase64(derBase64: string): ParsedCertificate {
  const known = recent.get(derBase64);
  if (known !== undefined) return known;
  const parsed = parseCertificate(Buffer.from(derBase64, 'base64'));
  if (recent.size >= RECENT_LIMIT) {
    const oldest = recent.keys().next();
    if (oldest.done !== true) recent.delete(oldest.value);
  }
  recent.set(derBase64, parsed);
  return parsed;
}

/** Every CERTIFICATE block of a PEM text, parsed, in file order. */
export function parsePemCertificates(pem: string): ParsedCertificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) =>
    parseCertificate(Buffer.from(block.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, ''), 'base64')),
  );
}

/** "RSA 2048 bits", "EC P-256 (prime256v1)", for evidence and reports. */
export function describeKey(key: KeyInfo): string {
  if (key.type === 'ec') return `EC ${key.bits === null ? 'unknown size' : `${key.bits} bits`} (${key.curve ?? 'unnamed curve'})`;
  if (key.type === 'ed25519' || key.type === 'ed448') return key.type === 'ed25519' ? 'Ed25519' : 'Ed448';
  const label = key.type === 'rsa-pss' ? 'RSA-PSS' : key.type.toUpperCase();
  return `${label} ${key.bits === null ? 'unknown size' : `${key.bits} bits`}`;
}
