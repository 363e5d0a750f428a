/** smtp.ehlo: the smart host accepts EHLO (extended SMTP, needed for STARTTLS). */
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import type { CheckDefinition } from '../types.js';
import { INSPECTION_ADVICE, notReached, outcome, replyFailure, say, stageOf, type ProbeOutcome, probeCheckRun } from './shared.js';

function judge(probe: SmtpProbeResult): ProbeOutcome {
  const stage = stageOf(probe, 'ehlo');
  if (stage === undefined) return notReached(probe, 'ehlo');
  if (stage.outcome === 'ok') {
    const offered = probe.capabilities.length === 0 ? 'no extensions' : probe.capabilities.join(', ');
    return outcome(probe, 'pass', `EHLO accepted; the server offers: ${offered}.`);
  }
  if (stage.outcome === 'rejected') {
    return outcome(
      probe,
      'fail',
      `The server refused EHLO: ${stage.detail}.`,
      say(
        `Without EHLO there are no SMTP extensions, so no STARTTLS and no TLS; Office 365 needs them. Enable extended SMTP (ESMTP) on the server, and check it does not reject this client's name. ${INSPECTION_ADVICE}`,
      ),
    );
  }
  return replyFailure(probe, stage, 'reply to EHLO');
}

export const ehloCheck: CheckDefinition<'smtp.ehlo'> = {
  id: 'smtp.ehlo',
  title: 'EHLO accepted by the smart host',
  step: 'prerequisites',
  dependsOn: ['smtp.banner'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'The server speaks extended SMTP (EHLO) and lists its extensions, which STARTTLS needs.',
  statuses: {
    pass: 'EHLO was accepted; the offered extensions are in the evidence.',
    fail: 'EHLO was refused, or the server stayed silent, hung up or did not speak SMTP.',
    error: 'The probe was stopped, or the greeting stage was not reached.',
  },
  run: probeCheckRun('smtp.ehlo', judge),
};
