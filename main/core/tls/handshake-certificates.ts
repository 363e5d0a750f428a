/**
 * The certificates exactly as the server sent them, read from the TLS handshake on the wire. Up to
 * TLS 1.2 the server's Certificate message travels in plaintext handshake records (RFC 5246
 * §7.4.2): the list, in the server's order and count, duplicates and strays included. TLS 1.3
 * encrypts it (RFC 8446 §4.4.2), so there the order as sent cannot be read from the wire.
 */

const RECORD_HEADER = 5;
const CONTENT_HANDSHAKE = 22;
const HANDSHAKE_CERTIFICATE = 11;
/** A server's handshake flight is a few kilobytes; stop listening well after any real one. */
export const MAX_RECORDED_BYTES = 256 * 1024;

const uint24 = (bytes: Buffer, at: number): number => (bytes[at] ?? 0) * 65_536 + (bytes[at + 1] ?? 0) * 256 + (bytes[at + 2] ?? 0);

/** What the recorded bytes show so far. */
export type HandshakeReading =
  /** The Certificate message: base64 DER, in the order sent. */
  | { readonly kind: 'certificates'; readonly chainDer: readonly string[] }
  /** Encrypted before any Certificate message (TLS 1.3), or an alert: the list cannot be read. */
  | { readonly kind: 'unreadable' }
  /** Not enough bytes yet. */
  | { readonly kind: 'incomplete' };

/** The entries of a Certificate message body, or null when the body is malformed. */
function certificateList(body: Buffer): string[] | null {
  const listLength = uint24(body, 0);
  if (listLength + 3 !== body.length) return null;
  const chain: string[] = [];
  for (let at = 3; at < body.length; ) {
    const length = uint24(body, at);
    if (length === 0 || at + 3 + length > body.length) return null;
    chain.push(body.subarray(at + 3, at + 3 + length).toString('base64'));
    at += 3 + length;
  }
  return chain;
}

/**
 * Reads the server's bytes from the start of the handshake: plaintext handshake records are joined
 * (a message may span records) and walked message by message until the Certificate message.
 */
export function readHandshakeCertificates(serverBytes: Buffer): HandshakeReading {
  const handshake: Buffer[] = [];
  let at = 0;
  while (at + RECORD_HEADER <= serverBytes.length) {
    const type = serverBytes[at] ?? 0;
    const length = (serverBytes[at + 3] ?? 0) * 256 + (serverBytes[at + 4] ?? 0);
    // ChangeCipherSpec, an alert or application data: what follows is encrypted, or nothing follows.
    if (type !== CONTENT_HANDSHAKE) return { kind: 'unreadable' };
    if (at + RECORD_HEADER + length > serverBytes.length) break;
    handshake.push(serverBytes.subarray(at + RECORD_HEADER, at + RECORD_HEADER + length));
    at += RECORD_HEADER + length;
  }
  const messages = Buffer.concat(handshake);
  for (let offset = 0; offset + 4 <= messages.length; ) {
    const type = messages[offset] ?? 0;
    const length = uint24(messages, offset + 1);
    if (offset + 4 + length > messages.length) break;
    if (type === HANDSHAKE_CERTIFICATE) {
      const chain = certificateList(messages.subarray(offset + 4, offset + 4 + length));
      return chain === null ? { kind: 'unreadable' } : { kind: 'certificates', chainDer: chain };
    }
    offset += 4 + length;
  }
  return serverBytes.length >= MAX_RECORDED_BYTES ? { kind: 'unreadable' } : { kind: 'incomplete' };
}
