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

const ECDSA_SHA256_OID = '1.2.840.10045.4.3.2';

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
  /** Replaces the default extensions (SKI and AKI are always added). */
  readonly extensions?: readonly object[];
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
  if (spec.extensions !== undefined) return [...spec.extensions, ...keyIdExtensions(spec)];
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

function keyIdExtensions(spec: CertSpec): object[] {
  const asn1 = forge.asn1;
  return [
    { name: 'subjectKeyIdentifier', value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, keyIdentifier(spec.subjectKey)) },
    {
      name: 'authorityKeyIdentifier',
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
        asn1.create(asn1.Class.CONTEXT_SPECIFIC, asn1.Type.NONE, false, keyIdentifier(spec.issuerKey)),
      ]),
    },
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

function signatureAlgorithm(oid: string, ec: boolean): forge.asn1.Asn1 {
  const asn1 = forge.asn1;
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(oid).getBytes()),
    /* RFC 5758: ECDSA algorithm identifiers have no parameters; RSA ones a NULL. */
    ...(ec ? [] : [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
  ]);
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
  const ecIssuer = spec.issuerKey.privateKey.asymmetricKeyType === 'ec';
  const signatureOid = ecIssuer ? ECDSA_SHA256_OID : SIGNATURE_OIDS[spec.hash];
  cert.siginfo.algorithmOid = signatureOid;
  const tbs = forgeInternals.getTBSCertificate(cert);
  const spki = forgeInternals.fromDerRaw(spec.subjectKey.spkiDer.toString('binary'), { decodeBitStrings: false });
  const tbsFields = tbs.value;
  if (!Array.isArray(tbsFields) || tbsFields.length < 7) throw new Error('unexpected TBSCertificate layout from node-forge');
  tbsFields[6] = spki;
  const algorithm = signatureAlgorithm(signatureOid, ecIssuer);
  /* TBSCertificate.signature must equal the outer algorithm, parameters included. */
  tbsFields[2] = signatureAlgorithm(signatureOid, ecIssuer);
  const tbsDer = Buffer.from(asn1.toDer(tbs).getBytes(), 'binary');
  const signature = sign(spec.hash, tbsDer, spec.issuerKey.privateKey);
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

/** A CA made by `customCa`: its certificate, name and key, to issue below it. */
export interface CaHandle {
  readonly pem: string;
  readonly name: readonly NameField[];
  readonly key: KeyPair;
}

export type ExtendedKeyUsage = 'serverAuth' | 'clientAuth' | 'any';

/** The rules a path validator must enforce, each one switchable to build the certificate that breaks it. */
export interface CustomCertOptions {
  readonly commonName: string;
  /** The signing CA; none makes a self-signed root. */
  readonly issuer?: CaHandle;
  /** Certificates with the same key role share a key: cross-signed copies of one CA. */
  readonly keyRole?: string;
  /** basicConstraints cA; null leaves basicConstraints out. */
  readonly ca?: boolean | null;
  readonly pathLen?: number;
  /** 'cert-sign' (CAs' default), 'server' (leaves' default: digitalSignature, keyEncipherment), or null for none. */
  readonly keyUsage?: 'cert-sign' | 'server' | null;
  readonly extKeyUsage?: readonly ExtendedKeyUsage[];
  /** "dns:example.test" or "ip:10.0.0.0/8" subtrees. */
  readonly permitted?: readonly string[];
  readonly excluded?: readonly string[];
  /** The OID of a critical extension no client knows. */
  readonly unknownCritical?: string;
  readonly dnsNames?: readonly string[];
  readonly ipAddresses?: readonly string[];
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

const EKU_OIDS: Readonly<Record<ExtendedKeyUsage, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  any: '2.5.29.37.0',
};

/** Context-specific tags as forge's Type members of the same number: [1] BOOLEAN, [2] INTEGER, [7] ODESC. */
const CONTEXT_TAGS = { 0: forge.asn1.Type.NONE, 1: forge.asn1.Type.BOOLEAN, 2: forge.asn1.Type.INTEGER, 7: forge.asn1.Type.ODESC } as const;

function subtreeAsn1(text: string): forge.asn1.Asn1 {
  const asn1 = forge.asn1;
  const [kind, value = ''] = text.split(/:(.*)/s);
  let base: forge.asn1.Asn1;
  if (kind === 'dns') {
    base = asn1.create(asn1.Class.CONTEXT_SPECIFIC, CONTEXT_TAGS[2], false, value);
  } else {
    const [address = '', bits = '32'] = value.split('/');
    const octets = address.split('.').map(Number);
    const prefix = Number(bits);
    const mask = [0, 1, 2, 3].map((i) => (0xff << (8 - Math.max(0, Math.min(8, prefix - 8 * i)))) & 0xff);
    base = asn1.create(asn1.Class.CONTEXT_SPECIFIC, CONTEXT_TAGS[7], false, Buffer.from([...octets, ...mask]).toString('binary'));
  }
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [base]);
}

function customExtensions(opts: CustomCertOptions, isCa: boolean): object[] {
  const asn1 = forge.asn1;
  const ca = opts.ca === undefined ? isCa : opts.ca;
  const keyUsage = opts.keyUsage === undefined ? (isCa ? 'cert-sign' : 'server') : opts.keyUsage;
  const extensions: object[] = [];
  if (ca !== null) extensions.push({ name: 'basicConstraints', cA: ca, critical: true, ...(opts.pathLen === undefined ? {} : { pathLenConstraint: opts.pathLen }) });
  if (keyUsage === 'cert-sign') extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  if (keyUsage === 'server') extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true });
  if (opts.extKeyUsage !== undefined) {
    const oids = opts.extKeyUsage.map((usage) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(EKU_OIDS[usage]).getBytes()));
    extensions.push({ id: '2.5.29.37', value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, oids) });
  }
  const altNames = [...(opts.dnsNames ?? []).map((value) => ({ type: 2, value })), ...(opts.ipAddresses ?? []).map((ip) => ({ type: 7, ip }))];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  if (opts.permitted !== undefined || opts.excluded !== undefined) {
    const trees = (tag: 0 | 1, list: readonly string[] | undefined): forge.asn1.Asn1[] =>
      list === undefined ? [] : [asn1.create(asn1.Class.CONTEXT_SPECIFIC, CONTEXT_TAGS[tag], true, list.map(subtreeAsn1))];
    extensions.push({
      id: '2.5.29.30',
      critical: true,
      value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [...trees(0, opts.permitted), ...trees(1, opts.excluded)]),
    });
  }
  if (opts.unknownCritical !== undefined) {
    extensions.push({ id: opts.unknownCritical, critical: true, value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '') });
  }
  return extensions;
}

function customCert(opts: CustomCertOptions, isCa: boolean): CaHandle {
  const name = caName(opts.commonName);
  /* EC keys: quick to make, so every custom CA can have its own. */
  const key = cachedKey(opts.keyRole ?? `custom:${opts.commonName}`, { curve: 'P-256' });
  const pem = makeCertificate({
    subject: name,
    issuer: opts.issuer?.name ?? name,
    subjectKey: key,
    issuerKey: opts.issuer?.key ?? key,
    notBefore: opts.notBefore ?? new Date(Date.now() - DAY_MS),
    notAfter: opts.notAfter ?? new Date(Date.now() + (isCa ? 3650 : 90) * DAY_MS),
    hash: 'sha256',
    ca: isCa,
    dnsNames: [],
    ipAddresses: [],
    extensions: customExtensions(opts, isCa),
  });
  return { pem, name, key };
}

/** A CA certificate with exactly the extensions asked for (a root when no issuer is given); EC P-256 keys. */
export function customCa(opts: CustomCertOptions): CaHandle {
  return customCert(opts, true);
}

/** A server certificate under `opts.issuer`, DNS names defaulting to the common name. */
export function customLeaf(opts: CustomCertOptions): string {
  return customCert({ dnsNames: [opts.commonName], ...opts, keyRole: opts.keyRole ?? 'custom-leaf' }, false).pem;
}
