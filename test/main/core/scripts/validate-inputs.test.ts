import { describe, expect, it } from 'vitest';
import type { ScriptInputs } from '../../../../main/core/scripts/types.js';
import { ScriptInputError } from '../../../../main/core/scripts/types.js';
import { assertScriptInputs, validateScriptInputs } from '../../../../main/core/scripts/validate-inputs.js';
import { baseScriptInputs } from '../../../fixtures/scripts/base-inputs.js';

const BASE: ScriptInputs = baseScriptInputs('exchange');

const HOSTILE: readonly (readonly [string, Partial<ScriptInputs>])[] = [
  ['connectorNames.inbound', { connectorNames: { inbound: 'name\nNew-Mailbox evil' } }],
  ['connectorNames.outbound', { connectorNames: { outbound: 'Connect\u043er' } }],
  ['tlsCertificateName', { tlsCertificateName: '<I>CN=CA<S>CN=mail\r\nRemove-Item x' }],
  ['tlsCertificateName', { tlsCertificateName: 'CN=mail.contoso.com' }],
  ['postfix.certFile', { serverKind: 'postfix', postfix: { certFile: '/etc/ssl/$(id).pem' } }],
  ['postfix.keyFile', { serverKind: 'postfix', postfix: { keyFile: '/etc/ssl/key.pem; reboot' } }],
  ['postfix.caFile', { serverKind: 'postfix', postfix: { caFile: 'relative/ca.pem' } }],
  ['certificateName', { certificateName: 'mail.contoso.com`id`' }],
  ['domains[0]', { domains: ['c\u043entoso.com'] }],
];

function issuesOf(input: ScriptInputs): readonly { field: string; message: string }[] {
  const result = validateScriptInputs(input);
  return result.ok ? [] : result.issues;
}

function fieldsOf(input: ScriptInputs): string[] {
  return issuesOf(input).map((issue) => issue.field);
}

describe('validateScriptInputs', () => {
  it('normalises values and fills in the defaults', () => {
    const result = validateScriptInputs({ ...BASE, domains: ['Contoso.com.', 'contoso.com', 'fabrikam.com'], smartHosts: ['MAIL.contoso.com'] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.domains).toEqual(['contoso.com', 'fabrikam.com']);
    expect(result.value.smartHosts).toEqual(['mail.contoso.com']);
    expect(result.value.testAddresses).toEqual(['postmaster@contoso.com', 'postmaster@fabrikam.com']);
    expect(result.value.certificateName).toBe('mail.contoso.com');
    expect(result.value.onPremFqdn).toBe('mail.contoso.com');
    expect(result.value.tlsSettings).toBe('CertificateValidation');
    expect(result.value.postfix).toBeNull();
  });

  it('defaults the Postfix paths from the server name, or asks for them', () => {
    const result = validateScriptInputs({ ...BASE, serverKind: 'postfix' });
    expect(result.ok && result.value.postfix).toEqual({
      certFile: '/etc/letsencrypt/live/mail.contoso.com/fullchain.pem',
      keyFile: '/etc/letsencrypt/live/mail.contoso.com/privkey.pem',
      caFile: '/etc/ssl/certs/ca-certificates.crt',
      tlsLevel: 'secure',
    });
    const byIp = { ...BASE, serverKind: 'postfix', smartHosts: ['203.0.113.25'], inboundBy: 'ip', senderIpAddresses: ['203.0.113.25'] } as const;
    expect(fieldsOf(byIp)).toEqual(['postfix.certFile', 'postfix.keyFile']);
    expect(fieldsOf({ ...byIp, onPremFqdn: 'mail.contoso.com' })).toEqual([]);
  });

  it('lists every bad field at once', () => {
    const fields = fieldsOf({
      ...BASE,
      domains: ['contoso', 'ok.com'],
      smartHosts: ['mail.contoso.com;id'],
      tenantMx: 'mx.contoso.com',
      testAddresses: ['not-an-address'],
      connectorNames: { outbound: 'x'.repeat(65) },
    });
    expect(fields).toEqual(
      expect.arrayContaining(['domains[0]', 'smartHosts[0]', 'tenantMx', 'testAddresses[0]', 'connectorNames.outbound']),
    );
  });

  it('accepts sender IPv4 addresses and /24-/32 ranges only', () => {
    const ok = validateScriptInputs({ ...BASE, inboundBy: 'ip', senderIpAddresses: ['203.0.113.10', '198.51.100.0/24', '192.0.2.8/29'] });
    expect(ok.ok && ok.value.senderIpAddresses).toEqual(['203.0.113.10', '198.51.100.0/24', '192.0.2.8/29']);
    const bad = issuesOf({ ...BASE, inboundBy: 'ip', senderIpAddresses: ['2001:db8::1', '198.51.0.0/16', '203.0.113.0/23'] });
    expect(bad.map((issue) => issue.field)).toEqual(['senderIpAddresses[0]', 'senderIpAddresses[1]', 'senderIpAddresses[2]']);
    expect(bad[1]?.message).toContain('/24 to /32');
  });

  it('requires sender addresses when identifying by IP', () => {
    expect(fieldsOf({ ...BASE, inboundBy: 'ip' })).toEqual(['senderIpAddresses']);
  });

  it('requires names that cannot be defaulted from an IP smart host', () => {
    expect(fieldsOf({ ...BASE, smartHosts: ['203.0.113.25'] })).toEqual(['onPremFqdn', 'certificateName']);
    expect(fieldsOf({ ...BASE, smartHosts: ['203.0.113.25'], onPremFqdn: 'mail.contoso.com', certificateName: '*.contoso.com' })).toEqual([]);
  });

  it('rejects IPv6 smart hosts', () => {
    const issues = issuesOf({ ...BASE, smartHosts: ['2001:db8::25'] });
    expect(issues[0]?.field).toBe('smartHosts[0]');
    expect(issues[0]?.message).toContain('IPv6');
  });

  it('ties the TLS domain to DomainValidation', () => {
    expect(fieldsOf({ ...BASE, tlsDomain: 'mail.contoso.com' })).toEqual(['tlsDomain']);
    const result = validateScriptInputs({ ...BASE, tlsSettings: 'DomainValidation' });
    expect(result.ok && result.value.tlsDomain).toBe('mail.contoso.com');
  });

  it('keeps test addresses inside the domains', () => {
    expect(fieldsOf({ ...BASE, testAddresses: ['someone@fabrikam.com'] })).toEqual(['testAddresses[0]']);
    expect(fieldsOf({ ...BASE, testAddresses: ['someone@sub.contoso.com'] })).toEqual([]);
  });

  it('rejects values outside the allowed sets at run time', () => {
    const input = { ...BASE, scope: 'everything', mode: 'replace' } as unknown as ScriptInputs;
    expect(fieldsOf(input)).toEqual(['scope', 'mode']);
  });

  it.each(HOSTILE)('rejects hostile %s', (field, patch) => {
    const input: ScriptInputs = { ...BASE, ...patch };
    expect(fieldsOf(input)).toEqual([field]);
  });

  it('throws one error naming every issue', () => {
    expect(() => assertScriptInputs({ ...BASE, domains: [], smartHosts: [] })).toThrow(ScriptInputError);
    try {
      assertScriptInputs({ ...BASE, domains: [], smartHosts: [] });
    } catch (error) {
      expect(error).toBeInstanceOf(ScriptInputError);
      if (error instanceof ScriptInputError) {
        expect(error.issues.map((issue) => issue.field)).toEqual(['domains', 'smartHosts', 'onPremFqdn', 'certificateName']);
        expect(error.message).toMatch(/^Cannot generate the scripts: domains: /);
      }
    }
  });
});
