import { isIP } from 'node:net';
import { Address4, Address6 } from 'ip-address';
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import { parseSpf, type SpfQualifier, type SpfRecord } from './spf-record.js';
import { isPrivateAddress } from '../../../preload/vocabulary/address-scope.js';
import { SPF_MX_LIMIT, type SpfFetch, type SpfLookupTerm, type SpfNode } from './spf-tree.js';

export const OFFICE365_SPF_INCLUDE = 'spf.protection.outlook.com';
/** RFC 7208 section 4.6.4. */
export const SPF_LOOKUP_LIMIT = 10;
export const SPF_VOID_LOOKUP_LIMIT = 2;

export interface SpfInput {
  readonly domain: string;
  readonly root: SpfNode;
  /** The on-premises server's addresses (the smart host's), or null when they are unknown. */
  readonly serverAddresses: readonly string[] | null;
}

export type SpfProblem = 'lookup-failed' | 'no-domain' | 'none' | 'multiple' | 'syntax' | 'include-without-spf' | 'loop' | 'redirect-loop' | 'too-many-mx-records' | 'too-many-lookups' | 'too-many-void-lookups' | 'temperror' | 'office365-missing' | 'server-not-authorised' | 'pass-all';

export interface SpfFinding {
  readonly problem: SpfProblem;
  readonly detail: string;
}

export interface SpfVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'fail'>;
  readonly summary: string;
  readonly advice?: string;
  readonly findings: readonly SpfFinding[];
  /** The SPF record(s) found at the domain itself. */
  readonly records: readonly string[];
  readonly lookupCount: number;
  /** True when collection stopped early: the real count is at least lookupCount. */
  readonly lookupCountIsMinimum: boolean;
  readonly voidLookupCount: number;
  readonly office365Authorised: boolean;
  readonly serverAddresses: readonly { readonly address: string; readonly authorised: boolean; readonly public: boolean }[];
  /**
   * The one TXT record to publish at the domain, or null when no record built from the current one
   * stays within the lookup limits: then `reductions` says which terms to remove or flatten.
   */
  readonly recordToPublish: string | null;
  /** Terms of the current record left out of the suggestion, each with the reason. */
  readonly dropped: readonly SpfDroppedTerm[];
  /** When recordToPublish is null: the terms to remove or flatten, most lookups first. */
  readonly reductions: readonly SpfReduction[];
  /** When recordToPublish is null: the record once those terms are removed (add the ranges of any you flatten). */
  readonly reducedRecord: string | null;
}

export interface SpfDroppedTerm {
  readonly term: string;
  readonly reason: string;
}

export interface SpfReduction {
  readonly term: string;
  /** DNS lookups the term costs, itself and everything it includes. */
  readonly lookups: number;
  readonly voidLookups: number;
}

type Network = Address4 | Address6;

interface Tally {
  lookups: number;
  voids: number;
  capped: boolean;
  office365: boolean;
  readonly findings: SpfFinding[];
  readonly networks: Network[];
}

function network(address: string, prefix: number | null): Network | null {
  const family = isIP(address);
  if (family === 4) return new Address4(prefix === null ? address : `${address}/${prefix}`);
  if (family === 6) return new Address6(prefix === null ? address : `${address}/${prefix}`);
  return null;
}

function contains(range: Network, address: Network): boolean {
  return range instanceof Address4 ? address instanceof Address4 && address.isInSubnet(range) : address instanceof Address6 && address.isInSubnet(range);
}

function describeFetch(domain: string, fetch: Exclude<SpfFetch, { kind: 'record' }>): string {
  switch (fetch.kind) {
    case 'none':
      return fetch.failure === 'NXDOMAIN' ? `${domain} does not exist (NXDOMAIN)` : fetch.failure === 'NODATA' ? `${domain} has no TXT record (NODATA)` : `${domain} has no v=spf1 record`;
    case 'multiple':
      return `${domain} has ${fetch.records.length} SPF records`;
    case 'error':
      return `${fetch.message} (${fetch.failure})`;
  }
}

function walk(node: SpfNode, authorising: boolean, tally: Tally): void {
  if (node.fetch.kind === 'record') {
    const record = node.fetch.record;
    for (const error of record.errors) tally.findings.push({ problem: 'syntax', detail: `${node.domain}: "${error.term}": ${error.reason}` });
    for (const term of record.terms) {
      if (term.kind !== 'mechanism' || term.qualifier !== '+' || !authorising || term.ip === null) continue;
      const range = network(term.ip, term.name === 'ip4' ? term.cidr4 : term.cidr6);
      if (range !== null) tally.networks.push(range);
    }
  }
  // A root with several records is evaluated by no receiver: its lookups only shape the suggestion.
  if (node.fetch.kind !== 'record') return;
  for (const lookup of node.lookups) {
    tally.lookups += 1;
    const passes = authorising && lookup.qualifier === '+';
    const outcome = lookup.outcome;
    if ((lookup.mechanism === 'include' || lookup.mechanism === 'redirect') && lookup.target === OFFICE365_SPF_INCLUDE && passes) tally.office365 = true;
    switch (outcome.kind) {
      case 'child': {
        const child = outcome.node;
        if (child.fetch.kind === 'record') {
          walk(child, passes, tally);
        } else if (child.fetch.kind === 'error') {
          tally.findings.push({ problem: 'temperror', detail: `${lookup.text}: ${describeFetch(child.domain, child.fetch)}` });
        } else {
          if (child.fetch.kind === 'none' && child.fetch.failure !== 'NO_SPF') tally.voids += 1;
          tally.findings.push({ problem: 'include-without-spf', detail: `${lookup.text}: ${describeFetch(child.domain, child.fetch)}, which makes the record a permerror` });
        }
        break;
      }
      case 'addresses':
        if (passes && (lookup.mechanism === 'a' || lookup.mechanism === 'mx')) {
          for (const address of outcome.addresses) {
            const range = network(address, isIP(address) === 4 ? lookup.cidr4 : lookup.cidr6);
            if (range !== null) tally.networks.push(range);
          }
        }
        break;
      case 'void':
        tally.voids += 1;
        break;
      case 'failed':
        tally.findings.push({ problem: 'temperror', detail: `${lookup.text}: ${outcome.message} (${outcome.failure})` });
        break;
      case 'loop':
        if (lookup.mechanism === 'redirect') tally.findings.push({ problem: 'redirect-loop', detail: `redirect loop: ${outcome.path.join(' -> ')}` });
        else tally.findings.push({ problem: 'loop', detail: `include loop: ${outcome.path.join(' -> ')}` });
        break;
      case 'too-many-mx':
        tally.findings.push({ problem: 'too-many-mx-records', detail: `${lookup.text}: ${lookup.target} has ${outcome.count} MX records; an mx mechanism may use at most ${SPF_MX_LIMIT} (RFC 7208 section 4.6.4), so receivers return permerror` });
        break;
      case 'not-followed':
        if (outcome.reason === 'cap') tally.capped = true;
        break;
    }
  }
}

/** Builds the one record to publish: existing valid terms kept, Office 365 and the server's public addresses added, the all term last. */
export function correctedSpfRecord(
  records: readonly SpfRecord[],
  options: { readonly addOffice365: boolean; readonly addAddresses: readonly string[]; readonly drop?: ReadonlySet<string> },
): string {
  const mechanisms: string[] = [];
  const modifiers: string[] = [];
  const seen = new Set<string>();
  let allQualifier: SpfQualifier | null = null;
  let hasRedirect = false;
  for (const record of records) {
    for (const term of record.terms) {
      const key = term.text.toLowerCase();
      if (seen.has(key) || options.drop?.has(key) === true) continue;
      seen.add(key);
      if (term.kind === 'mechanism' && term.name === 'all') {
        allQualifier ??= term.qualifier;
      } else if (term.kind === 'mechanism') {
        mechanisms.push(term.text);
      } else {
        if (term.name === 'redirect') hasRedirect = true;
        modifiers.push(term.text);
      }
    }
  }
  for (const address of options.addAddresses) {
    const term = `${isIP(address) === 6 ? 'ip6' : 'ip4'}:${address}`;
    if (!seen.has(term.toLowerCase())) mechanisms.push(term);
  }
  if (options.addOffice365) mechanisms.push(`include:${OFFICE365_SPF_INCLUDE}`);
  const keptModifiers = allQualifier === null ? modifiers : modifiers.filter((text) => !text.toLowerCase().startsWith('redirect='));
  const ending = allQualifier === null ? (hasRedirect ? [] : ['~all']) : [allQualifier === '+' ? '~all' : `${allQualifier}all`];
  return ['v=spf1', ...mechanisms, ...ending, ...keptModifiers].join(' ');
}

/** Problems that make a receiver return permerror for everything that leads to them. */
const PERMANENT: ReadonlySet<SpfProblem> = new Set(['syntax', 'include-without-spf', 'loop', 'redirect-loop', 'too-many-mx-records']);

interface TermCost {
  readonly term: string;
  readonly lookups: number;
  readonly voids: number;
  /** Why the suggestion leaves the term out, or null to keep it. */
  readonly dropReason: string | null;
  readonly office365: boolean;
}

/** What one DNS-querying term of the root record costs and whether it can stay in a record that works. */
function costOf(lookup: SpfLookupTerm): TermCost {
  const sub: Tally = { lookups: 0, voids: 0, capped: false, office365: false, findings: [], networks: [] };
  const outcome = lookup.outcome;
  let voids = 0;
  let dropReason: string | null = null;
  switch (outcome.kind) {
    case 'child': {
      const child = outcome.node;
      if (child.fetch.kind === 'record') {
        walk(child, true, sub);
        const broken = sub.findings.find((finding) => PERMANENT.has(finding.problem));
        if (broken !== undefined) dropReason = `the SPF record it leads to is broken (${broken.detail}); ask the owner of ${lookup.target} to fix it`;
      } else if (child.fetch.kind === 'none') {
        if (child.fetch.failure !== 'NO_SPF') voids = 1;
        dropReason = `${describeFetch(child.domain, child.fetch)}, so it authorises nothing and makes the record a permerror`;
      } else if (child.fetch.kind === 'multiple') {
        dropReason = `${describeFetch(child.domain, child.fetch)}, which receivers treat as a permerror`;
      }
      break;
    }
    case 'void':
      voids = 1;
      dropReason = `${lookup.target} finds nothing (${outcome.failure}), so the term matches no server and only spends a lookup`;
      break;
    case 'loop':
      dropReason = `it loops back (${outcome.path.join(' -> ')})`;
      break;
    case 'too-many-mx':
      dropReason = `${lookup.target} has ${outcome.count} MX records, more than the ${SPF_MX_LIMIT} an mx mechanism may use; list the sending servers with ip4:/ip6: instead`;
      break;
    case 'addresses':
    case 'failed':
    case 'not-followed':
      break;
  }
  return {
    term: lookup.text,
    lookups: 1 + sub.lookups,
    voids: voids + sub.voids,
    dropReason,
    office365: (lookup.mechanism === 'include' || lookup.mechanism === 'redirect') && lookup.target === OFFICE365_SPF_INCLUDE,
  };
}

interface CorrectionPlan {
  readonly recordToPublish: string | null;
  readonly dropped: readonly SpfDroppedTerm[];
  readonly reductions: readonly SpfReduction[];
  readonly reducedRecord: string | null;
}

/**
 * The record to suggest: the current terms without those that cannot work (includes of domains
 * without SPF, loops, void lookups, broken includes), Office 365 and the server added. When it
 * would still exceed 10 lookups or 2 void lookups, no record is offered: the terms to remove or
 * flatten are named instead, biggest first (Office 365's include is never one of them; adding it
 * counts one lookup, as its record holds only address ranges).
 */
function planCorrection(root: SpfNode, records: readonly SpfRecord[], addOffice365: boolean, addAddresses: readonly string[]): CorrectionPlan {
  const costs = new Map<string, TermCost>();
  for (const lookup of root.lookups) {
    const key = lookup.text.toLowerCase();
    if (!costs.has(key)) costs.set(key, costOf(lookup));
  }
  const dropped = [...costs.values()].filter((cost) => cost.dropReason !== null).map((cost) => ({ term: cost.term, reason: cost.dropReason ?? '' }));
  const drop = new Set(dropped.map((entry) => entry.term.toLowerCase()));
  const kept = [...costs.values()].filter((cost) => cost.dropReason === null);
  let lookups = kept.reduce((sum, cost) => sum + cost.lookups, addOffice365 ? 1 : 0);
  let voids = kept.reduce((sum, cost) => sum + cost.voids, 0);
  const record = correctedSpfRecord(records, { addOffice365, addAddresses, drop });
  if (lookups <= SPF_LOOKUP_LIMIT && voids <= SPF_VOID_LOOKUP_LIMIT) return { recordToPublish: record, dropped, reductions: [], reducedRecord: null };
  const candidates = kept.filter((cost) => !cost.office365).sort((a, b) => b.lookups - a.lookups || b.voids - a.voids);
  const reductions: SpfReduction[] = [];
  for (const cost of candidates) {
    if (lookups <= SPF_LOOKUP_LIMIT && voids <= SPF_VOID_LOOKUP_LIMIT) break;
    if (lookups <= SPF_LOOKUP_LIMIT && cost.voids === 0) continue;
    reductions.push({ term: cost.term, lookups: cost.lookups, voidLookups: cost.voids });
    lookups -= cost.lookups;
    voids -= cost.voids;
    drop.add(cost.term.toLowerCase());
  }
  return { recordToPublish: null, dropped, reductions, reducedRecord: correctedSpfRecord(records, { addOffice365, addAddresses, drop }) };
}

function reductionAdvice(domain: string, plan: CorrectionPlan): string {
  const terms = plan.reductions.map((reduction) => `${reduction.term} (${reduction.lookups} lookup${reduction.lookups === 1 ? '' : 's'}${reduction.voidLookups > 0 ? `, ${reduction.voidLookups} void` : ''})`);
  return `No record built from the current one stays within ${SPF_LOOKUP_LIMIT} DNS lookups and ${SPF_VOID_LOOKUP_LIMIT} void lookups. Remove these terms, or flatten them (replace each with the ip4:/ip6: ranges it stands for): ${terms.join(', ')}. Without them the record for ${domain} would be: ${plan.reducedRecord ?? ''} (add the ranges of any you flatten).`;
}

function parsedRootRecords(fetch: SpfFetch): readonly SpfRecord[] {
  if (fetch.kind === 'record') return [fetch.record];
  if (fetch.kind === 'multiple') return fetch.records.map(parseSpf);
  return [];
}

/**
 * The dns.spf verdict (RFC 7208 where receivers enforce it): one record, valid syntax, at most
 * 10 DNS-querying terms and 2 void lookups counted through includes, no loops; then whether
 * Office 365 and the on-premises server are authorised. Always offers the exact record to publish.
 */
export function evaluateSpf(input: SpfInput): SpfVerdict {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const fetch = input.root.fetch;
  const tally: Tally = { lookups: 0, voids: 0, capped: false, office365: false, findings: [], networks: [] };
  walk(input.root, true, tally);
  const rootRecords = parsedRootRecords(fetch);
  if (fetch.kind === 'multiple') {
    // Not walked (receivers use none of them), but what they hold shapes the merged record.
    for (const term of rootRecords.flatMap((record) => record.terms)) {
      if (term.kind !== 'mechanism' || term.qualifier !== '+') continue;
      if (term.name === 'include' && term.domain?.toLowerCase() === OFFICE365_SPF_INCLUDE) tally.office365 = true;
      const range = term.ip === null ? null : network(term.ip, term.name === 'ip4' ? term.cidr4 : term.cidr6);
      if (range !== null) tally.networks.push(range);
    }
  }
  const servers = (input.serverAddresses ?? []).map((address) => {
    const parsed = network(address, null);
    return {
      address,
      public: !isPrivateAddress(address),
      authorised: parsed !== null && tally.networks.some((range) => contains(range, parsed)),
    };
  });
  const addAddresses = fetch.kind === 'error' ? [] : servers.filter((server) => server.public && !server.authorised).map((server) => server.address);
  const plan = planCorrection(input.root, rootRecords, !tally.office365, addAddresses);
  const recordToPublish = plan.recordToPublish;
  const base = {
    records: fetch.kind === 'record' ? [fetch.record.text] : fetch.kind === 'multiple' ? fetch.records : [],
    lookupCount: tally.lookups,
    lookupCountIsMinimum: tally.capped,
    voidLookupCount: tally.voids,
    office365Authorised: tally.office365,
    serverAddresses: servers,
    recordToPublish,
    dropped: plan.dropped,
    reductions: plan.reductions,
    reducedRecord: plan.reducedRecord,
  };
  const droppedText = plan.dropped.length === 0 ? '' : ` Left out: ${plan.dropped.map((entry) => `${entry.term}: ${entry.reason}`).join('; ')}.`;
  const publish = recordToPublish === null
    ? `${reductionAdvice(domain, plan)}${droppedText}`
    : `Publish this one TXT record at ${domain}${base.records.length > 0 ? ', replacing the existing SPF record' + (base.records.length > 1 ? 's' : '') : ''}: ${recordToPublish}${droppedText}`;

  if (fetch.kind === 'error') {
    const findings = [{ problem: 'lookup-failed' as const, detail: `${fetch.message} (${fetch.failure})` }];
    return { ...base, status: 'fail', findings, summary: `could not read the TXT records of ${domain} (${fetch.failure}): ${fetch.message}`, advice: 'Make the domain\'s DNS servers answer, then run the check again.' };
  }
  if (fetch.kind === 'none' && fetch.failure === 'NXDOMAIN') {
    const findings = [{ problem: 'no-domain' as const, detail: fetch.message }];
    return { ...base, status: 'fail', findings, summary: `${domain} does not exist in DNS (NXDOMAIN)`, advice: `Check the domain name. ${publish}` };
  }
  if (fetch.kind === 'none') {
    const findings = [{ problem: 'none' as const, detail: describeFetch(domain, fetch) }];
    return { ...base, status: 'warn', findings, summary: `${domain} has no SPF record (${fetch.failure}): receivers cannot tell which servers may send its mail`, advice: publish };
  }

  const findings = [...tally.findings];
  if (fetch.kind === 'multiple') findings.unshift({ problem: 'multiple', detail: `${fetch.records.length} records start with v=spf1; receivers treat that as a permerror` });
  if (tally.lookups > SPF_LOOKUP_LIMIT) {
    findings.push({ problem: 'too-many-lookups', detail: `${tally.lookups}${tally.capped ? ' or more' : ''} DNS-querying terms (include, a, mx, ptr, exists, redirect) counted through includes; at most ${SPF_LOOKUP_LIMIT} are allowed` });
  }
  if (tally.voids > SPF_VOID_LOOKUP_LIMIT) {
    findings.push({ problem: 'too-many-void-lookups', detail: `${tally.voids} lookups find nothing (NXDOMAIN or NODATA); at most ${SPF_VOID_LOOKUP_LIMIT} are allowed` });
  }
  const failing = findings.filter((finding) => finding.problem !== 'temperror');
  const temporary = findings.filter((finding) => finding.problem === 'temperror');
  if (failing.length > 0 || temporary.length > 0) {
    const first = failing[0] ?? temporary[0];
    const more = findings.length > 1 ? ` (and ${findings.length - 1} more problem${findings.length > 2 ? 's' : ''})` : '';
    return {
      ...base,
      status: 'fail',
      findings,
      summary: `SPF of ${domain} is broken${failing.length > 0 ? ' (permerror)' : ' (temperror)'}: ${first?.detail ?? ''}${more}`,
      advice: publish,
    };
  }

  const cautions: SpfFinding[] = [];
  if (!tally.office365) cautions.push({ problem: 'office365-missing', detail: `Office 365 is not authorised (include:${OFFICE365_SPF_INCLUDE} is missing): mail relayed through Office 365 fails SPF` });
  for (const server of servers) {
    if (server.public && !server.authorised) cautions.push({ problem: 'server-not-authorised', detail: `the on-premises server ${server.address} is not authorised; keep it in the record while it still sends mail directly` });
  }
  if (rootRecords.some((record) => record.terms.some((term) => term.kind === 'mechanism' && term.name === 'all' && term.qualifier === '+'))) {
    cautions.push({ problem: 'pass-all', detail: '"+all" authorises every server on the Internet' });
  }
  const notes = rootRecords.flatMap((record) => record.warnings);
  const privateNote = servers.some((server) => !server.public) ? ' The smart host resolves to a private address here: add the public address it sends from by hand.' : '';
  if (cautions.length > 0) {
    return {
      ...base,
      status: 'warn',
      findings: cautions,
      summary: `SPF of ${domain} is valid (${tally.lookups} of ${SPF_LOOKUP_LIMIT} lookups) but ${cautions.map((caution) => caution.detail).join('; ')}`,
      advice: [publish, ...notes].join(' ') + privateNote,
    };
  }
  const adviceParts = [...notes, privateNote.trim()].filter((part) => part !== '');
  return {
    ...base,
    status: 'pass',
    findings: [],
    summary: `${domain} has one valid SPF record that authorises Office 365 (${tally.lookups} of ${SPF_LOOKUP_LIMIT} DNS lookups, ${tally.voids} void)`,
    ...(adviceParts.length > 0 ? { advice: adviceParts.join(' ') } : {}),
  };
}

