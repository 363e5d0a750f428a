import { describe, expect, it } from 'vitest';
import { onpremPostfixCheck } from '../../../../../main/core/checks/onprem/postfix.js';
import { createCheckContext } from '../../../../lab/check-context.js';
import { inventoryOf, rawInventory } from '../../../../fixtures/inventory/load.js';

async function run(mailVersion: string, postconf: string) {
  const raw = rawInventory('postfix-3.5.json');
  raw.data['mailVersion'] = mailVersion;
  raw.data['postconf'] = postconf;
  return onpremPostfixCheck.run(createCheckContext({ inputs: { domains: ['contoso.com'], inventory: inventoryOf(raw) } }), null);
}

const GOOD = 'relayhost = [contoso-com.mail.protection.outlook.com]:25\nsmtp_tls_security_level = secure\nsmtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/letsencrypt/live/mx/fullchain.pem';

describe('onprem.postfix', () => {
  it('fails the ">=" protocol form on Postfix older than 3.6', async () => {
    const outcome = await onpremPostfixCheck.run(createCheckContext({ inputs: { domains: ['contoso.com'], inventory: inventoryOf('postfix-3.5.json') } }), null);
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toContain('smtp_tls_mandatory_protocols = >=TLSv1.2 uses the ">=" form, which Postfix 3.5.25 does not know');
    expect(outcome.summary).toContain('self-signed /etc/ssl/certs/ssl-cert-snakeoil.pem');
  });

  it('accepts the ">=" form from 3.6, and the exclusion list everywhere', async () => {
    expect((await run('3.6.4', `${GOOD}\nsmtp_tls_mandatory_protocols = >=TLSv1.2`)).status).toBe('pass');
    expect((await run('3.4.14', `${GOOD}\nsmtp_tls_mandatory_protocols = !SSLv2, !SSLv3, !TLSv1, !TLSv1.1`)).status).toBe('pass');
  });

  it('warns while the relay host is not the tenant yet, and fails unverified TLS to it', async () => {
    const pending = await run('3.7.11', 'relayhost =\nsmtpd_tls_security_level = may');
    expect(pending.status).toBe('warn');
    expect(pending.summary).toContain('relayhost is not set (direct delivery), not [contoso-com.mail.protection.outlook.com]:25 yet');
    const weak = await run('3.7.11', 'relayhost = [contoso-com.mail.protection.outlook.com]:25\nsmtp_tls_security_level = may\nsmtpd_tls_security_level = may');
    expect(weak.status).toBe('fail');
    expect(weak.summary).toContain('smtp_tls_security_level is may');
  });
});
