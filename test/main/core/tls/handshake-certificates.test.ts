import { describe, expect, it } from 'vitest';
import { MAX_RECORDED_BYTES, readHandshakeCertificates } from '../../../../main/core/tls/handshake-certificates.js';

const u24 = (n: number): Buffer => Buffer.from([(n >> 16) & 255, (n >> 8) & 255, n & 255]);
const record = (type: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 255]), body]);
const message = (type: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([type]), u24(body.length), body]);
const certificateMessage = (certs: readonly Buffer[]): Buffer => {
  const entries = Buffer.concat(certs.map((der) => Buffer.concat([u24(der.length), der])));
  return message(11, Buffer.concat([u24(entries.length), entries]));
};
const serverHello = message(2, Buffer.alloc(70, 1));
const leaf = Buffer.from('leaf certificate');
const stray = Buffer.from('a certificate that belongs to nothing');
const intermediate = Buffer.from('intermediate certificate');

describe('readHandshakeCertificates', () => {
  it('reads the Certificate message in the server’s order and count, duplicates and strays included', () => {
    const flight = record(22, Buffer.concat([serverHello, certificateMessage([leaf, stray, intermediate, intermediate])]));
    expect(readHandshakeCertificates(flight)).toEqual({ kind: 'certificates', chainDer: [leaf, stray, intermediate, intermediate].map((der) => der.toString('base64')) });
  });

  it('joins a message that spans several records, and waits for the rest of one cut short', () => {
    const handshake = Buffer.concat([serverHello, certificateMessage([leaf, intermediate])]);
    const flight = Buffer.concat([record(22, handshake.subarray(0, 50)), record(22, handshake.subarray(50, 90)), record(22, handshake.subarray(90))]);
    expect(readHandshakeCertificates(flight)).toMatchObject({ kind: 'certificates', chainDer: [leaf.toString('base64'), intermediate.toString('base64')] });
    for (const cut of [3, 40, 60, flight.length - 1]) expect(readHandshakeCertificates(flight.subarray(0, cut))).toEqual({ kind: 'incomplete' });
  });

  it('cannot read what TLS 1.3 encrypts, an alert, or a malformed list', () => {
    const tls13 = Buffer.concat([record(22, serverHello), record(20, Buffer.from([1])), record(23, Buffer.alloc(300, 7))]);
    expect(readHandshakeCertificates(tls13)).toEqual({ kind: 'unreadable' });
    expect(readHandshakeCertificates(record(21, Buffer.from([2, 40])))).toEqual({ kind: 'unreadable' });
    const wrongLength = message(11, Buffer.concat([u24(999), u24(4), Buffer.from('abcd')]));
    expect(readHandshakeCertificates(record(22, wrongLength))).toEqual({ kind: 'unreadable' });
  });

  it('stops listening after far more bytes than any handshake flight', () => {
    const huge = Buffer.concat(Array.from({ length: 5 }, () => record(22, message(12, Buffer.alloc(60_000)))));
    expect(huge.length).toBeGreaterThanOrEqual(MAX_RECORDED_BYTES);
    expect(readHandshakeCertificates(huge)).toEqual({ kind: 'unreadable' });
  });
});
