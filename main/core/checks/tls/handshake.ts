/** tls.handshake: TLS 1.2 or newer is negotiated after STARTTLS and SMTP carries on over it. */
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import type { CheckDefinition } from '../types.js';
import { CANCELLED_ADVICE, INSPECTION_ADVICE, notReached, outcome, say, stageOf, type ProbeOutcome, probeCheckRun } from '../smtp/shared.js';

const MODERN_TLS: ReadonlySet<string> = new Set(['TLSv1.2', 'TLSv1.3']);

function judge(probe: SmtpProbeResult): ProbeOutcome {
  const stage = stageOf(probe, 'tls');
  if (stage === undefined) return notReached(probe, 'tls');
  const tls = probe.tls;
  if (stage.outcome === 'ok' && tls !== null) {
    const negotiated = `${tls.protocol ?? 'an unknown protocol'} with ${tls.cipher ?? 'an unknown cipher'}`;
    if (tls.protocol === null || !MODERN_TLS.has(tls.protocol)) {
      return outcome(
        probe,
        'fail',
        `TLS was negotiated, but only ${negotiated}.`,
        say(
          'TLS 1.0 and 1.1 are obsolete and Office 365 no longer accepts them. Enable TLS 1.2 (or 1.3) on the mail server: on Windows, enable TLS 1.2 in SCHANNEL and .NET strong cryptography and install current updates; on Postfix, use a current OpenSSL and set smtpd_tls_protocols = >=TLSv1.2.',
        ),
      );
    }
    const after = stageOf(probe, 'ehlo-after-tls');
    if (after !== undefined && after.outcome !== 'ok') {
      return outcome(
        probe,
        'fail',
        `TLS was negotiated (${negotiated}), but the server did not carry on over TLS: ${after.detail}.`,
        say('The server breaks off right after the handshake, so mail over TLS will not be delivered. Check the mail server’s logs for TLS errors after the handshake. The certificate itself is judged by the certificate checks.'),
      );
    }
    return outcome(probe, 'pass', `TLS negotiated: ${negotiated}.`);
  }
  switch (stage.outcome) {
    case 'closed':
      return outcome(
        probe,
        'fail',
        `The server hung up during the TLS handshake: ${stage.detail}.`,
        say(
          'The server accepted STARTTLS but could not set up TLS. Usually its certificate has no usable private key (on Windows: the key is missing or not readable by the transport service), or a device in between breaks TLS. Re-import the certificate with its private key and bind it to SMTP.',
        ),
      );
    case 'timeout':
      return outcome(probe, 'fail', `The TLS handshake did not finish: ${stage.detail}.`, say(`The server or a device in between stalls the handshake. ${INSPECTION_ADVICE}`));
    case 'aborted':
      return outcome(probe, 'error', 'The probe was stopped during the TLS handshake.', CANCELLED_ADVICE);
    case 'ok':
    case 'tls-failed':
    case 'rejected':
    case 'not-offered':
    case 'refused':
    case 'protocol-error':
    case 'too-large':
    case 'network-error':
      return outcome(
        probe,
        'fail',
        `The TLS handshake failed: ${stage.detail}.`,
        say(
          'The server accepted STARTTLS but no TLS session could be agreed: it may support only obsolete protocols or ciphers (SSL 3.0, export ciphers), or its certificate and key do not match. Enable TLS 1.2 with current ciphers and check the certificate binding.',
        ),
      );
  }
}

export const handshakeCheck: CheckDefinition<'tls.handshake'> = {
  id: 'tls.handshake',
  title: 'TLS negotiated, version 1.2 or newer',
  step: 'prerequisites',
  dependsOn: ['smtp.starttls'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'After STARTTLS a TLS 1.2 (or newer) session is set up and the server carries on with SMTP over it.',
  statuses: {
    pass: 'TLS 1.2 or 1.3 was negotiated and EHLO over TLS was accepted; protocol and cipher are in the evidence.',
    fail: 'Only an obsolete TLS version was negotiated, the handshake failed or stalled, or the server broke off after it.',
    error: 'The probe was stopped, or the STARTTLS stage was not reached.',
  },
  run: probeCheckRun('tls.handshake', judge),
};
