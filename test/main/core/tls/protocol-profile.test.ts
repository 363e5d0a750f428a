import { describe, expect, it } from 'vitest';
import { classifyFailure, profileVerdict } from '../../../../main/core/tls/protocol-profile.js';
import type { AttemptOutcome, ProfileAttempt, ProfileAttemptName } from '../../../../main/core/tls/protocol-profile.js';

const accepted = (protocol: string, cipher = 'TLS_AES_256_GCM_SHA384'): AttemptOutcome => ({ kind: 'accepted', protocol, cipher });
const refused: AttemptOutcome = { kind: 'refused', detail: 'alert protocol version' };

function profile(outcomes: Partial<Record<ProfileAttemptName, AttemptOutcome>>, notOffered: readonly string[] = []): ProfileAttempt[] {
  const names: readonly ProfileAttemptName[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3', 'weak-ciphers'];
  return names.map((name) => ({ name, outcome: outcomes[name] ?? refused, notOffered: name === 'weak-ciphers' ? notOffered : [], sentChainDer: null }));
}

describe('profileVerdict', () => {
  it('passes TLS 1.2 and 1.3 only, with strong suites', () => {
    const verdict = profileVerdict(profile({ 'TLSv1.2': accepted('TLSv1.2', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'), 'TLSv1.3': accepted('TLSv1.3') }));
    expect(verdict.status).toBe('pass');
    expect(verdict.summary).toBe('The server accepts only TLS 1.2, TLS 1.3, and refuses every weak cipher suite.');
    expect(verdict.evidence['accepted']).toEqual(['TLSv1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLSv1.3 TLS_AES_256_GCM_SHA384']);
  });

  it('claims in a pass only the weak suites that were asked about', () => {
    const modern = { 'TLSv1.2': accepted('TLSv1.2'), 'TLSv1.3': accepted('TLSv1.3') };
    const partly = profileVerdict(profile(modern, ['export', 'RC4', '3DES']));
    expect(partly.status).toBe('pass');
    expect(partly.summary).toBe(
      'The server accepts only TLS 1.2, TLS 1.3, and refuses the NULL and anonymous suites (export, RC4 and 3DES suites could not be tried: this machine’s TLS library no longer has them).',
    );
    expect(partly.evidence.attempts).toMatchObject({ 'weak-ciphers': { result: 'refused', notOffered: ['export', 'RC4', '3DES'] } });
    const none = profileVerdict(profile({ ...modern, 'weak-ciphers': { kind: 'not-offerable', detail: 'none' } }, ['NULL', 'anonymous', 'export', 'RC4', '3DES']));
    expect(none.summary).toBe('The server accepts only TLS 1.2, TLS 1.3; weak cipher suites could not be tried (this machine’s TLS library has none to offer).');
  });

  it('warns when TLS 1.0 or 1.1 is still accepted besides TLS 1.2', () => {
    const verdict = profileVerdict(profile({ TLSv1: accepted('TLSv1'), 'TLSv1.1': accepted('TLSv1.1'), 'TLSv1.2': accepted('TLSv1.2') }));
    expect(verdict.status).toBe('warn');
    expect(verdict.summary).toContain('still accepts TLS 1.0, TLS 1.1');
  });

  it('warns when a weak suite is accepted', () => {
    const verdict = profileVerdict(profile({ 'TLSv1.2': accepted('TLSv1.2'), 'weak-ciphers': accepted('TLSv1.2', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA') }));
    expect(verdict.status).toBe('warn');
    expect(verdict.summary).toContain('TLS_RSA_WITH_3DES_EDE_CBC_SHA');
  });

  it('fails a server with only TLS 1.0', () => {
    const verdict = profileVerdict(profile({ TLSv1: accepted('TLSv1') }));
    expect(verdict.status).toBe('fail');
    expect(verdict.summary).toBe('The server accepts neither TLS 1.2 nor TLS 1.3 (only TLS 1.0).');
  });

  it('is an error, not a fail, when the modern handshakes got no answer', () => {
    const unknown: AttemptOutcome = { kind: 'unknown', detail: 'timeout' };
    expect(profileVerdict(profile({ 'TLSv1.2': unknown, 'TLSv1.3': unknown })).status).toBe('error');
  });
});

describe('classifyFailure', () => {
  it('tells a refusal from something this side cannot offer, and from no answer', () => {
    expect(classifyFailure('tls', 'tls-failed', 'alert handshake failure').kind).toBe('refused');
    expect(classifyFailure('tls', 'tls-failed', 'no ciphers available').kind).toBe('not-offerable');
    expect(classifyFailure('tls', 'timeout', 'the TLS handshake did not complete').kind).toBe('unknown');
    expect(classifyFailure('earlier', 'refused', 'connect: refused').kind).toBe('unknown');
  });
});
