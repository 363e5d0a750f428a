/**
 * eop.smtp: can this network deliver to Office 365 at all? Connects to the tenant's Office 365 MX
 * host on port 25, runs STARTTLS and validates Microsoft's certificate for that name. Many ISPs
 * block outbound port 25, which breaks "your server → Office 365" however well the connector is set.
 */
import { resolveAddresses } from '../../dns/address-lookup.js';
import { expectedTenantMx } from '../../dns/office365-mx.js';
import { probeEvidence } from '../../smtp/probe-evidence.js';
import { probeSmtp, type SmtpProbeOptions } from '../../smtp/probe.js';
import type { ProbeStage, SmtpProbeResult } from '../../smtp/probe-types.js';
import { actionFix, advise, settingFix } from '../advice.js';
import { probeDeadlines } from '../smtp/shared.js';
import type { Advice, CheckContext, CheckDefinition, CheckOutcome, Evidence } from '../types.js';

function blockedAdvice(port: number, host: string): Advice {
  return advise(
    `Outbound TCP port ${port} from this network is probably blocked, often by the Internet provider (common on consumer and some business lines) or by your own firewall. ` +
      `To confirm: from this network run “Test-NetConnection ${host} -Port ${port}” (Windows) or “nc -vz ${host} ${port}” / “telnet ${host} ${port}”, then try the same from another network (a phone hotspot); ask the provider whether port ${port} is filtered and have it opened for the mail server, or relay through a smart host on another port.`,
    { kind: 'command', place: 'firewall', command: `Test-NetConnection ${host} -Port ${port}` },
  );
}

function interceptAdvice(port: number): string {
  return `Something on this network answers port ${port} in Office 365's place (a transparent SMTP proxy, an ISP filter or a firewall with SMTP inspection). Turn the interception off or ask the provider to stop redirecting port ${port}.`;
}

/** The tenant's Office 365 MX host and the address to probe, or the outcome that says why there is none. */
export async function tenantMxTarget(
  ctx: CheckContext,
): Promise<{ readonly ok: true; readonly host: string; readonly address: string; readonly evidence: Evidence } | { readonly ok: false; readonly outcome: CheckOutcome }> {
  const firstDomain = ctx.inputs.domains[0];
  const host = ctx.inputs.tenantMx ?? (firstDomain === undefined ? null : expectedTenantMx(firstDomain));
  if (host === null) {
    return {
      ok: false,
      outcome: {
        status: 'skip',
        summary: 'No domain and no tenant MX host were given, so there is no Office 365 host to test.',
        evidence: {},
        advice: advise('Give a domain, or the tenant’s Office 365 MX host.', settingFix('domains'), settingFix('tenantMx')),
      },
    };
  }
  const lookup = await resolveAddresses(ctx.resolver, host);
  const lookupEvidence: Evidence = { tenantMx: host, resolver: ctx.resolver.description, cnameChain: lookup.chain };
  if (!lookup.ok) {
    const nameProblem = lookup.failure === 'NXDOMAIN' || lookup.failure === 'NODATA';
    return {
      ok: false,
      outcome: {
        status: 'fail',
        summary: `${host} did not resolve (${lookup.failure}): ${lookup.message}.`,
        evidence: { ...lookupEvidence, failure: lookup.failure },
        advice: nameProblem
          ? advise(
              'This is probably not your tenant’s MX host name: copy it from the Microsoft 365 admin center (Settings → Domains → DNS records) and give it as the tenant’s Office 365 MX host.',
              settingFix('tenantMx'),
            )
          : advise(`The DNS server (${ctx.resolver.description}) did not answer properly: check this machine’s DNS settings and run the check again.`, settingFix('dnsServer'), actionFix('run-again')),
      },
    };
  }
  const address = lookup.addresses[0];
  if (address === undefined) {
    return { ok: false, outcome: { status: 'fail', summary: `${host} resolved to no address.`, evidence: lookupEvidence, advice: advise('Check the tenant’s Office 365 MX host name.', settingFix('tenantMx')) } };
  }
  return { ok: true, host, address, evidence: { ...lookupEvidence, addresses: lookup.addresses } };
}

/** One probe of the tenant's Office 365 MX host within the check's deadlines; `extra` adds the relay test's options. */
export function probeTenantMx(ctx: CheckContext, at: { readonly host: string; readonly address: string }, port: number, extra: Partial<SmtpProbeOptions> = {}): Promise<SmtpProbeResult> {
  return probeSmtp({ ...at, port, connector: ctx.connector, extraCaPem: ctx.inputs.extraCaPem, ...probeDeadlines(ctx.inputs.timeoutMs), signal: ctx.signal, clock: ctx.clock, ...extra });
}

/**
 * What went wrong on the way to a TLS session with Office 365 (connect, greeting, EHLO, STARTTLS,
 * the handshake, Microsoft's certificate), or null when the session stood.
 */
export function connectionProblem(probe: SmtpProbeResult, port: number, evidence: Evidence): CheckOutcome | null {
  const fail = (summary: string, advice: Advice | string): CheckOutcome => ({ status: 'fail', summary, evidence, advice: typeof advice === 'string' ? advise(advice) : advice });
  const last: ProbeStage | undefined = probe.stages.at(-1);
  const failed = probe.stages.find((stage) => stage.outcome !== 'ok' && stage.name !== 'quit');
  if (failed?.outcome === 'aborted') {
    return {
      status: 'error',
      summary: `The probe of ${probe.host} was stopped before it finished.`,
      evidence,
      advice: advise('Run the check again, or allow more time per check.', actionFix('run-again'), settingFix('timeoutMs')),
    };
  }
  if (failed?.name === 'connect') {
    return fail(`Could not reach ${probe.host} (${probe.address}) on port ${port}: ${failed.detail}.`, blockedAdvice(port, probe.host));
  }
  if (failed?.name === 'banner' || failed?.name === 'ehlo') {
    return fail(`${probe.host} answered on port ${port}, but not like Office 365: ${failed.detail}.`, interceptAdvice(port));
  }
  if (failed?.name === 'starttls') {
    return fail(`${probe.host} did not let this network start TLS: ${failed.detail}.`, `Office 365 always offers STARTTLS. ${interceptAdvice(port)}`);
  }
  if (failed?.name === 'tls' || probe.tls === null) {
    return fail(
      `The TLS handshake with ${probe.host} failed: ${failed?.detail ?? last?.detail ?? 'no TLS session'}.`,
      `A device on this network is breaking TLS on port ${port}. ${interceptAdvice(port)}`,
    );
  }
  if (!probe.tls.authorized) {
    return fail(
      `${probe.host} presented a certificate that does not validate for its name: ${probe.tls.authorizationError ?? 'unknown reason'}.`,
      `Either a device on this network intercepts TLS on port ${port} (it presents its own certificate), or this machine's trusted root certificates are out of date. Turn off TLS interception for SMTP, and update the operating system's root certificates.`,
    );
  }
  return null;
}


function judge(probe: SmtpProbeResult, port: number, evidence: Evidence): CheckOutcome {
  return (
    connectionProblem(probe, port, evidence) ?? {
      status: 'pass',
      summary: `${probe.host} answered on port ${port} with STARTTLS (${probe.tls?.protocol ?? 'TLS'}) and a valid certificate.`,
      evidence,
    }
  );
}

/** The check with a configurable port: production always uses 25; the lab uses its own port. */
export function createEopSmtpCheck(port = 25): CheckDefinition<'eop.smtp'> {
  return {
    id: 'eop.smtp',
    title: 'This network reaches the tenant’s Office 365 MX host on port 25 with TLS',
    step: 'part2',
    dependsOn: [],
    perDomain: false,
    network: true,
    proves: 'This network can deliver to the tenant’s Office 365 MX host: port 25 is open outbound, STARTTLS works and Microsoft’s certificate validates (nothing intercepts SMTP).',
    statuses: {
      pass: 'The Office 365 MX host answered on port 25 with STARTTLS and a valid certificate.',
      fail: 'The host did not resolve, port 25 is blocked, or something on the network intercepts SMTP or TLS.',
      skip: 'No domain and no tenant MX host were given.',
      error: 'The probe was stopped (cancelled or out of time).',
    },
    async run(ctx: CheckContext): Promise<CheckOutcome> {
      const target = await tenantMxTarget(ctx);
      if (!target.ok) return target.outcome;
      const { host, address, evidence } = target;
      const probe = await probeTenantMx(ctx, { host, address }, port);
      return judge(probe, port, { ...evidence, ...probeEvidence(probe) });
    },
  };
}
