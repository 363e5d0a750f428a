/** dns.smarthost.resolve: the name Office 365 delivers to resolves, through the configured resolver. */
import type { DnsFailureKind } from '../../ports/dns.js';
import { advise, commandFix, settingFix, actionFix } from '../advice.js';
import type { Advice, CheckContext, CheckDefinition, EvidenceOf, TypedOutcome } from '../types.js';
import { smartHostAddresses, smartHostOf } from './shared.js';

const aRecord = (host: string): string => `${host}. IN A <the server's public address>`;

const FAILURE_ADVICE: Readonly<Record<DnsFailureKind, (host: string, resolver: string) => Advice>> = {
  NXDOMAIN: (host) =>
    advise(
      `Check the spelling of ${host}, or create its A record: ${aRecord(host)}. Exchange Online's validation fails at "Resolve" without it.`,
      settingFix('smartHosts'),
      commandFix('dns', aRecord(host)),
    ),
  NODATA: (host) => advise(`The name exists but has no address. Add an A record: ${aRecord(host)}.`, commandFix('dns', aRecord(host))),
  SERVFAIL: (_host, resolver) =>
    advise(`The DNS server (${resolver}) could not get an answer from the zone's servers: check the delegation and DNSSEC of the zone, then run the check again.`, actionFix('run-again')),
  REFUSED: (_host, resolver) => advise(`${resolver} refuses to answer: use a DNS server that resolves Internet names for this machine.`, settingFix('dnsServer')),
  TIMEOUT: (_host, resolver) =>
    advise(`${resolver} did not answer in time: check that it is reachable on UDP and TCP port 53, or ask another DNS server.`, settingFix('dnsServer')),
  OTHER: (_host, resolver) => advise(`Check that ${resolver} works, then run the check again.`, actionFix('run-again')),
};

function describeFailure(host: string, failure: DnsFailureKind, message: string): string {
  switch (failure) {
    case 'NXDOMAIN':
      return `${host} does not exist in DNS (NXDOMAIN)`;
    case 'NODATA':
      return `${host} has no A or AAAA record (NODATA)`;
    case 'SERVFAIL':
      return `the DNS server could not resolve ${host} (SERVFAIL)`;
    case 'REFUSED':
      return `the DNS server refused to resolve ${host} (REFUSED)`;
    case 'TIMEOUT':
      return `no answer for ${host} within the deadline (timeout)`;
    case 'OTHER':
      return `${host} could not be resolved: ${message}`;
  }
}

export const smartHostResolveCheck: CheckDefinition<'dns.smarthost.resolve'> = {
  id: 'dns.smarthost.resolve',
  title: 'Smart host name resolves',
  step: 'prerequisites',
  dependsOn: [],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: 'The smart host name has an address (A or AAAA, following CNAMEs), so Office 365 can find the server.',
  statuses: {
    pass: 'The name resolves (or is an IP address); the addresses are in the evidence.',
    fail: 'The name does not resolve: it does not exist, has no address, or the DNS server failed; the failure kind is in the evidence.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.smarthost.resolve'>>> {
    const host = smartHostOf('dns.smarthost.resolve', target);
    const resolver = ctx.resolver.description;
    const resolution = await smartHostAddresses(ctx, host);
    if (resolution.ok && resolution.literal) {
      return { status: 'pass', summary: `${host} is given as an address, so nothing needs resolving`, evidence: { host, addresses: [...resolution.addresses], literal: true, resolver } };
    }
    if (resolution.ok) {
      return { status: 'pass', summary: `${host} resolves to ${resolution.addresses.join(', ')}`, evidence: { host, addresses: [...resolution.addresses], literal: false, resolver } };
    }
    return {
      status: 'fail',
      summary: describeFailure(host, resolution.failure, resolution.message),
      evidence: { host, failure: resolution.failure, message: resolution.message, resolver },
      advice: FAILURE_ADVICE[resolution.failure](host, resolver),
    };
  },
};
