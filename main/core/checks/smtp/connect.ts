/** smtp.connect: a TCP connection to the smart host's SMTP port is accepted. */
import { actionFix, advise, settingFix } from '../advice.js';
import type { CheckContext, CheckDefinition } from '../types.js';
import { CANCELLED_ADVICE, getSmtpProbe, notReached, outcome, stageOf, where, type ProbeOutcome } from './shared.js';

async function run(ctx: CheckContext): Promise<ProbeOutcome> {
  const probe = await getSmtpProbe(ctx);
  const stage = stageOf(probe, 'connect');
  if (stage === undefined) return notReached(probe, 'connect');
  switch (stage.outcome) {
    case 'ok':
      return outcome(probe, 'pass', `Connected to ${where(probe)} in ${stage.durationMs} ms.`);
    case 'refused':
      return outcome(
        probe,
        'fail',
        `${where(probe)} refused the connection.`,
        advise(
          `Port ${probe.port} is closed: nothing listens there, or a firewall actively rejects the connection. Check that the mail service is running and listening on ${probe.address} port ${probe.port}, and that the firewall allows it.`,
          settingFix('smtpPort'),
        ),
      );
    case 'timeout':
      return outcome(
        probe,
        'fail',
        `No answer from ${where(probe)}: ${stage.detail}.`,
        advise(
          `Silence usually means a firewall drops the packets (on the server, at the network edge, or this network blocking outgoing port ${probe.port}), or the address is wrong. Check the firewall rules for TCP port ${probe.port} and that ${probe.host} points at the right address.`,
          settingFix('smartHosts'),
        ),
      );
    case 'network-error':
      return outcome(probe, 'fail', `Could not connect to ${where(probe)}: ${stage.detail}.`, advise('The network has no route to this address: check the address and this machine’s network connection.', actionFix('run-again')));
    case 'aborted':
      return outcome(probe, 'error', 'The probe was stopped before the connection was made.', CANCELLED_ADVICE);
    case 'rejected':
    case 'not-offered':
    case 'closed':
    case 'protocol-error':
    case 'too-large':
    case 'tls-failed':
      return outcome(probe, 'fail', `Could not connect to ${where(probe)}: ${stage.detail}.`);
  }
}

export const connectCheck: CheckDefinition<'smtp.connect'> = {
  id: 'smtp.connect',
  title: 'TCP connection to the smart host’s SMTP port',
  step: 'prerequisites',
  dependsOn: ['dns.smarthost.resolve'],
  perDomain: false,
  network: true,
  proves: 'This machine can open a TCP connection to the smart host’s first address on the SMTP port.',
  statuses: {
    pass: 'The connection was accepted.',
    fail: 'The connection was refused, timed out (usually a firewall dropping packets) or had no route.',
    error: 'The probe was stopped (cancelled or out of time) before it connected.',
  },
  run,
};
