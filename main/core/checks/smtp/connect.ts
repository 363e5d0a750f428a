/** smtp.connect: a TCP connection to the smart host's SMTP port is accepted. */
import { addressScope, SCOPE_TEXT } from '../../../../preload/vocabulary/address-scope.js';
import { actionFix, advise, settingFix } from '../advice.js';
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import type { CheckDefinition } from '../types.js';
import { CANCELLED_ADVICE, notReached, outcome, stageOf, where, type ProbeOutcome, probeCheckRun } from './shared.js';

function judge(probe: SmtpProbeResult): ProbeOutcome {
  const stage = stageOf(probe, 'connect');
  if (stage === undefined) return notReached(probe, 'connect');
  switch (stage.outcome) {
    case 'ok': {
      const scope = addressScope(probe.address);
      // Loopback (a tunnel or a stand-in on this computer) proves as little as the LAN side of a firewall.
      if (scope === 'public') return outcome(probe, 'pass', `Connected from this computer to ${where(probe)} in ${stage.durationMs} ms.`);
      return outcome(
        probe,
        'warn',
        `Connected from this computer to ${where(probe)}, ${SCOPE_TEXT[scope]}: Office 365 cannot reach that address, so this does not show port ${probe.port} is open to it.`,
        advise(
          `${probe.host} resolves here to ${probe.address} (split DNS, a hosts entry or a tunnel, or this computer is on the server's side of the firewall). Office 365 connects to the server's public address from the Internet: only its own connector validation (Validate-OutboundConnector, imported in Part 1) or a test from outside this network proves port ${probe.port} is open to it.`,
          actionFix('import-validation'),
        ),
      );
    }
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
  perSmartHost: true,
  network: true,
  proves: 'This computer can open a TCP connection to every address of the smart host on the SMTP port; a private or loopback address proves nothing about what Office 365 reaches.',
  statuses: {
    pass: 'The connection to a public address was accepted (from this computer, not from the Internet).',
    warn: 'The connection was accepted, but to a private, carrier-grade NAT, link-local or loopback address (split DNS, a tunnel, or the LAN side) that Office 365 cannot reach.',
    fail: 'The connection was refused, timed out (usually a firewall dropping packets) or had no route.',
    error: 'The probe was stopped (cancelled or out of time) before it connected.',
  },
  run: probeCheckRun('smtp.connect', judge),
};
