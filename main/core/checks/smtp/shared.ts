/**
 * What smtp.* and tls.handshake share: one SMTP probe of each address of each smart host per run
 * (also read by the tls.certificate.* checks), each check judging one stage for every address, and the failure wording the stages
 * that wait for a reply have in common.
 */
import { probeEvidence, type ProbeEvidence } from '../../smtp/probe-evidence.js';
import { probeSmtp } from '../../smtp/probe.js';
import type { ProbeStage, ProbeStageName, SmtpProbeResult } from '../../smtp/probe-types.js';
import { actionFix, advise, settingFix } from '../advice.js';
import { smartHostOf } from '../dns/shared.js';
import { acrossAddresses, type ProbeAt } from '../per-address.js';
import type { Advice, CheckContext, CheckOutcome, TypedOutcome } from '../types.js';

/** An smtp.* or tls.handshake verdict: its evidence is the probe's. */
export type ProbeOutcome = TypedOutcome<ProbeEvidence>;

/**
 * Probe deadlines inside the check's own: the whole probe ends before the check's deadline (so the
 * probe reports where it stopped rather than the runner cutting it off), and one stuck stage
 * cannot eat the whole budget.
 */
export function probeDeadlines(timeoutMs: number): { readonly stageTimeoutMs: number; readonly totalTimeoutMs: number } {
  const totalTimeoutMs = Math.max(1, Math.floor(timeoutMs * 0.9));
  return { stageTimeoutMs: Math.max(1, Math.floor(totalTimeoutMs / 2)), totalTimeoutMs };
}

/** The one probe of this address of the smart host for the run: the configured port and trust anchors. */
export function getSmtpProbe(ctx: CheckContext, at: ProbeAt): Promise<SmtpProbeResult> {
  return ctx.memo(`smtp-probe\u0000${at.host.toLowerCase()}\u0000${at.address}`, () => {
    const { smtpPort, extraCaPem, timeoutMs } = ctx.inputs;
    return probeSmtp({
      host: at.host,
      address: at.address,
      port: smtpPort,
      connector: ctx.connector,
      extraCaPem,
      ...probeDeadlines(timeoutMs),
      signal: ctx.signal,
      clock: ctx.clock,
      recordSentChain: true,
    });
  });
}

/** A probe stage's check: judges one address's probe, for every address of the target smart host. */
export function probeCheckRun(id: string, judge: (probe: SmtpProbeResult) => ProbeOutcome): (ctx: CheckContext, target: string | null) => Promise<ProbeOutcome> {
  return (ctx, target) => acrossAddresses(ctx, smartHostOf(id, target), async (at) => judge(await getSmtpProbe(ctx, at)));
}

export function stageOf(probe: SmtpProbeResult, name: ProbeStageName): ProbeStage | undefined {
  return probe.stages.find((stage) => stage.name === name);
}

export function where(probe: SmtpProbeResult): string {
  return probe.address === probe.host ? `${probe.host} port ${probe.port}` : `${probe.host} (${probe.address}) port ${probe.port}`;
}

/** Text-only advice: the fix is on the server, in words. */
export const say = (text: string): Advice => advise(text);

export function outcome(probe: SmtpProbeResult, status: CheckOutcome['status'], summary: string, advice?: Advice): ProbeOutcome {
  return { status, summary, evidence: probeEvidence(probe), ...(advice === undefined ? {} : { advice }) };
}

/** The probe stopped before this stage: only possible when the check runs without its dependencies. */
export function notReached(probe: SmtpProbeResult, name: ProbeStageName): ProbeOutcome {
  const last = probe.stages.at(-1);
  const why = last === undefined ? 'it never started' : `it stopped at "${last.name}": ${last.detail}`;
  return outcome(probe, 'error', `The SMTP probe did not reach the ${name} stage: ${why}.`, advise('Fix the earlier SMTP step first, then run the checks again.', actionFix('run-again')));
}

export const CANCELLED_ADVICE: Advice = advise(
  'The probe was stopped before it finished (the run was cancelled or ran out of time). Run it again, or allow more time per check.',
  actionFix('run-again'),
  settingFix('timeoutMs'),
);
export const INSPECTION_ADVICE =
  'A firewall with SMTP inspection (“fixup smtp”, ESMTP inspection) can garble or strip the conversation like this: turn that feature off for port 25.';

/** Failure shapes shared by the stages that wait for a reply. */
export function replyFailure(probe: SmtpProbeResult, stage: ProbeStage, what: string): ProbeOutcome {
  switch (stage.outcome) {
    case 'timeout':
      return outcome(
        probe,
        'fail',
        `No ${what} from ${where(probe)}: ${stage.detail}.`,
        say(
          `The connection was accepted but the server stayed silent (or answered too slowly). That is an overloaded or hung mail service, a deliberate delay (tarpit), or a device in between that accepts connections without passing them on. Check the mail service's health and logs. ${INSPECTION_ADVICE}`,
        ),
      );
    case 'closed':
      return outcome(
        probe,
        'fail',
        `${where(probe)} closed the connection: ${stage.detail}.`,
        say('The server hung up on this client. It may refuse this address (connection filtering, a blocklist), have reached its connection limit, or be restarting. Look in its logs for this connection.'),
      );
    case 'protocol-error':
      return outcome(
        probe,
        'fail',
        `What answered on ${where(probe)} is not speaking SMTP: ${stage.detail}.`,
        advise(`Check the port number and that the mail server (not a web server or another service) listens there. ${INSPECTION_ADVICE}`, settingFix('smtpPort')),
      );
    case 'too-large':
      return outcome(probe, 'fail', `The ${what} from ${where(probe)} broke SMTP's size limits: ${stage.detail}.`, say(`A real mail server never sends this much. Check what listens on this port. ${INSPECTION_ADVICE}`));
    case 'network-error':
      return outcome(probe, 'fail', `The connection to ${where(probe)} failed: ${stage.detail}.`, advise('Check the network path to the server and run the check again.', actionFix('run-again')));
    case 'aborted':
      return outcome(probe, 'error', `The probe was stopped while waiting for the ${what}.`, CANCELLED_ADVICE);
    case 'ok':
    case 'rejected':
    case 'not-offered':
    case 'refused':
    case 'tls-failed':
      return outcome(probe, 'fail', `Unexpected ${what} from ${where(probe)}: ${stage.detail}.`);
  }
}
