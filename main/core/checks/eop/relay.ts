/**
 * eop.relay: would Office 365 take mail for the Internet from this network? Connects to the
 * tenant's Office 365 MX host on port 25 as the server will (EHLO with the smart host's name,
 * STARTTLS, the server's certificate when one is given), then MAIL FROM an address of the domains
 * and RCPT TO an outside address, RSET and QUIT: DATA is never sent, nothing is delivered. Exchange
 * Online answers RCPT by whether an inbound connector claims the connection (by its certificate
 * or its source address): that is what Part 2's connector must do for the server.
 */
import { isIP } from 'node:net';
import { X509Certificate } from 'node:crypto';
import { probeEvidence } from '../../smtp/probe-evidence.js';
import type { SmtpProbeResult } from '../../smtp/probe-types.js';
import { classifyRcptReply } from '../../smtp/relay-reply.js';
import type { ClientCertificate } from '../../smtp/tls-upgrade.js';
import { actionFix, advise, commandFix, settingFix } from '../advice.js';
import type { CheckContext, CheckDefinition, CheckOutcome, Evidence, PreflightInputs, RelayInputs } from '../types.js';
import { connectionProblem, probeTenantMx, tenantMxTarget } from './smtp.js';

/** EHLO as the server will say it: its own name (the first smart host), or an address literal when it is given as an IP. */
export function heloName(inputs: PreflightInputs): string | undefined {
  const host = inputs.smartHosts[0];
  return host === undefined || isIP(host) !== 0 ? undefined : host;
}

/** The DNS names of a certificate's subjectAltName, in order. */
function dnsNamesOf(certificate: X509Certificate): string[] {
  return (certificate.subjectAltName ?? '').split(', ').flatMap((entry) => (entry.startsWith('DNS:') ? [entry.slice(4)] : []));
}

/** The presented certificate, as evidence: who it names and who issued it. */
function certificateEvidence(client: ClientCertificate | null): Evidence {
  if (client === null) return { certificatePresented: null };
  const certificate = new X509Certificate(client.certPem);
  return {
    certificatePresented: {
      subject: certificate.subject.replaceAll('\n', ', '),
      issuer: certificate.issuer.replaceAll('\n', ', '),
      fingerprintSha256: certificate.fingerprint256,
      names: dnsNamesOf(certificate),
      validTo: new Date(certificate.validTo).toISOString(),
    },
  };
}

/** The name a certificate-based connector should match: the chosen one, else the certificate's first DNS name, else the smart host. */
function certificateNameFor(relay: RelayInputs, inputs: PreflightInputs): string {
  const first = relay.clientCertificate === null ? undefined : dnsNamesOf(new X509Certificate(relay.clientCertificate.certPem))[0];
  return relay.certificateName ?? first ?? inputs.smartHosts[0] ?? '<the certificate name>';
}

function attributionFix(relay: RelayInputs, inputs: PreflightInputs): { readonly text: string; readonly command: string } {
  const name = `"${relay.inboundConnector.replaceAll('"', '`"')}"`;
  if (relay.inboundBy === 'certificate') {
    const certificateName = certificateNameFor(relay, inputs);
    const presented = relay.clientCertificate === null ? ' No certificate was presented in this test: give the server’s certificate to test as the server does.' : '';
    return {
      text: `The inbound connector identifies your server by its certificate: its TlsSenderCertificateName must match a name of the certificate the server presents (${certificateName}), and that name must be an accepted domain of the tenant.${presented}`,
      command: `Set-InboundConnector ${name} -TlsSenderCertificateName ${certificateName} -RequireTls $true`,
    };
  }
  const addresses = relay.senderIpAddresses.length === 0 ? '<this network’s public IP address>' : relay.senderIpAddresses.join(',');
  return {
    text: 'The inbound connector identifies your server by its address: SenderIPAddresses must list the public address this network (and the server) sends from.',
    command: `Set-InboundConnector ${name} -SenderIPAddresses ${addresses}`,
  };
}

const stage = (probe: SmtpProbeResult, name: 'ehlo-after-tls' | 'mail' | 'rcpt') => probe.stages.find((entry) => entry.name === name);

function judge(probe: SmtpProbeResult, port: number, relay: RelayInputs & { readonly to: string }, evidence: Evidence, inputs: PreflightInputs): CheckOutcome {
  const problem = connectionProblem(probe, port, evidence);
  if (problem !== null) return problem;
  const fail = (summary: string, advice: ReturnType<typeof advise>): CheckOutcome => ({ status: 'fail', summary, evidence, advice });
  const ehlo = stage(probe, 'ehlo-after-tls');
  if (ehlo?.outcome !== 'ok') {
    return fail(`${probe.host} did not accept EHLO over TLS: ${ehlo?.detail ?? 'the stage was not reached'}.`, advise('Run the check again; if it persists, something on this network interferes with SMTP over TLS.', actionFix('run-again')));
  }
  const mail = stage(probe, 'mail');
  if (mail?.outcome !== 'ok') {
    return fail(
      `${probe.host} refused MAIL FROM:<${relay.from}>: ${mail?.detail ?? 'no answer'}.`,
      advise(`Use a sender address of one of your domains (an accepted domain of the tenant) as the test sender.`, settingFix('domains')),
    );
  }
  const rcpt = stage(probe, 'rcpt');
  if (rcpt === undefined) return fail(`${probe.host} did not answer RCPT TO.`, advise('Run the check again.', actionFix('run-again')));
  if (rcpt.outcome !== 'ok' && rcpt.outcome !== 'rejected') return fail(`No answer to RCPT TO from ${probe.host}: ${rcpt.detail}.`, advise('Run the check again.', actionFix('run-again')));
  const reply = classifyRcptReply(rcpt.code ?? 0, rcpt.detail);
  const said = `${probe.host} answered RCPT TO:<${relay.to}> with ${rcpt.detail}`;
  switch (reply.kind) {
    case 'accepted':
      return {
        status: 'pass',
        summary: `Office 365 accepts relay to the Internet from this network: ${said}. This proves the address this computer sends from, which is the server's only when both leave through the same public address.`,
        evidence,
      };
    case 'tenant-attribution': {
      const fix = attributionFix(relay, inputs);
      return fail(`Office 365 does not recognise this connection as your server’s (TenantAttribution): ${said}.`, advise(`No inbound connector claims this IP or certificate, so Office 365 refuses to relay. ${fix.text}`, commandFix('exchange-online', fix.command)));
    }
    case 'ip-blocked':
      return fail(
        `Office 365 blocks the address this network sends from (${reply.enhanced ?? 'blocked'}): ${said}.`,
        advise(
          'The sending IP is on Microsoft’s block list (it sent spam, is listed on a third-party list, or has no reputation yet). Request delisting at https://sender.office.com, stop any open relay or infected host on that address, and send through the inbound connector once it is delisted.',
        ),
      );
    case 'temporary':
      return {
        status: 'warn',
        summary: `Office 365 said “not now” (${reply.enhanced ?? String(rcpt.code ?? '4xx')}): ${said}.`,
        evidence,
        advice: advise('A 4xx reply is temporary (the service is busy, or throttles new senders): run the check again in a few minutes; if it persists for an hour, look up the code in the Exchange Online documentation.', actionFix('run-again')),
      };
    case 'refused':
      return fail(`Office 365 refused the recipient: ${said}.`, advise('Check the outside recipient address, or look up the status code: the connector is not the cause of this refusal.'));
  }
}

/** The check with a configurable port: production always uses 25; the lab uses its own port. */
export function createEopRelayCheck(port = 25): CheckDefinition<'eop.relay'> {
  return {
    id: 'eop.relay',
    title: 'Office 365 accepts relay to the Internet from this network',
    step: 'part2',
    dependsOn: [],
    after: ['eop.smtp'],
    perDomain: false,
    network: true,
    proves:
      'From this network, the tenant’s Office 365 MX host accepts a recipient outside the domains after EHLO with the smart host’s name, STARTTLS and (when given) the server’s certificate, without DATA: an inbound connector claims the connection. It proves this computer’s outbound address, which is the server’s only when both share it.',
    statuses: {
      pass: 'The outside recipient was accepted: relay from this network works.',
      warn: 'Office 365 answered with a temporary (4xx) refusal.',
      fail: 'TenantAttribution (no inbound connector recognises this IP or certificate), a blocked sending IP, another refusal, or no TLS session with Office 365.',
      skip: 'No outside recipient was given, or no domain to send from.',
      error: 'The probe was stopped (cancelled or out of time).',
    },
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const relay = ctx.inputs.relay ?? null;
      if (relay?.to === null || relay?.to === undefined) {
        return {
          status: 'skip',
          summary: 'Not run: give an outside recipient (an address not in your domains) to test relay through Office 365.',
          evidence: {},
          advice: advise('Give the outside recipient of the relay test in the check settings (nothing is sent: the test stops before the message).', settingFix('relayTo')),
        };
      }
      const target = await tenantMxTarget(ctx);
      if (!target.ok) return target.outcome;
      const ehloName = heloName(ctx.inputs);
      const probe = await probeTenantMx(ctx, { host: target.host, address: target.address }, port, {
        ...(ehloName === undefined ? {} : { ehloName }),
        clientCertificate: relay.clientCertificate,
        envelope: { from: relay.from, to: relay.to },
      });
      const evidence: Evidence = { ...target.evidence, ...probeEvidence(probe), relayFrom: relay.from, relayTo: relay.to, ...certificateEvidence(relay.clientCertificate) };
      return judge(probe, port, { ...relay, to: relay.to }, evidence, ctx.inputs);
    },
  };
}
