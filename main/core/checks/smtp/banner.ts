/** smtp.banner: the smart host greets with 220. */
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import type { CheckDefinition } from '../types.js';
import { notReached, outcome, replyFailure, say, stageOf, type ProbeOutcome, probeCheckRun } from './shared.js';

function judge(probe: SmtpProbeResult): ProbeOutcome {
  const stage = stageOf(probe, 'banner');
  if (stage === undefined) return notReached(probe, 'banner');
  if (stage.outcome === 'ok') return outcome(probe, 'pass', `The server greeted: ${stage.detail}.`);
  if (stage.outcome !== 'rejected') return replyFailure(probe, stage, 'greeting');
  const code = stage.code ?? 0;
  if (code >= 500) {
    return outcome(
      probe,
      'fail',
      `The server refused this session at once: ${stage.detail}.`,
      say(
        'A 5xx greeting means the server will not talk to this client’s address: it is blocked by a connection filter, an IP allow list or a blocklist on the server. Allow the address you test from, and make sure the Exchange Online Protection ranges are allowed too, or Office 365 will be refused the same way.',
      ),
    );
  }
  if (code >= 400) {
    return outcome(
      probe,
      'fail',
      `The server temporarily refused this session: ${stage.detail}.`,
      say('A 4xx greeting means “not now”: the server is busy, over its connection limit, shutting down, or greylisting. Try again in a few minutes; if it persists, check the server’s connection limits and its logs.'),
    );
  }
  return outcome(probe, 'fail', `The server greeted with an unexpected code: ${stage.detail}.`, say('A mail server must greet with 220. Check what listens on this port.'));
}

export const bannerCheck: CheckDefinition<'smtp.banner'> = {
  id: 'smtp.banner',
  title: 'SMTP greeting (220) from the smart host',
  step: 'prerequisites',
  dependsOn: ['smtp.connect'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'What listens on the SMTP port is a mail server that is willing to talk to this client (it greets with 220).',
  statuses: {
    pass: 'The server greeted with 220.',
    fail: 'The server refused the session (4xx or 5xx), stayed silent, hung up, or is not speaking SMTP.',
    error: 'The probe was stopped before the greeting, or the connection stage was not reached.',
  },
  run: probeCheckRun('smtp.banner', judge),
};
