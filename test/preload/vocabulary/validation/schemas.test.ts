import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { domainSchema, emailSchema, hostSchema, portSchema, senderIpSchema, wildcardDomainSchema } from '../../../../preload/vocabulary/validation/schemas.js';

describe('validation schemas', () => {
  it('return the normalised value', () => {
    expect(domainSchema.parse('Contoso.com.')).toBe('contoso.com');
    expect(wildcardDomainSchema.parse('*.contoso.com')).toBe('*.contoso.com');
    expect(hostSchema.parse('203.0.113.5')).toBe('203.0.113.5');
    expect(emailSchema.parse('a@Contoso.com')).toBe('a@contoso.com');
    expect(portSchema.parse('587')).toBe(587);
    expect(senderIpSchema.parse('203.0.113.0/24')).toBe('203.0.113.0/24');
  });

  it('report the validator message as the issue', () => {
    const result = domainSchema.safeParse('contoso');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('at least two labels');
    expect(senderIpSchema.safeParse('203.0.0.0/16').success).toBe(false);
    expect(senderIpSchema.safeParse('2001:db8::1').success).toBe(false);
  });

  it('compose into object schemas', () => {
    const schema = z.object({ domains: z.array(domainSchema), port: portSchema });
    expect(schema.parse({ domains: ['A.com'], port: 25 })).toEqual({ domains: ['a.com'], port: 25 });
    expect(schema.safeParse({ domains: ['a.com', 'bad'], port: 25 }).success).toBe(false);
  });
});
