/**
 * A test PKI made at run time: a root, an intermediate under it, and an unrelated "unknown" root,
 * issuing leaf certificates for every case the TLS checks must tell apart (good, expired, self-signed,
 * unknown CA, missing intermediate, weak key, SHA-1, EC key...).
 *
 * node-forge lays out the TBSCertificate (names, validity, extensions); the subject key and the
 * signature come from node:crypto, which is fast (forge's RSA key generation is slow) and can hold EC
 * keys, which forge cannot.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import forge from 'node-forge';

export interface IssuedCert {
  readonly certPem: string;
  readonly keyPem: string;
  /** Intermediates as a server would send them after the leaf; the leaf is excluded. */
  readonly chainPem: string[];
}

export interface SubjectAttribute {
  readonly type: 'O' | 'OU' | 'L' | 'ST' | 'C' | 'E';
  readonly value: string;
}

export interface IssueOptions {
  /** Defaults to the first DNS name, or "mail.example.test". */
  commonName?: string;
  /** DNS SANs; defaults to [commonName]. An empty array leaves the SAN extension out (CN only). */
  dnsNames?: string[];
  /** IP SANs (IPv4 or IPv6). */
  ipAddresses?: string[];
  /** More subject attributes after CN, e.g. O and C, to exercise DN formatting. */
  subjectExtra?: readonly SubjectAttribute[];
  notBefore?: Date;
  notAfter?: Date;
  /** RSA modulus length; default 2048. Ignored for EC keys. */
  keyBits?: number;
  signatureHash?: 'sha1' | 'sha256';
  selfSigned?: boolean;
  /** 'unknown' = signed by a root that is NOT the test root (that root is then sent in chainPem). */
  issuer?: 'intermediate' | 'root' | 'unknown';
  /** false leaves the issuing CA out of chainPem: a "missing intermediate". */
  includeIntermediate?: boolean;
  ecCurve?: 'P-256' | 'P-384';
}

export interface TestPki {
  readonly rootPem: string;
  readonly intermediatePem: string;
  /** The unrelated root used for issuer: 'unknown'; never a trust anchor. */
  readonly unknownRootPem: string;
  issue(opts?: IssueOptions): IssuedCert;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const SIGNATURE_OIDS = {
  sha1: '1.2.840.113549.1.1.5',
  sha256: '1.2.840.113549.1.1.11',
} as const;

const ATTRIBUTE_NAMES: Readonly<Record<SubjectAttribute['type'], string>> = {
  O: 'organizationName',
  OU: 'organizationalUnitName',
  L: 'localityName',
  ST: 'stateOrProvinceName',
  C: 'countryName',
  E: 'emailAddress',
};

/** UTF8String for names, as current CAs issue them. */
const UTF8: number = forge.asn1.Type.UTF8;

/** A name attribute for forge; its typings mistype valueTagClass (a universal tag, not a class). */
interface NameField {
  readonly name: string;
  readonly value: string;
  readonly valueTagClass?: number;
}

function forgeFields(fields: readonly NameField[]): forge.pki.CertificateField[] {
  const copy: unknown = fields.map((field) => ({ ...field }));
  return copy as forge.pki.CertificateField[];
}

interface KeyPair {
  readonly privateKey: KeyObject;
  readonly privatePem: string;
  readonly spkiDer: Buffer;
}

const keyCache = new Map<string, KeyPair>();

/** Keys are the slow part: one per role and size, kept for the whole test process. */
function cachedKey(role: string, kind: { readonly rsaBits: number } | { readonly curve: 'P-256' | 'P-384' }): KeyPair {
  const cacheKey = 'rsaBits' in kind ? `${role}:rsa${kind.rsaBits}` : `${role}:${kind.curve}`;
  const cached = keyCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const pair =
    'rsaBits' in kind
      ? generateKeyPairSync('rsa', { modulusLength: kind.rsaBits })
      : generateKeyPairSync('ec', { namedCurve: kind.curve });
  const made: KeyPair = {
    privateKey: pair.privateKey,
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    spkiDer: pair.publicKey.export({ type: 'spki', format: 'der' }),
  };
  keyCache.set(cacheKey, made);
  return made;
}

function keyIdentifier(key: KeyPair): string {
  return createHash('sha1').update(key.spkiDer).digest().toString('binary');
}

function serialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

interface CertSpec {
  readonly subject: readonly NameField[];
  readonly issuer: readonly NameField[];
  readonly subjectKey: KeyPair;
  readonly issuerKey: KeyPair;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly hash: 'sha1' | 'sha256';
  readonly ca: boolean;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** A placeholder RSA key so forge can lay out the TBSCertificate; its SPKI is replaced afterwards. */
let layoutKeyMemo: forge.pki.PublicKey | null = null;
function layoutKey(): forge.pki.PublicKey {
  layoutKeyMemo ??= forge.pki.publicKeyFromPem(
    createPublicKey(cachedKey('root', { rsaBits: 2048 }).privatePem)
      .export({ type: 'spki', format: 'pem' })
      .toString(),
  );
  return layoutKeyMemo;
}

function extensionsFor(spec: CertSpec): object[] {
  const asn1 = forge.asn1;
  const ski = {
    name: 'subjectKeyIdentifier',
    value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, keyIdentifier(spec.subjectKey)),
  };
  const aki = {
    name: 'authorityKeyIdentifier',
    value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      /* [0] keyIdentifier: context tag 0 */
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, asn1.Type.NONE, false, keyIdentifier(spec.issuerKey)),
    ]),
  };
  if (spec.ca) {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      ski,
      aki,
    ];
  }
  const altNames = [
    ...spec.dnsNames.map((value) => ({ type: 2, value })),
    ...spec.ipAddresses.map((ip) => ({ type: 7, ip })),
  ];
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    ...(altNames.length > 0 ? [{ name: 'subjectAltName', altNames }] : []),
    ski,
    aki,
  ];
}

/** forge functions its typings leave out (present in node-forge 1.x). */
const forgeInternals = {
  getTBSCertificate: (forge.pki as unknown as { readonly getTBSCertificate: (cert: forge.pki.Certificate) => forge.asn1.Asn1 })
    .getTBSCertificate,
  fromDerRaw: forge.asn1.fromDer as unknown as (bytes: string, options: { readonly decodeBitStrings: boolean }) => forge.asn1.Asn1,
};

function derToPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function makeCertificate(spec: CertSpec): string {
  const asn1 = forge.asn1;
  const cert = forge.pki.createCertificate();
  cert.publicKey = layoutKey();
  cert.serialNumber = serialHex();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(forgeFields(spec.subject));
  cert.setIssuer(forgeFields(spec.issuer));
  cert.setExtensions(extensionsFor(spec));
  const signatureOid = SIGNATURE_OIDS[spec.hash];
  cert.siginfo.algorithmOid = signatureOid;
  const tbs = forgeInternals.getTBSCertificate(cert);
  const spki = forgeInternals.fromDerRaw(spec.subjectKey.spkiDer.toString('binary'), { decodeBitStrings: false });
  const tbsFields = tbs.value;
  if (!Array.isArray(tbsFields) || tbsFields.length < 7) throw new Error('unexpected TBSCertificate layout from node-forge');
  tbsFields[6] = spki;
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(spec.hash, tbsDer, spec.issuerKey.privateKey);
  const algorithm = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(signatureOid).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
  ]);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithm,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${signature.toString('binary')}`),
  ]);
  return derToPem(Buffer.from(asn1.toDer(certificate).getBytes(), 'binary'));
}

function caName(commonName: string): NameField[] {
  return [
    { name: 'countryName', value: 'US' },
    { name: 'organizationName', value: 'Mailflow Lab' },
    { name: 'commonName', value: commonName },
  ];
}

let memo: TestPki | null = null;

/** The process-wide test PKI (keys and CA certificates are made once). */
export function createTestPki(): TestPki {
  if (memo !== null) return memo;
  const now = Date.now();
  const caNotBefore = new Date(now - 2 * DAY_MS);
  const caNotAfter = new Date(now + 3650 * DAY_MS);
  const rootKey = cachedKey('root', { rsaBits: 2048 });
  const intermediateKey = cachedKey('intermediate', { rsaBits: 2048 });
  const unknownKey = cachedKey('unknown-root', { rsaBits: 2048 });
  const rootName = caName('Mailflow Test Root CA');
  const intermediateName = caName('Mailflow Test Issuing CA');
  const unknownName = caName('Unknown Private Root CA');
  const caSpec = { notBefore: caNotBefore, notAfter: caNotAfter, hash: 'sha256', ca: true, dnsNames: [], ipAddresses: [] } as const;
  const rootPem = makeCertificate({ ...caSpec, subject: rootName, issuer: rootName, subjectKey: rootKey, issuerKey: rootKey });
  const intermediatePem = makeCertificate({
    ...caSpec,
    subject: intermediateName,
    issuer: rootName,
    subjectKey: intermediateKey,
    issuerKey: rootKey,
  });
  const unknownRootPem = makeCertificate({
    ...caSpec,
    subject: unknownName,
    issuer: unknownName,
    subjectKey: unknownKey,
    issuerKey: unknownKey,
  });

  const issue = (opts: IssueOptions = {}): IssuedCert => {
    const dnsNames = opts.dnsNames ?? [opts.commonName ?? 'mail.example.test'];
    const commonName = opts.commonName ?? dnsNames[0] ?? 'mail.example.test';
    const subjectKey =
      opts.ecCurve !== undefined
        ? cachedKey('leaf', { curve: opts.ecCurve })
        : cachedKey('leaf', { rsaBits: opts.keyBits ?? 2048 });
    const subject: NameField[] = [
      ...(opts.subjectExtra ?? []).map((a) =>
        a.type === 'C' ? { name: ATTRIBUTE_NAMES[a.type], value: a.value } : { name: ATTRIBUTE_NAMES[a.type], value: a.value, valueTagClass: UTF8 },
      ),
      { name: 'commonName', value: commonName, valueTagClass: UTF8 },
    ];
    const issuerKind = opts.selfSigned === true ? 'self' : (opts.issuer ?? 'intermediate');
    const signer =
      issuerKind === 'self'
        ? { name: subject, key: subjectKey, chain: [] }
        : issuerKind === 'root'
          ? { name: rootName, key: rootKey, chain: [] }
          : issuerKind === 'unknown'
            ? { name: unknownName, key: unknownKey, chain: [unknownRootPem] }
            : { name: intermediateName, key: intermediateKey, chain: [intermediatePem] };
    const certPem = makeCertificate({
      subject,
      issuer: signer.name,
      subjectKey,
      issuerKey: signer.key,
      notBefore: opts.notBefore ?? new Date(Date.now() - HOUR_MS),
      notAfter: opts.notAfter ?? new Date(Date.now() + 90 * DAY_MS),
      hash: opts.signatureHash ?? 'sha256',
      ca: false,
      dnsNames,
      ipAddresses: opts.ipAddresses ?? [],
    });
    return {
      certPem,
      keyPem: subjectKey.privatePem,
      chainPem: opts.includeIntermediate === false ? [] : [...signer.chain],
    };
  };

  memo = { rootPem, intermediatePem, unknownRootPem, issue };
  return memo;
}

/** DER bytes of the first certificate in a PEM text. */
export function pemToDer(pem: string): Buffer {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (match?.[1] === undefined) throw new Error('no certificate in the PEM text');
  return Buffer.from(match[1].replace(/\s+/g, ''), 'base64');
}

/** Base64 DER of the first certificate in a PEM text, as ProbeTls.peerChainDer holds it. */
export function pemToDerBase64(pem: string): string {
  return pemToDer(pem).toString('base64');
}

/**
 * A PFX/PKCS#12 file (3DES, as Windows exports) holding the key, the leaf and its chain.
 * RSA keys only: node-forge cannot put an EC key in a PFX.
 */
export function toPkcs12(issued: IssuedCert, password: string): Buffer {
  const key = forge.pki.privateKeyFromPem(
    createPrivateKey(issued.keyPem).export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const certs = [issued.certPem, ...issued.chainPem].map((pem) => forge.pki.certificateFromPem(pem));
  const p12 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des', friendlyName: 'mailflow test' });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
