/**
 * onprem.postfix: the Postfix version and settings against what the generated settings need. The
 * minimum-version protocol syntax (">=TLSv1.2") only exists from Postfix 3.6; older versions log
 * "Invalid TLS protocol list" and, with a mandatory TLS level, defer every outbound message.
 */
import { expectedTenantMx } from '../../dns/office365-mx.js';
import { isAtLeast } from '../../inventory/postfix.js';
import { finish, NOT_IMPORTED, type DraftOutcome, notImported } from '../inventory-outcome.js';
import type { CheckContext, CheckDefinition } from '../types.js';

const PROTOCOL_SETTINGS = ['smtp_tls_mandatory_protocols', 'smtp_tls_protocols', 'smtpd_tls_mandatory_protocols', 'smtpd_tls_protocols'] as const;

export const onpremPostfixCheck: CheckDefinition<'onprem.postfix'> = {
  id: 'onprem.postfix',
  title: 'Postfix version and settings fit the connectors',
  step: 'part2',
  dependsOn: [],
  perDomain: false,
  network: false,
  proves: 'The Postfix version understands every setting and relays to Office 365 over verified TLS.',
  statuses: { pass: 'Postfix relays to the tenant over verified TLS with settings it understands.', warn: 'Not relaying to the tenant yet, or a self-signed or missing server certificate.', fail: 'A setting the version does not know, or unverified TLS to Office 365.', skip: NOT_IMPORTED },
  run(ctx) {
    return finish(evaluate(ctx));
  },
};

function evaluate(ctx: CheckContext): DraftOutcome {
  const document = ctx.inputs.inventory?.postfix ?? null;
  if (document === null) {
    return notImported('Postfix', 'its version and settings are');
  }
  const { version, settings, mailVersion } = document.data;
  const tenantMx = (ctx.inputs.tenantMx ?? expectedTenantMx(ctx.inputs.domains[0] ?? '')).toLowerCase();
  const relayhost = settings['relayhost'] ?? '';
  const level = settings['smtp_tls_security_level'] ?? 'none';
  const failures: string[] = [];
  const warnings: string[] = [];
  if (!isAtLeast(version, 3, 6)) {
    for (const name of PROTOCOL_SETTINGS) {
      if ((settings[name] ?? '').includes('>=')) {
        failures.push(`${name} = ${settings[name] ?? ''} uses the ">=" form, which Postfix ${mailVersion} does not know ("Invalid TLS protocol list"; with a mandatory TLS level all outbound mail is deferred)`);
      }
    }
  }
  if (!isAtLeast(version, 3, 0)) warnings.push(`Postfix ${mailVersion} is older than 3.0; the generated settings are tested on 3.x`);
  const relaysToTenant = relayhost.toLowerCase().includes(tenantMx);
  if (!relaysToTenant) warnings.push(`relayhost is ${relayhost === '' ? 'not set (direct delivery)' : relayhost}, not [${tenantMx}]:25 yet`);
  if (relaysToTenant && level !== 'secure' && level !== 'verify') {
    failures.push(`smtp_tls_security_level is ${level}: mail to Office 365 is not sent over verified TLS`);
  }
  if (relaysToTenant && !relayhost.startsWith('[')) warnings.push(`relayhost ${relayhost} has no brackets, so Postfix looks up MX records of the Office 365 host`);
  const serverCertificate = settings['smtpd_tls_cert_file'] ?? '';
  if (serverCertificate.includes('snakeoil')) warnings.push(`smtpd_tls_cert_file is the self-signed ${serverCertificate}, which Office 365 refuses with certificate validation`);
  const inboundLevel = settings['smtpd_tls_security_level'] ?? settings['smtpd_use_tls'] ?? 'none';
  if (inboundLevel === 'none' || inboundLevel === 'no') warnings.push('STARTTLS is not offered to senders (smtpd_tls_security_level)');
  const evidence = { readAt: document.readAt, mailVersion, relayhost, smtpTlsSecurityLevel: level, findings: [...failures, ...warnings] };
  if (failures.length > 0) {
    return ({
      status: 'fail',
      summary: `Postfix ${mailVersion}: ${[...failures, ...warnings].join('; ')}.`,
      evidence,
      advice: 'Apply the generated Postfix settings: they exclude old protocols with "!SSLv2, !SSLv3, !TLSv1, !TLSv1.1", which every supported version reads, and require verified TLS to Office 365.',
    });
  }
  if (warnings.length > 0) {
    return ({ status: 'warn', summary: `Postfix ${mailVersion}: ${warnings.join('; ')}.`, evidence, advice: 'Apply the generated Postfix settings.' });
  }
  return ({ status: 'pass', summary: `Postfix ${mailVersion} relays to [${tenantMx}]:25 over ${level} TLS with settings it understands.`, evidence });
}
