import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../../preload/vocabulary/validation/email.js';

describe('parseEmail', () => {
  it('keeps the local part and lower-cases the domain', () => {
    expect(parseEmail(' Test.User+o365@Contoso.COM ')).toEqual({ ok: true, value: 'Test.User+o365@contoso.com' });
  });

  it.each([
    'user',
    '@contoso.com',
    'user@',
    'user@contoso',
    '.user@contoso.com',
    'us..er@contoso.com',
    '"quoted"@contoso.com',
    'user$(id)@contoso.com',
    'user@contoso.com\nBcc: x@y.com',
    `${'a'.repeat(65)}@contoso.com`,
  ])('rejects %j', (input) => {
    const result = parseEmail(input);
    expect(result.ok).toBe(false);
  });
});
