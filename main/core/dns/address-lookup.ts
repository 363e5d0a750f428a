import type { DnsAnswer, DnsFailureKind, DnsResolver } from '../ports/dns.js';

/** Enough for any sane alias chain; more is a misconfiguration, and a loop must end somewhere. */
export const MAX_CNAME_HOPS = 8;

export type AddressLookup =
  | { readonly ok: true; readonly addresses: readonly string[]; readonly chain: readonly string[] }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string; readonly chain: readonly string[] };

export type CnameChain =
  | { readonly ok: true; readonly chain: readonly string[] }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string; readonly chain: readonly string[] };

/** Failures that say something about the server rather than the name outrank NXDOMAIN and NODATA. */
const FAILURE_RANK: Readonly<Record<DnsFailureKind, number>> = {
  TIMEOUT: 0,
  SERVFAIL: 1,
  REFUSED: 2,
  OTHER: 3,
  NXDOMAIN: 4,
  NODATA: 5,
};

/** The more telling of several failed answers, e.g. a timeout on AAAA beats NODATA on A. */
export function worstFailure(
  failures: readonly { readonly failure: DnsFailureKind; readonly message: string }[],
): { readonly failure: DnsFailureKind; readonly message: string } | null {
  let worst: { readonly failure: DnsFailureKind; readonly message: string } | null = null;
  for (const candidate of failures) {
    if (worst === null || FAILURE_RANK[candidate.failure] < FAILURE_RANK[worst.failure]) worst = candidate;
  }
  return worst;
}

const normalise = (name: string): string => name.toLowerCase().replace(/\.$/, '');

function failedOf<T>(answers: readonly DnsAnswer<T>[]): { readonly failure: DnsFailureKind; readonly message: string }[] {
  return answers.flatMap((answer) => (answer.ok ? [] : [{ failure: answer.failure, message: answer.message }]));
}

/**
 * Follows a name's CNAME records to the end. An authoritative-only server (the lab, or a customer's
 * own DNS given with --dns) answers an alias with the CNAME alone, so the chain is walked here.
 * The result starts with `name`; a loop or an over-long chain is a failure.
 */
export async function followCnames(resolver: DnsResolver, name: string): Promise<CnameChain> {
  const chain = [normalise(name)];
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop += 1) {
    const current = chain[chain.length - 1] ?? normalise(name);
    const answer = await resolver.resolveCname(current);
    if (!answer.ok) {
      if (answer.failure === 'NODATA' && chain.length > 1) return { ok: true, chain };
      return { ok: false, failure: answer.failure, message: answer.message, chain };
    }
    const target = answer.records[0];
    if (target === undefined) return { ok: true, chain };
    const next = normalise(target);
    if (chain.includes(next)) {
      return { ok: false, failure: 'OTHER', message: `CNAME loop: ${[...chain, next].join(' -> ')}`, chain };
    }
    chain.push(next);
  }
  return {
    ok: false,
    failure: 'OTHER',
    message: `CNAME chain longer than ${MAX_CNAME_HOPS} hops: ${chain.join(' -> ')}`,
    chain,
  };
}

/**
 * A and AAAA addresses of a host, following CNAMEs when the server does not (see followCnames).
 * `chain` lists the names visited, so a report can show "mx.contoso.test -> mail.contoso.test".
 */
export async function resolveAddresses(resolver: DnsResolver, name: string): Promise<AddressLookup> {
  const chain = [normalise(name)];
  for (let hop = 0; hop <= MAX_CNAME_HOPS; hop += 1) {
    const current = chain[chain.length - 1] ?? normalise(name);
    const [v4, v6] = await Promise.all([resolver.resolve4(current), resolver.resolve6(current)]);
    const addresses = [...(v4.ok ? v4.records : []), ...(v6.ok ? v6.records : [])];
    if (addresses.length > 0) return { ok: true, addresses, chain };
    const failures = failedOf([v4, v6]);
    const worst = worstFailure(failures);
    const noData = failures.every((failure) => failure.failure === 'NODATA');
    if (!noData && worst !== null) return { ok: false, failure: worst.failure, message: worst.message, chain };
    const alias = await resolver.resolveCname(current);
    if (!alias.ok || alias.records[0] === undefined) {
      return { ok: false, failure: 'NODATA', message: `${current} has no A or AAAA record`, chain };
    }
    const next = normalise(alias.records[0]);
    if (chain.includes(next)) {
      return { ok: false, failure: 'OTHER', message: `CNAME loop: ${[...chain, next].join(' -> ')}`, chain };
    }
    chain.push(next);
  }
  return {
    ok: false,
    failure: 'OTHER',
    message: `CNAME chain longer than ${MAX_CNAME_HOPS} hops: ${chain.join(' -> ')}`,
    chain,
  };
}

/** TXT records of a name, following CNAMEs (SPF and DMARC names are often aliases of a provider's). */
export async function resolveTxtFollowingCnames(resolver: DnsResolver, name: string): Promise<DnsAnswer<string>> {
  const answer = await resolver.resolveTxt(name);
  if (answer.ok || answer.failure !== 'NODATA') return answer;
  const alias = await followCnames(resolver, name);
  const last = alias.chain[alias.chain.length - 1];
  if (alias.chain.length < 2 || last === undefined) return answer;
  if (!alias.ok) return { ok: false, failure: alias.failure, message: alias.message };
  return resolver.resolveTxt(last);
}
