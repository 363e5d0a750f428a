/**
 * Just enough DER reading to index a certificate without parsing it: the raw subject and issuer
 * names and the key identifiers. The trust store uses it to look roots up by name or key id, so a
 * root is only parsed in full when it might issue the certificate at hand.
 */

/** Lookup keys of one certificate, as lower-case hex of the encoded bytes. */
export interface CertificateKeys {
  /** The subject Name, DER (tag and length included). */
  readonly subject: string;
  readonly issuer: string;
  /** subjectKeyIdentifier's key id, or null without that extension. */
  readonly subjectKeyId: string | null;
  /** authorityKeyIdentifier's [0] keyIdentifier, or null. */
  readonly authorityKeyId: string | null;
}

/** The bytes are not laid out as an X.509 certificate. */
export class DerLayoutError extends Error {
  override readonly name = 'DerLayoutError';
}

interface Tlv {
  readonly tag: number;
  /** Offset of the tag byte. */
  readonly start: number;
  /** Offset of the first content byte. */
  readonly contentStart: number;
  /** Offset just past the content. */
  readonly end: number;
}

function readTlv(der: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new DerLayoutError('truncated DER');
  const tag = der[offset] ?? 0;
  const first = der[offset + 1] ?? 0;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4) throw new DerLayoutError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[offset + 2 + i] ?? 0);
    contentStart += count;
  }
  const end = contentStart + length;
  if (end > limit) throw new DerLayoutError('DER length past the end');
  return { tag, start: offset, contentStart, end };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let offset = parent.contentStart; offset < parent.end; ) {
    const child = readTlv(der, offset, parent.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

function hex(der: Uint8Array, from: number, to: number): string {
  return Buffer.from(der.buffer, der.byteOffset + from, to - from).toString('hex');
}

const OID_SKI = '0603551d0e';
const OID_AKI = '0603551d23';
const CONTEXT_EXTENSIONS = 0xa3;
const CONTEXT_KEY_ID = 0x80;

/** Reads the lookup keys of a DER certificate; throws DerLayoutError when it is not one. */
export function certificateKeys(der: Uint8Array): CertificateKeys {
  const certificate = readTlv(der, 0, der.length);
  const [tbs] = children(der, certificate);
  if (tbs === undefined) throw new DerLayoutError('no TBSCertificate');
  const fields = children(der, tbs);
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[offset + 2];
  const subject = fields[offset + 4];
  if (issuer === undefined || subject === undefined) throw new DerLayoutError('no issuer or subject');
  let subjectKeyId: string | null = null;
  let authorityKeyId: string | null = null;
  const wrapper = fields.slice(offset + 6).find((field) => field.tag === CONTEXT_EXTENSIONS);
  const list = wrapper === undefined ? undefined : children(der, wrapper)[0];
  for (const extension of list === undefined ? [] : children(der, list)) {
    const parts = children(der, extension);
    const id = parts[0];
    const value = parts[parts.length - 1];
    if (id === undefined || value === undefined) continue;
    const oid = hex(der, id.start, id.end);
    if (oid !== OID_SKI && oid !== OID_AKI) continue;
    const inner = readTlv(der, value.contentStart, value.end);
    if (oid === OID_SKI) subjectKeyId = hex(der, inner.contentStart, inner.end);
    else {
      const keyId = children(der, inner).find((part) => part.tag === CONTEXT_KEY_ID);
      if (keyId !== undefined) authorityKeyId = hex(der, keyId.contentStart, keyId.end);
    }
  }
  return {
    subject: hex(der, subject.start, subject.end),
    issuer: hex(der, issuer.start, issuer.end),
    subjectKeyId,
    authorityKeyId,
  };
}
