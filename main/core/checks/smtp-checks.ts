/**
 * smtp.connect → smtp.banner → smtp.ehlo → smtp.starttls → tls.handshake: one SMTP probe of the
 * smart host, shared by all of them (and by the tls.certificate.* checks), each check judging one
 * stage. "No TLS offered" is judged here; "TLS offered but the certificate is bad" is left to the
 * tls.certificate.* checks, so that each failure points at its own fix.
 */
import { smartHostAddresses } from '../dns/smart-host.js';
import { probeEvidence } from '../smtp/probe-evidence.js';
import { probeSmtp } from '../smtp/probe.js';
import type { ProbeStage, ProbeStageName, SmtpProbeResult } from '../smtp/probe-types.js';
import type { CheckContext, CheckDefinition, CheckOutcome } from './types.js';

/** The smart host could not be probed at all (its name did not resolve). */
export class SmtpProbeUnavailableError extends Error {
  override readonly name = 'SmtpProbeUnavailableError';
}

/**
 * Probe deadlines inside the check's own: the whole probe ends before the check's deadline (so the
 * probe reports where it stopped rather than the runner cutting it off), and one stuck stage
 * cannot eat the whole budget.
 */
export function probeDeadlines(timeoutMs: number): { readonly stageTimeoutMs: number; readonly totalTimeoutMs: number } {
  const totalTimeoutMs = Math.max(1, Math.floor(timeoutMs * 0.9));
  return { stageTimeoutMs: Math.max(1, Math.floor(totalTimeoutMs / 2)), totalTimeoutMs };
}

/** The one probe of the smart host for this run: first resolved address, configured port and trust anchors. */
export function getSmtpProbe(ctx: CheckContext): Promise<SmtpProbeResult> {
  return ctx.memo('smtp-probe', async (): Promise<SmtpProbeResult> => {
    const { smartHost, smtpPort, extraCaPem, timeoutMs } = ctx.inputs;
    const resolution = await smartHostAddresses(ctx);
    if (!resolution.ok) {
      throw new SmtpProbeUnavailableError(`the smart host ${smartHost} did not resolve (${resolution.failure}): ${resolution.message}`);
    }
    const address = resolution.addresses[0];
    if (address === undefined) throw new SmtpProbeUnavailableError(`the smart host ${smartHost} has no address to connect to`);
    return probeSmtp({
      host: smartHost,
      address,
      port: smtpPort,
      connector: ctx.connector,
      extraCaPem,
      ...probeDeadlines(timeoutMs),
      signal: ctx.signal,
      clock: ctx.clock,
    });
  });
}

function stageOf(probe: SmtpProbeResult, name: ProbeStageName): ProbeStage | undefined {
  return probe.stages.find((stage) => stage.name === name);
}

function where(probe: SmtpProbeResult): string {
  return probe.address === probe.host ? `${probe.host} port ${probe.port}` : `${probe.host} (${probe.address}) port ${probe.port}`;
}

function outcome(probe: SmtpProbeResult, status: CheckOutcome['status'], summary: string, advice?: string): CheckOutcome {
  return { status, summary, evidence: probeEvidence(probe), ...(advice === undefined ? {} : { advice }) };
}

/** The probe stopped before this stage: only possible when the check runs without its dependencies. */
function notReached(probe: SmtpProbeResult, name: ProbeStageName): CheckOutcome {
  const last = probe.stages.at(-1);
  const why = last === undefined ? 'it never started' : `it stopped at "${last.name}": ${last.detail}`;
  return outcome(probe, 'error', `The SMTP probe did not reach the ${name} stage: ${why}.`, 'Fix the earlier SMTP step first, then run the checks again.');
}

const CANCELLED_ADVICE = 'The probe was stopped before it finished (the run was cancelled or ran out of time). Run it again, or raise --timeout-ms.';
const INSPECTION_ADVICE =
  'A firewall with SMTP inspection (“fixup smtp”, ESMTP inspection) can garble or strip the conversation like this: turn that feature off for port 25.';

/** Failure shapes shared by the stages that wait for a reply. */
function replyFailure(probe: SmtpProbeResult, stage: ProbeStage, what: string): CheckOutcome {
  switch (stage.outcome) {
    case 'timeout':
      return outcome(
        probe,
        'fail',
        `No ${what} from ${where(probe)}: ${stage.detail}.`,
        `The connection was accepted but the server stayed silent (or answered too slowly). That is an overloaded or hung mail service, a deliberate delay (tarpit), or a device in between that accepts connections without passing them on. Check the mail service's health and logs. ${INSPECTION_ADVICE}`,
      );
    case 'closed':
      return outcome(
        probe,
        'fail',
        `${where(probe)} closed the connection: ${stage.detail}.`,
        'The server hung up on this client. It may refuse this address (connection filtering, a blocklist), have reached its connection limit, or be restarting. Look in its logs for this connection.',
      );
    case 'protocol-error':
      return outcome(
        probe,
        'fail',
        `What answered on ${where(probe)} is not speaking SMTP: ${stage.detail}.`,
        `Check the port number and that the mail server (not a web server or another service) listens there. ${INSPECTION_ADVICE}`,
      );
    case 'too-large':
      return outcome(
        probe,
        'fail',
        `The ${what} from ${where(probe)} broke SMTP's size limits: ${stage.detail}.`,
        `A real mail server never sends this much. Check what listens on this port. ${INSPECTION_ADVICE}`,
      );
    case 'network-error':
      return outcome(probe, 'fail', `The connection to ${where(probe)} failed: ${stage.detail}.`, 'Check the network path to the server and run the check again.');
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

async function runConnect(ctx: CheckContext): Promise<CheckOutcome> {
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
        `Port ${probe.port} is closed: nothing listens there, or a firewall actively rejects the connection. Check that the mail service is running and listening on ${probe.address} port ${probe.port}, and that the firewall allows it.`,
      );
    case 'timeout':
      return outcome(
        probe,
        'fail',
        `No answer from ${where(probe)}: ${stage.detail}.`,
        `Silence usually means a firewall drops the packets (on the server, at the network edge, or this network blocking outgoing port ${probe.port}), or the address is wrong. Check the firewall rules for TCP port ${probe.port} and that ${probe.host} points at the right address.`,
      );
    case 'network-error':
      return outcome(probe, 'fail', `Could not connect to ${where(probe)}: ${stage.detail}.`, 'The network has no route to this address: check the address and this machine’s network connection.');
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

async function runBanner(ctx: CheckContext): Promise<CheckOutcome> {
  const probe = await getSmtpProbe(ctx);
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
      'A 5xx greeting means the server will not talk to this client’s address: it is blocked by a connection filter, an IP allow list or a blocklist on the server. Allow the address you test from, and make sure the Exchange Online Protection ranges are allowed too, or Office 365 will be refused the same way.',
    );
  }
  if (code >= 400) {
    return outcome(
      probe,
      'fail',
      `The server temporarily refused this session: ${stage.detail}.`,
      'A 4xx greeting means “not now”: the server is busy, over its connection limit, shutting down, or greylisting. Try again in a few minutes; if it persists, check the server’s connection limits and its logs.',
    );
  }
  return outcome(probe, 'fail', `The server greeted with an unexpected code: ${stage.detail}.`, 'A mail server must greet with 220. Check what listens on this port.');
}

async function runEhlo(ctx: CheckContext): Promise<CheckOutcome> {
  const probe = await getSmtpProbe(ctx);
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
      `Without EHLO there are no SMTP extensions, so no STARTTLS and no TLS; Office 365 needs them. Enable extended SMTP (ESMTP) on the server, and check it does not reject this client's name. ${INSPECTION_ADVICE}`,
    );
  }
  return replyFailure(probe, stage, 'reply to EHLO');
}

async function runStarttls(ctx: CheckContext): Promise<CheckOutcome> {
  const probe = await getSmtpProbe(ctx);
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
        `Office 365 connectors need TLS. Turn on STARTTLS by giving the SMTP service a certificate: on Exchange, assign the certificate to the SMTP service (Enable-ExchangeCertificate -Services SMTP) and set the receive connector's TlsCertificateName; on Postfix, set smtpd_tls_cert_file, smtpd_tls_key_file and smtpd_tls_security_level = may. If TLS is already configured, a firewall with SMTP inspection is probably removing STARTTLS from the reply: turn that inspection off.`,
      );
    case 'rejected':
      return outcome(
        probe,
        'fail',
        `The server offers STARTTLS but refused it: ${stage.detail}.`,
        'This usually means TLS is switched on without a usable certificate: the certificate is missing, has no private key, or the mail service cannot read the key. Bind a valid certificate (with its private key) to the SMTP service and restart it.',
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

const MODERN_TLS: ReadonlySet<string> = new Set(['TLSv1.2', 'TLSv1.3']);

async function runHandshake(ctx: CheckContext): Promise<CheckOutcome> {
  const probe = await getSmtpProbe(ctx);
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
        'TLS 1.0 and 1.1 are obsolete and Office 365 no longer accepts them. Enable TLS 1.2 (or 1.3) on the mail server: on Windows, enable TLS 1.2 in SCHANNEL and .NET strong cryptography and install current updates; on Postfix, use a current OpenSSL and set smtpd_tls_protocols = >=TLSv1.2.',
      );
    }
    const after = stageOf(probe, 'ehlo-after-tls');
    if (after !== undefined && after.outcome !== 'ok') {
      return outcome(
        probe,
        'fail',
        `TLS was negotiated (${negotiated}), but the server did not carry on over TLS: ${after.detail}.`,
        'The server breaks off right after the handshake, so mail over TLS will not be delivered. Check the mail server’s logs for TLS errors after the handshake. The certificate itself is judged by the certificate checks.',
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
        'The server accepted STARTTLS but could not set up TLS. Usually its certificate has no usable private key (on Windows: the key is missing or not readable by the transport service), or a device in between breaks TLS. Re-import the certificate with its private key and bind it to SMTP.',
      );
    case 'timeout':
      return outcome(probe, 'fail', `The TLS handshake did not finish: ${stage.detail}.`, `The server or a device in between stalls the handshake. ${INSPECTION_ADVICE}`);
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
        'The server accepted STARTTLS but no TLS session could be agreed: it may support only obsolete protocols or ciphers (SSL 3.0, export ciphers), or its certificate and key do not match. Enable TLS 1.2 with current ciphers and check the certificate binding.',
      );
  }
}

export const smtpChecks: readonly CheckDefinition[] = [
  {
    id: 'smtp.connect',
    title: 'TCP connection to the smart host’s SMTP port',
    step: 'prerequisites',
    dependsOn: ['dns.smarthost.resolve'],
    perDomain: false,
    run: runConnect,
  },
  {
    id: 'smtp.banner',
    title: 'SMTP greeting (220) from the smart host',
    step: 'prerequisites',
    dependsOn: ['smtp.connect'],
    perDomain: false,
    run: runBanner,
  },
  {
    id: 'smtp.ehlo',
    title: 'EHLO accepted by the smart host',
    step: 'prerequisites',
    dependsOn: ['smtp.banner'],
    perDomain: false,
    run: runEhlo,
  },
  {
    id: 'smtp.starttls',
    title: 'STARTTLS offered and accepted',
    step: 'prerequisites',
    dependsOn: ['smtp.ehlo'],
    perDomain: false,
    run: runStarttls,
  },
  {
    id: 'tls.handshake',
    title: 'TLS negotiated, version 1.2 or newer',
    step: 'prerequisites',
    dependsOn: ['smtp.starttls'],
    perDomain: false,
    run: runHandshake,
  },
];
