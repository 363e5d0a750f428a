import { describe, expect, it } from 'vitest';
import { extraCaProblem } from '../../../../main/core/engagements/extra-ca.js';
import { createTestPki } from '../../../lab/ca.js';

const pki = createTestPki();

describe('extraCaProblem', () => {
  it('accepts nothing, or roots only', () => {
    expect(extraCaProblem('  ')).toBeNull();
    expect(extraCaProblem(pki.rootPem)).toBeNull();
    expect(extraCaProblem(`${pki.rootPem}\n${pki.unknownRootPem}`)).toBeNull();
  });

  it('refuses an intermediate, which would pass a chain Office 365 refuses because the server does not send it', () => {
    expect(extraCaProblem(pki.intermediatePem)).toMatch(/is an intermediate, not a root; add its root\. The server itself must send its intermediates/);
  });

  it('refuses a server certificate, text without a certificate, and a damaged certificate, saying which', () => {
    expect(extraCaProblem(pki.issue({ commonName: 'leaf.contoso.test' }).certPem)).toMatch(/leaf\.contoso\.test is not a CA certificate; add the root CA that issued it instead/);
    expect(extraCaProblem('hello')).toMatch(/no certificate found/);
    expect(extraCaProblem(pki.rootPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n'))).toMatch(/a certificate cannot be read/);
  });
});
