import type { DnsFailureKind, DnsResolver } from '../ports/dns.js';
import { resolveAddresses, resolveTxtFollowingCnames } from './address-lookup.js';
import { hasMacro, isSpfRecord, parseSpf, type SpfQualifier, type SpfRecord } from './spf-record.js';

/**
 * The SPF record of a domain with everything its DNS-querying terms lead to, gathered once through
 * the resolver so that the verdict (spf-verdict.ts) stays a pure function that tests can feed by hand.
 */
export type SpfFetch =
  | { readonly kind: 'record'; readonly record: SpfRecord }
  /** No SPF record: the TXT lookup was empty (NXDOMAIN/NODATA) or held no v=spf1 string (NO_SPF). */
  | { readonly kind: 'none'; readonly failure: 'NXDOMAIN' | 'NODATA' | 'NO_SPF'; readonly message: string }
  | { readonly kind: 'multiple'; readonly records: readonly string[] }
  | { readonly kind: 'error'; readonly failure: DnsFailureKind; readonly message: string };

export type SpfLookupOutcome =
  | { readonly kind: 'child'; readonly node: SpfNode }
  | { readonly kind: 'addresses'; readonly addresses: readonly string[] }
  /** A lookup that found nothing: counts against the limit of 2 void lookups. */
  | { readonly kind: 'void'; readonly failure: DnsFailureKind }
  | { readonly kind: 'failed'; readonly failure: DnsFailureKind; readonly message: string }
  | { readonly kind: 'loop'; readonly path: readonly string[] }
  /** An mx target with more MX records than a receiver may look up (RFC 7208 section 4.6.4): a permerror. */
  | { readonly kind: 'too-many-mx'; readonly count: number }
  /** Not looked up: the target depends on the message (macros, ptr), or collection stopped at its cap. */
  | { readonly kind: 'not-followed'; readonly reason: 'macro' | 'ptr' | 'cap' };

export interface SpfLookupTerm {
  readonly text: string;
  readonly mechanism: 'include' | 'a' | 'mx' | 'ptr' | 'exists' | 'redirect';
  readonly qualifier: SpfQualifier;
  readonly target: string;
  /** For a/mx: the prefix lengths that widen each address. */
  readonly cidr4: number | null;
  readonly cidr6: number | null;
  readonly outcome: SpfLookupOutcome;
}

export interface SpfNode {
  readonly domain: string;
  readonly fetch: SpfFetch;
  /**
   * Each DNS-querying term of the record, in order; redirect only when it takes effect (no "all").
   * For several records at the root domain: the terms of all of them (receivers evaluate none).
   */
  readonly lookups: readonly SpfLookupTerm[];
}

/** Collection stops following terms after this many; well above the limit of 10, so the count still shows the excess. */
export const SPF_COLLECTION_CAP = 40;

/** RFC 7208 section 4.6.4: an mx mechanism may look up the addresses of at most 10 MX hosts. */
export const SPF_MX_LIMIT = 10;

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

/** Fetches and classifies the SPF record of one domain. */
export async function fetchSpf(resolver: DnsResolver, domain: string): Promise<SpfFetch> {
  const answer = await resolveTxtFollowingCnames(resolver, domain);
  if (!answer.ok) {
    if (answer.failure === 'NXDOMAIN' || answer.failure === 'NODATA') {
      return { kind: 'none', failure: answer.failure, message: answer.message };
    }
    return { kind: 'error', failure: answer.failure, message: answer.message };
  }
  const records = answer.records.filter(isSpfRecord);
  const only = records[0];
  if (only === undefined) return { kind: 'none', failure: 'NO_SPF', message: `${domain} has TXT records but none starts with "v=spf1"` };
  if (records.length > 1) return { kind: 'multiple', records };
  return { kind: 'record', record: parseSpf(only) };
}

/** Gathers the SPF tree of `domain`, following include/redirect and resolving a/mx/exists. */
export async function collectSpf(resolver: DnsResolver, domain: string): Promise<SpfNode> {
  let followed = 0;

  async function lookupOf(
    mechanism: SpfLookupTerm['mechanism'],
    target: string,
    path: readonly string[],
  ): Promise<SpfLookupOutcome> {
    if (mechanism === 'ptr') return { kind: 'not-followed', reason: 'ptr' };
    if (hasMacro(target)) return { kind: 'not-followed', reason: 'macro' };
    if (followed >= SPF_COLLECTION_CAP) return { kind: 'not-followed', reason: 'cap' };
    followed += 1;
    const name = normalise(target);
    switch (mechanism) {
      case 'include':
      case 'redirect':
        if (path.includes(name)) return { kind: 'loop', path: [...path, name] };
        return { kind: 'child', node: await visit(name, [...path, name]) };
      case 'a': {
        const lookup = await resolveAddresses(resolver, name);
        if (lookup.ok) return { kind: 'addresses', addresses: lookup.addresses };
        return voidOrFailed(lookup.failure, lookup.message);
      }
      case 'exists': {
        const answer = await resolver.resolve4(name);
        if (answer.ok) return { kind: 'addresses', addresses: answer.records };
        return voidOrFailed(answer.failure, answer.message);
      }
      case 'mx': {
        const answer = await resolver.resolveMx(name);
        if (!answer.ok) return voidOrFailed(answer.failure, answer.message);
        const hosts = answer.records.map((record) => record.exchange).filter((host) => host !== '');
        if (hosts.length === 0) return { kind: 'void', failure: 'NODATA' };
        if (hosts.length > SPF_MX_LIMIT) return { kind: 'too-many-mx', count: hosts.length };
        const lookups = await Promise.all(hosts.map((host) => resolveAddresses(resolver, host)));
        return { kind: 'addresses', addresses: lookups.flatMap((lookup) => (lookup.ok ? lookup.addresses : [])) };
      }
    }
  }

  async function visit(name: string, path: readonly string[]): Promise<SpfNode> {
    const fetch = await fetchSpf(resolver, name);
    // Several records at the domain itself: receivers evaluate none, but the merged record the
    // verdict suggests must be planned with what their terms lead to.
    const terms = fetch.kind === 'record' ? fetch.record.terms : fetch.kind === 'multiple' && path.length === 1 ? fetch.records.flatMap((text) => parseSpf(text).terms) : null;
    if (terms === null) return { domain: name, fetch, lookups: [] };
    const hasAll = terms.some((term) => term.kind === 'mechanism' && term.name === 'all');
    const lookups: SpfLookupTerm[] = [];
    for (const term of terms) {
      let mechanism: SpfLookupTerm['mechanism'];
      let target: string;
      let qualifier: SpfQualifier = '+';
      let cidr4: number | null = null;
      let cidr6: number | null = null;
      if (term.kind === 'modifier') {
        if (term.name !== 'redirect' || hasAll) continue;
        mechanism = 'redirect';
        target = term.value;
      } else {
        if (term.name !== 'include' && term.name !== 'a' && term.name !== 'mx' && term.name !== 'ptr' && term.name !== 'exists') continue;
        mechanism = term.name;
        target = term.domain ?? name;
        qualifier = term.qualifier;
        cidr4 = term.cidr4;
        cidr6 = term.cidr6;
      }
      const outcome = await lookupOf(mechanism, target, path);
      lookups.push({ text: term.text, mechanism, qualifier, target: normalise(target), cidr4, cidr6, outcome });
    }
    return { domain: name, fetch, lookups };
  }

  const root = normalise(domain);
  return visit(root, [root]);
}

function voidOrFailed(failure: DnsFailureKind, message: string): SpfLookupOutcome {
  return failure === 'NXDOMAIN' || failure === 'NODATA' ? { kind: 'void', failure } : { kind: 'failed', failure, message };
}
