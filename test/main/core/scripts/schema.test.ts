import { describe, expect, it } from 'vitest';
import { generateScripts } from '../../../../main/core/scripts/generate.js';
import { scriptInputsSchema } from '../../../../main/core/scripts/schema.js';

const PAYLOAD: unknown = {
  domains: ['contoso.com'],
  smartHosts: ['mail.contoso.com'],
  scope: 'accepted-domains',
  inboundBy: 'ip',
  senderIpAddresses: ['203.0.113.10'],
  serverKind: 'postfix',
  testAddresses: [],
  tenantMx: 'contoso-com.mail.protection.outlook.com',
  postfix: { tlsLevel: 'verify' },
  mode: 'new',
};

describe('scriptInputsSchema', () => {
  it('accepts a well-formed payload that the generators can use', () => {
    const inputs = scriptInputsSchema.parse(PAYLOAD);
    expect(generateScripts(inputs).map((script) => script.filename)).toEqual(['exchange-online.ps1', 'postfix.sh', 'postfix-main.cf']);
  });

  it('rejects unknown keys, wrong enums, wrong types and oversized lists', () => {
    const base = PAYLOAD as Record<string, unknown>;
    expect(scriptInputsSchema.safeParse({ ...base, extra: true }).success).toBe(false);
    expect(scriptInputsSchema.safeParse({ ...base, scope: 'all' }).success).toBe(false);
    expect(scriptInputsSchema.safeParse({ ...base, domains: 'contoso.com' }).success).toBe(false);
    expect(scriptInputsSchema.safeParse({ ...base, certificateName: undefined }).success).toBe(false);
    expect(scriptInputsSchema.safeParse({ ...base, smartHosts: Array.from({ length: 21 }, () => 'a.contoso.com') }).success).toBe(false);
    expect(scriptInputsSchema.safeParse({ ...base, tenantMx: 'x'.repeat(1025) }).success).toBe(false);
  });
});
