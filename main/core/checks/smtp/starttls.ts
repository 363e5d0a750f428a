/** smtp.starttls: the smart host offers STARTTLS and accepts it. ("No TLS offered" is judged here.) */
import { advise, commandFix } from '../advice.js';
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import type { CheckDefinition } from '../types.js';
import { notReached, outcome, replyFailure, say, stageOf, type ProbeOutcome, probeCheckRun } from './shared.js';

function judge(probe: SmtpProbeResult): ProbeOutcome {
  const stage = stageOf(probe, 'starttls');
  if (stage === undefined) return notReached(probe, 'starttls');
  switch (stage.outcome) {
    case 'ok':
      return outcome(probe, 'pass', `STARTTLS is offered and accepted: ${stage.detail}.`);
    case 'not-offered':
      return outcome(
        probe,
        'fail',
        'The server does not offer STARTTLS, so mail to it cannot be encrypted.',
        advise(
          `Office 365 connectors need TLS. Turn on STARTTLS by giving the SMTP service a certificate: on Exchange, assign the certificate to the SMTP service (Enable-ExchangeCertificate -Services SMTP) and set the receive connector's TlsCertificateName; on Postfix, set smtpd_tls_cert_file, smtpd_tls_key_file and smtpd_tls_security_level = may. If TLS is already configured, a firewall with SMTP inspection is probably removing STARTTLS from the reply: turn that inspection off.`,
          commandFix('exchange-server', 'Enable-ExchangeCertificate -Thumbprint <certificate thumbprint> -Services SMTP'),
          commandFix('postfix', "postconf -e 'smtpd_tls_security_level = may'"),
        ),
      );
    case 'rejected':
      return outcome(
        probe,
        'fail',
        `The server offers STARTTLS but refused it: ${stage.detail}.`,
        say(
          'This usually means TLS is switched on without a usable certificate: the certificate is missing, has no private key, or the mail service cannot read the key. Bind a valid certificate (with its private key) to the SMTP service and restart it.',
        ),
      );
    case 'refused':
    case 'timeout':
    case 'closed':
    case 'protocol-error':
    case 'too-large':
    case 'tls-failed':
    case 'network-error':
    case 'aborted':
      return replyFailure(probe, stage, 'reply to STARTTLS');
  }
}

export const starttlsCheck: CheckDefinition<'smtp.starttls'> = {
  id: 'smtp.starttls',
  title: 'STARTTLS offered and accepted',
  step: 'prerequisites',
  dependsOn: ['smtp.ehlo'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'The server offers STARTTLS after EHLO and agrees to start TLS, as Office 365 connectors require.',
  statuses: {
    pass: 'STARTTLS is offered and the server answered 220 to it.',
    fail: 'STARTTLS is not offered (no certificate, or SMTP inspection strips it), or the server refused it.',
    error: 'The probe was stopped, or the EHLO stage was not reached.',
  },
  run: probeCheckRun('smtp.starttls', judge),
};
