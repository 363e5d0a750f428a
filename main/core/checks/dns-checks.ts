/**
 * DNS checks (DESIGN.md ids dns.*): every lookup goes through ctx.resolver, so --dns decides where
 * they go. The verdict logic lives in main/core/dns as pure functions; these wrappers gather the
 * answers and turn verdicts into report rows with the records seen and the record to publish.
 */
import { isIP } from 'node:net';
import { Address4, Address6 } from 'ip-address';
import { followCnames, resolveAddresses, resolveTxtFollowingCnames } from '../dns/address-lookup.js';
import { evaluateDkim, OFFICE365_DKIM_SELECTORS, type DkimSelectorObservation } from '../dns/dkim.js';
import { evaluateDmarc } from '../dns/dmarc.js';
import { acceptedTenantHosts, evaluateMx, type MxHostObservation, type MxLookupObservation } from '../dns/office365-mx.js';
import { reverseLookupName } from '../dns/reverse-name.js';
import { smartHostAddresses } from '../dns/smart-host.js';
import { collectSpf } from '../dns/spf-tree.js';
import { evaluateSpf, isPrivateAddress } from '../dns/spf-verdict.js';
import type { DnsFailureKind } from '../ports/dns.js';
import type { CheckContext, CheckDefinition, CheckOutcome, Json } from './types.js';

function domainOf(id: string, target: string | null): string {
  if (target === null || target === '') throw new Error(`${id} is a per-domain check and was run without a domain`);
  return target.toLowerCase().replace(/\.$/, '');
}

/** Same address in any notation (IPv6 has many). */
function sameAddress(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b) || family === 0) return false;
  return family === 4 ? new Address4(a).correctForm() === new Address4(b).correctForm() : new Address6(a).correctForm() === new Address6(b).correctForm();
}

const SMART_HOST_FAILURE_ADVICE: Readonly<Record<DnsFailureKind, (host: string, resolver: string) => string>> = {
  NXDOMAIN: (host) => `Check the spelling of ${host}, or create its A record: ${host}. IN A <the server's public address>. Exchange Online's validation fails at "Resolve" without it.`,
  NODATA: (host) => `The name exists but has no address. Add an A record: ${host}. IN A <the server's public address>.`,
  SERVFAIL: (_host, resolver) => `The DNS server (${resolver}) could not get an answer from the zone's servers: check the delegation and DNSSEC of the zone, then run the check again.`,
  REFUSED: (_host, resolver) => `${resolver} refuses to answer: use a DNS server that resolves Internet names for this machine (--dns).`,
  TIMEOUT: (_host, resolver) => `${resolver} did not answer in time: check that it is reachable on UDP and TCP port 53, or point --dns at another server.`,
  OTHER: (_host, resolver) => `Check that ${resolver} works, then run the check again.`,
};

function describeSmartHostFailure(host: string, failure: DnsFailureKind, message: string): string {
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

const smartHostResolve: CheckDefinition = {
  id: 'dns.smarthost.resolve',
  title: 'Smart host name resolves',
  step: 'prerequisites',
  dependsOn: [],
  perDomain: false,
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const host = ctx.inputs.smartHost;
    const resolver = ctx.resolver.description;
    const resolution = await smartHostAddresses(ctx);
    if (resolution.ok && resolution.literal) {
      return { status: 'pass', summary: `${host} is given as an address, so nothing needs resolving`, evidence: { host, addresses: [...resolution.addresses], literal: true, resolver } };
    }
    if (resolution.ok) {
      return { status: 'pass', summary: `${host} resolves to ${resolution.addresses.join(', ')}`, evidence: { host, addresses: [...resolution.addresses], literal: false, resolver } };
    }
    return {
      status: 'fail',
      summary: describeSmartHostFailure(host, resolution.failure, resolution.message),
      evidence: { host, failure: resolution.failure, message: resolution.message, resolver },
      advice: SMART_HOST_FAILURE_ADVICE[resolution.failure](host, resolver),
    };
  },
};

interface PtrObservation {
  readonly address: string;
  readonly names: readonly string[];
  /** The PTR name that resolves back to the address, or null. */
  readonly confirmedName: string | null;
  readonly problem: string | null;
}

async function observePtr(ctx: CheckContext, address: string): Promise<PtrObservation> {
  const answer = await ctx.resolver.resolvePtr(address);
  if (!answer.ok) {
    const problem = answer.failure === 'NXDOMAIN' || answer.failure === 'NODATA' ? `no PTR record (${answer.failure})` : `PTR lookup failed (${answer.failure}): ${answer.message}`;
    return { address, names: [], confirmedName: null, problem };
  }
  const names = answer.records.map((name) => name.toLowerCase().replace(/\.$/, ''));
  for (const name of names) {
    const forward = await resolveAddresses(ctx.resolver, name);
    if (forward.ok && forward.addresses.some((candidate) => sameAddress(candidate, address))) {
      return { address, names, confirmedName: name, problem: null };
    }
  }
  return { address, names, confirmedName: null, problem: `PTR ${names.join(', ')} does not resolve back to ${address}` };
}

const smartHostPtr: CheckDefinition = {
  id: 'dns.smarthost.ptr',
  title: 'Smart host address has a matching PTR',
  step: 'prerequisites',
  dependsOn: ['dns.smarthost.resolve'],
  perDomain: false,
  async run(ctx: CheckContext): Promise<CheckOutcome> {
    const host = ctx.inputs.smartHost;
    const resolution = await smartHostAddresses(ctx);
    if (!resolution.ok) {
      return { status: 'skip', summary: `${host} has no address to look up (${resolution.failure})`, evidence: { host, failure: resolution.failure } };
    }
    const observations = await Promise.all(resolution.addresses.map((address) => observePtr(ctx, address)));
    const evidence = {
      host,
      resolver: ctx.resolver.description,
      addresses: observations.map((observation): Json => ({ address: observation.address, ptr: [...observation.names], confirmedName: observation.confirmedName, problem: observation.problem })),
    };
    const missing = observations.filter((observation) => observation.confirmedName === null);
    if (missing.length === 0) {
      return { status: 'pass', summary: observations.map((observation) => `${observation.address} -> ${observation.confirmedName ?? ''} -> ${observation.address}`).join('; '), evidence };
    }
    const name = resolution.literal ? '<the server\'s host name>' : host;
    const records = missing.map((observation) => `${reverseLookupName(observation.address)}. IN PTR ${name}.`);
    const privateNote = missing.some((observation) => isPrivateAddress(observation.address))
      ? ' A private address is not what receivers see: check the PTR of the public address the server sends from.'
      : '';
    return {
      status: 'warn',
      summary: `no forward-confirmed PTR: ${missing.map((observation) => `${observation.address}: ${observation.problem ?? ''}`).join('; ')}`,
      evidence,
      advice: `Receivers trust a server whose address has a PTR that resolves back to it. Ask the owner of the address (usually the ISP) to publish ${records.join(' and ')}, and keep ${name} resolving to the same address.${privateNote}`,
    };
  },
};

async function observeMx(ctx: CheckContext, domain: string): Promise<MxLookupObservation> {
  const answer = await ctx.resolver.resolveMx(domain);
  if (!answer.ok) return { ok: false, failure: answer.failure, message: answer.message };
  const sorted = [...answer.records].sort((a, b) => a.priority - b.priority);
  const hosts = await Promise.all(
    sorted.map(async (record): Promise<MxHostObservation> => {
      const exchange = record.exchange.toLowerCase().replace(/\.$/, '');
      if (exchange === '') return { exchange, priority: record.priority, resolution: { ok: false, failure: 'NODATA', message: 'null MX (".")' } };
      const lookup = await resolveAddresses(ctx.resolver, exchange);
      return {
        exchange,
        priority: record.priority,
        resolution: lookup.ok ? { ok: true, addresses: lookup.addresses, chain: lookup.chain } : { ok: false, failure: lookup.failure, message: lookup.message },
      };
    }),
  );
  return { ok: true, hosts };
}

const mx: CheckDefinition = {
  id: 'dns.mx',
  title: 'MX points to Office 365',
  step: 'part1',
  dependsOn: [],
  perDomain: true,
  async run(ctx: CheckContext, target: string | null): Promise<CheckOutcome> {
    const domain = domainOf('dns.mx', target);
    const tenantHosts = acceptedTenantHosts(domain, ctx.inputs.tenantMx);
    const observation = await observeMx(ctx, domain);
    const verdict = evaluateMx({ domain, tenantHosts, mx: observation });
    const records: Json = observation.ok
      ? observation.hosts.map((host): Json => ({
          exchange: host.exchange,
          priority: host.priority,
          ...(host.resolution.ok ? { addresses: [...host.resolution.addresses], chain: [...host.resolution.chain] } : { failure: host.resolution.failure, message: host.resolution.message }),
        }))
      : [];
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        state: verdict.state,
        records,
        ...(observation.ok ? {} : { failure: observation.failure, message: observation.message }),
        expected: [...tenantHosts],
        recordToPublish: verdict.recordToPublish,
        resolver: ctx.resolver.description,
      },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};

const spf: CheckDefinition = {
  id: 'dns.spf',
  title: 'SPF authorises Office 365',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  async run(ctx: CheckContext, target: string | null): Promise<CheckOutcome> {
    const domain = domainOf('dns.spf', target);
    const [root, server] = await Promise.all([collectSpf(ctx.resolver, domain), smartHostAddresses(ctx)]);
    const verdict = evaluateSpf({ domain, root, serverAddresses: server.ok ? server.addresses : null });
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        records: [...verdict.records],
        lookupCount: verdict.lookupCount,
        lookupCountIsMinimum: verdict.lookupCountIsMinimum,
        voidLookupCount: verdict.voidLookupCount,
        office365Authorised: verdict.office365Authorised,
        serverAddresses: verdict.serverAddresses.map((entry): Json => ({ address: entry.address, authorised: entry.authorised, public: entry.public })),
        findings: verdict.findings.map((finding): Json => ({ problem: finding.problem, detail: finding.detail })),
        recordToPublish: verdict.recordToPublish,
        dropped: verdict.dropped.map((entry): Json => ({ term: entry.term, reason: entry.reason })),
        reductions: verdict.reductions.map((entry): Json => ({ term: entry.term, lookups: entry.lookups, voidLookups: entry.voidLookups })),
        reducedRecord: verdict.reducedRecord,
        resolver: ctx.resolver.description,
      },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};

const dmarc: CheckDefinition = {
  id: 'dns.dmarc',
  title: 'DMARC record is valid',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  async run(ctx: CheckContext, target: string | null): Promise<CheckOutcome> {
    const domain = domainOf('dns.dmarc', target);
    const answer = await resolveTxtFollowingCnames(ctx.resolver, `_dmarc.${domain}`);
    const verdict = evaluateDmarc(domain, answer);
    const policy: Json = verdict.policy === null ? null : { ...verdict.policy, rua: [...verdict.policy.rua], ruf: [...verdict.policy.ruf] };
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        state: verdict.state,
        effect: verdict.effect,
        records: [...verdict.records],
        policy,
        recordToPublish: verdict.recordToPublish,
        resolver: ctx.resolver.description,
        ...(answer.ok ? {} : { failure: answer.failure }),
      },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};

async function observeSelector(ctx: CheckContext, domain: string, selector: DkimSelectorObservation['selector']): Promise<DkimSelectorObservation> {
  const name = `${selector}._domainkey.${domain}`;
  const cname = await followCnames(ctx.resolver, name);
  if (cname.ok || cname.chain.length > 1 || cname.failure !== 'NODATA') return { selector, cname, hasTxtKey: false };
  const txt = await ctx.resolver.resolveTxt(name);
  return { selector, cname, hasTxtKey: txt.ok && txt.records.some((record) => /(^|;)\s*p=/.test(record)) };
}

const dkim: CheckDefinition = {
  id: 'dns.dkim',
  title: 'DKIM selectors for Office 365',
  step: 'part2',
  dependsOn: [],
  perDomain: true,
  async run(ctx: CheckContext, target: string | null): Promise<CheckOutcome> {
    const domain = domainOf('dns.dkim', target);
    const observations = await Promise.all(OFFICE365_DKIM_SELECTORS.map((selector) => observeSelector(ctx, domain, selector)));
    const verdict = evaluateDkim(domain, observations);
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        domain,
        selectors: verdict.selectors.map((selector): Json => ({ selector: selector.selector, name: selector.name, state: selector.state, target: selector.target, detail: selector.detail })),
        resolver: ctx.resolver.description,
      },
      ...(verdict.advice === undefined ? {} : { advice: verdict.advice }),
    };
  },
};

/** The DNS checks, in report order. */
export const dnsChecks: readonly CheckDefinition[] = [smartHostResolve, smartHostPtr, mx, spf, dmarc, dkim];
