import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateFileError, parseCertificateFile } from '../../../../main/core/tls/certificate-file.js';
import { createTestPki, pemToDer, pemToDerBase64, toPkcs12 } from '../../../lab/ca.js';

const pki = createTestPki();
const issued = pki.issue({ dnsNames: ['mail.example.test'] });
const leafB64 = pemToDerBase64(issued.certPem);
const intermediateB64 = pemToDerBase64(pki.intermediatePem);

function fileError(run: () => unknown): CertificateFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof CertificateFileError) return error;
    throw error;
  }
  throw new Error('expected a CertificateFileError');
}

describe('parseCertificateFile: PEM', () => {
  it('reads the leaf and its chain, notes a private key without returning it', () => {
    const text = `${issued.keyPem}${issued.certPem}${pki.intermediatePem}`;
    const file = parseCertificateFile(Buffer.from(text), null, 'server.pem');
    expect(file).toEqual({ format: 'pem', chainDer: [leafB64, intermediateB64], containedPrivateKey: true });
    expect(JSON.stringify(file)).not.toContain('PRIVATE KEY');
  });

  it('puts the leaf first whatever the order in the file', () => {
    const text = `${pki.rootPem}${pki.intermediatePem}${issued.certPem}`;
    const file = parseCertificateFile(Buffer.from(text), null, 'bundle.pem');
    expect(file.chainDer).toEqual([leafB64, intermediateB64, pemToDerBase64(pki.rootPem)]);
  });

  it('refuses a PEM with only a key', () => {
    const error = fileError(() => parseCertificateFile(Buffer.from(issued.keyPem), null, 'key.pem'));
    expect(error.kind).toBe('no-certificate');
    expect(error.message).toBe('key.pem is a PEM file without any CERTIFICATE block');
  });

  it('refuses a damaged certificate block', () => {
    const text = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(fileError(() => parseCertificateFile(Buffer.from(text), null, 'bad.pem')).kind).toBe('corrupt');
  });
});

describe('parseCertificateFile: DER and PFX', () => {
  it('reads DER', () => {
    expect(parseCertificateFile(pemToDer(issued.certPem), null, 'server.cer')).toEqual({
      format: 'der',
      chainDer: [leafB64],
      containedPrivateKey: false,
    });
  });

  it('reads a PFX with the right password', () => {
    const file = parseCertificateFile(toPkcs12(issued, 'correct horse'), 'correct horse', 'server.pfx');
    expect(file).toEqual({ format: 'pfx', chainDer: [leafB64, intermediateB64], containedPrivateKey: true });
  });

  it('tells a wrong password from a missing one', () => {
    const pfx = toPkcs12(issued, 'correct horse');
    const wrong = fileError(() => parseCertificateFile(pfx, 'battery staple', 'server.pfx'));
    expect(wrong.kind).toBe('wrong-password');
    expect(wrong.message).toBe('server.pfx: wrong password for this PFX/P12 file');
    expect(fileError(() => parseCertificateFile(pfx, null, 'server.pfx')).kind).toBe('password-required');
  });

  it('reads a PFX with an empty password without one being given', () => {
    expect(parseCertificateFile(toPkcs12(issued, ''), null, 'open.pfx').chainDer[0]).toBe(leafB64);
  });

  it('calls a truncated PFX corrupt and random bytes not a certificate file', () => {
    const pfx = toPkcs12(issued, 'pw');
    expect(fileError(() => parseCertificateFile(pfx.subarray(0, pfx.length - 40), 'pw', 'cut.pfx')).kind).toBe('corrupt');
    const random = fileError(() => parseCertificateFile(Buffer.from('just some text'), null, 'notes.txt'));
    expect(random.kind).toBe('corrupt');
    expect(random.message).toBe('notes.txt is not a certificate file (expected PEM, DER or PFX/P12)');
  });
});

describe('parseCertificateFile on files written by OpenSSL', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mailflow-cert-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads PFX files as OpenSSL 3 writes them (AES-256, SHA-256 MAC), EC keys included', () => {
    const ec = pki.issue({ ecCurve: 'P-256' });
    writeFileSync(join(dir, 'ec.pem'), ec.certPem + ec.chainPem.join(''));
    writeFileSync(join(dir, 'ec.key'), ec.keyPem);
    const out = join(dir, 'ec.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-in', join(dir, 'ec.pem'), '-inkey', join(dir, 'ec.key'), '-out', out, '-passout', 'pass:s3cret']);
    const file = parseCertificateFile(readFileSync(out), 's3cret', 'ec.pfx');
    expect(file.chainDer).toEqual([pemToDerBase64(ec.certPem), intermediateB64]);
    expect(fileError(() => parseCertificateFile(readFileSync(out), 'nope', 'ec.pfx')).kind).toBe('wrong-password');
  });
});
