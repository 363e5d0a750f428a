/**
 * Reads the certificate a user has on disk: PEM (one or more certificates; any private key in it is
 * skipped and never echoed), DER, or PFX/P12 with a password. What comes back is the chain in the
 * form the probe gives (base64 DER, leaf first), so the same analysis serves both.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export type CertificateFileFormat = 'pem' | 'der' | 'pfx';

export interface CertificateFile {
  readonly format: CertificateFileFormat;
  /** Base64 DER, leaf first, then its issuers as far as the file has them. */
  readonly chainDer: readonly string[];
  /** The file also held a private key (not read further, never shown). */
  readonly containedPrivateKey: boolean;
}

export type CertificateFileErrorKind = 'too-large' | 'password-required' | 'wrong-password' | 'corrupt' | 'no-certificate';

/** Why a certificate file could not be read; `message` is one line a person can act on. */
export class CertificateFileError extends Error {
  override readonly name = 'CertificateFileError';
  constructor(
    readonly kind: CertificateFileErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A PFX/P12 that needs its password, and none was given: the faces ask for it (prompt, --password-env). */
export class CertificatePasswordRequiredError extends CertificateFileError {
  constructor(label: string) {
    super('password-required', `${label} is a PFX/P12 file protected by a password: give its password`);
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function readPem(text: string, label: string): CertificateFile {
  const certificates: Buffer[] = [];
  let containedPrivateKey = false;
  for (const match of text.matchAll(PEM_BLOCK)) {
    const type = match[1] ?? '';
    if (type === 'CERTIFICATE' || type === 'X509 CERTIFICATE') {
      certificates.push(Buffer.from((match[2] ?? '').replace(/\s+/g, ''), 'base64'));
    } else if (type.endsWith('PRIVATE KEY')) {
      containedPrivateKey = true;
    }
  }
  if (certificates.length === 0) {
    throw new CertificateFileError('no-certificate', `${label} is a PEM file without any CERTIFICATE block`);
  }
  certificates.forEach((der, index) => {
    if (!isCertificate(der)) throw new CertificateFileError('corrupt', `${label}: certificate ${index + 1} in the PEM file is damaged`);
  });
  return { format: 'pem', chainDer: orderLeafFirst(certificates), containedPrivateKey };
}

function isCertificate(der: Buffer): boolean {
  try {
    new X509Certificate(der);
    return true;
  } catch {
    /* Not a certificate: the caller tries the next format. */
    return false;
  }
}

function looksLikePfx(der: Buffer): forge.asn1.Asn1 | null {
  try {
    const root = forge.asn1.fromDer(der.toString('binary'));
    const version = Array.isArray(root.value) ? root.value[0] : undefined;
    return version?.type === forge.asn1.Type.INTEGER ? root : null;
  } catch {
    /* Not DER at all: reported as corrupt by the caller. */
    return null;
  }
}

function isWrongPasswordError(error: unknown): boolean {
  return error instanceof Error && /invalid password|mac could not be verified/i.test(error.message);
}

function openPfx(asn1: forge.asn1.Asn1, password: string | null, label: string): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, password ?? '');
  } catch (error) {
    if (isWrongPasswordError(error)) {
      throw password === null
        ? new CertificatePasswordRequiredError(label)
        : new CertificateFileError('wrong-password', `${label}: wrong password for this PFX/P12 file`);
    }
    throw new CertificateFileError('corrupt', `${label} is a damaged or unsupported PFX/P12 file (${errorMessage(error)})`);
  }
}

function keyBagsOf(p12: forge.pkcs12.Pkcs12Pfx): forge.pkcs12.Bag[] {
  return [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag ?? ''] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag ?? ''] ?? []),
  ];
}

function readPfx(asn1: forge.asn1.Asn1, password: string | null, label: string): CertificateFile {
  const p12 = openPfx(asn1, password, label);
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag ?? ''] ?? [];
  const keyBags = keyBagsOf(p12);
  const certificates = certBags.flatMap((bag) => {
    /* forge leaves `cert` null (and keeps the raw `asn1`) for keys it cannot read, such as EC. */
    const node = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    return [Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary')];
  });
  if (certificates.length === 0) throw new CertificateFileError('no-certificate', `${label} is a PFX/P12 file without any certificate`);
  return { format: 'pfx', chainDer: orderLeafFirst(certificates), containedPrivateKey: keyBags.length > 0 };
}

/**
 * Files list certificates in any order (PFX especially): the leaf is the one that issued none of the
 * others; its issuers follow as far as the file has them, anything unrelated goes last.
 */
function orderLeafFirst(certificates: readonly Buffer[]): string[] {
  const parsed = certificates.map((der) => ({ der, x509: new X509Certificate(der) }));
  const issuesAnother = (candidate: (typeof parsed)[number]): boolean =>
    parsed.some((other) => other !== candidate && other.x509.checkIssued(candidate.x509) && other.x509.verify(candidate.x509.publicKey));
  const leaf = parsed.find((cert) => !cert.x509.ca && !issuesAnother(cert)) ?? parsed.find((cert) => !issuesAnother(cert)) ?? parsed[0];
  if (leaf === undefined) return [];
  const ordered = [leaf];
  let current = leaf;
  for (;;) {
    const issuer = parsed.find(
      (cert) => !ordered.includes(cert) && current.x509.checkIssued(cert.x509) && current.x509.verify(cert.x509.publicKey),
    );
    if (issuer === undefined) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...parsed.filter((cert) => !ordered.includes(cert))].map((cert) => cert.der.toString('base64'));
}

/**
 * Reads certificate bytes in any supported format. `label` names the file in messages. Throws
 * CertificateFileError.
 */
export function parseCertificateFile(data: Buffer, password: string | null, label: string): CertificateFile {
  const head = data.subarray(0, 4096).toString('latin1');
  if (head.includes('-----BEGIN')) return readPem(data.toString('utf8'), label);
  if (isCertificate(data)) return { format: 'der', chainDer: [data.toString('base64')], containedPrivateKey: false };
  const pfx = looksLikePfx(data);
  if (pfx !== null) return readPfx(pfx, password, label);
  throw new CertificateFileError('corrupt', `${label} is not a certificate file (expected PEM, DER or PFX/P12)`);
}

/** A certificate and its private key as PEM, to present as a TLS client certificate. */
export interface CertificateWithKey {
  readonly certPem: string;
  readonly keyPem: string;
}

const pemOf = (der: string): string => `-----BEGIN CERTIFICATE-----\n${(der.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;

/** The private key in a PEM file, decrypted with the password when it is encrypted, as PKCS#8 PEM. */
function keyFromPem(text: string, password: string | null, label: string): string {
  try {
    return createPrivateKey({ key: text, ...(password === null ? {} : { passphrase: password }) }).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (error) {
    if (/passphrase|bad decrypt/i.test(errorMessage(error))) {
      throw password === null ? new CertificatePasswordRequiredError(label) : new CertificateFileError('wrong-password', `${label}: wrong password for this private key`);
    }
    throw new CertificateFileError('corrupt', `${label} holds no readable private key (${errorMessage(error)})`);
  }
}

/**
 * The server's certificate with its key, to present as a client certificate: a PFX/P12 (with its
 * password), or a PEM certificate with the key in the same file or in `keyData`. The key must
 * belong to the certificate. Throws CertificateFileError with a line a person can act on.
 */
export function readCertificateWithKey(certData: Buffer, keyData: Buffer | null, password: string | null, labels: { readonly cert: string; readonly key: string }): CertificateWithKey {
  const file = parseCertificateFile(certData, password, labels.cert);
  const certPem = file.chainDer.map(pemOf).join('');
  let keyPem: string;
  if (keyData !== null) {
    keyPem = keyFromPem(keyData.toString('utf8'), password, labels.key);
  } else if (file.format === 'pfx') {
    const asn1 = looksLikePfx(certData);
    const bag = asn1 === null ? undefined : keyBagsOf(openPfx(asn1, password, labels.cert))[0];
    if (bag?.key === undefined) {
      throw new CertificateFileError('no-certificate', `${labels.cert} holds no private key this app can read (an EC key in a PFX): export the certificate and its key as PEM files instead`);
    }
    keyPem = keyFromPem(forge.pki.privateKeyToPem(bag.key), null, labels.cert);
  } else if (file.containedPrivateKey) {
    keyPem = keyFromPem(certData.toString('utf8'), password, labels.cert);
  } else {
    throw new CertificateFileError('no-certificate', `${labels.cert} holds no private key: give the key file too`);
  }
  const leaf = file.chainDer[0];
  if (leaf === undefined || !new X509Certificate(Buffer.from(leaf, 'base64')).checkPrivateKey(createPrivateKey(keyPem))) {
    throw new CertificateFileError('corrupt', `the private key in ${keyData === null ? labels.cert : labels.key} does not belong to the certificate in ${labels.cert}`);
  }
  return { certPem, keyPem };
}
