import { describe, expect, it } from 'vitest';
import { DEFAULT_NAMES, defaultPostfixCertFiles } from '../../../../main/core/scripts/defaults.js';

describe('defaults', () => {
  it('keeps every default name within Exchange\u2019s 64-character limit', () => {
    for (const name of Object.values(DEFAULT_NAMES)) expect(name.length).toBeLessThanOrEqual(64);
  });

  it('points the Postfix certificate at certbot\u2019s files for the name', () => {
    expect(defaultPostfixCertFiles('mail.contoso.com')).toEqual({
      certFile: '/etc/letsencrypt/live/mail.contoso.com/fullchain.pem',
      keyFile: '/etc/letsencrypt/live/mail.contoso.com/privkey.pem',
    });
  });
});
