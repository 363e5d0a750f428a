/**
 * DNS blocklists (DNSBL, RFC 5782): whether an IPv4 address is listed, read from the A record of
 * `<reversed octets>.<zone>`, and what each list's answer means. Pure: the lookups are made by the
 * dns.blocklist check through the configured resolver.
 */
import { isIP } from 'node:net';
import type { CheckStatus } from '../../../preload/vocabulary/checks.js';
import type { DnsAnswer, DnsFailureKind } from '../ports/dns.js';

export interface Blocklist {
  readonly name: string;
  readonly zone: string;
  /** Where the owner of a listed address looks it up and asks for removal. */
  readonly delistUrl: string;
  /** What each listing answer means (others are listed without a known meaning). */
  readonly codes: Readonly<Record<string, string>>;
  /** Answers in 127.255.255.0/24 by which the list refuses the query instead of answering it. */
  readonly refusals: Readonly<Record<string, string>>;
  /** What a "not listed" from this list is worth, when it needs saying. */
  readonly caveat?: string;
}

/**
 * The lists most receivers consult, each with its documented return codes and removal page:
 * Spamhaus (docs.spamhaus.com, "Available Zones"), SpamCop (spamcop.net/bl.shtml), Barracuda
 * (barracudacentral.org/rbl), PSBL (psbl.org).
 */
export const BLOCKLISTS: readonly Blocklist[] = [
  {
    name: 'Spamhaus ZEN',
    zone: 'zen.spamhaus.org',
    delistUrl: 'https://check.spamhaus.org/',
    codes: {
      '127.0.0.2': 'SBL: a known spam source',
      '127.0.0.3': 'SBL CSS: low-reputation sending (often a compromised or misconfigured server)',
      '127.0.0.4': 'XBL: an infected or exploited machine sends from this address',
      '127.0.0.9': 'SBL DROP: a hijacked or criminal network',
      '127.0.0.10': 'PBL (set by the ISP): the address is not meant to send mail directly; relay through Office 365 or the ISP, or ask the ISP',
      '127.0.0.11': 'PBL (set by Spamhaus): the address is not meant to send mail directly; a static server address can be removed on the Spamhaus site',
      '127.0.0.30': 'BCL: a botnet controller',
    },
    refusals: {
      '127.255.255.252': 'typing error in the list name',
      '127.255.255.254': 'the query came through a public or open resolver, which Spamhaus does not answer',
      '127.255.255.255': 'too many queries from this resolver',
    },
  },
  { name: 'SpamCop', zone: 'bl.spamcop.net', delistUrl: 'https://www.spamcop.net/bl.shtml', codes: { '127.0.0.2': 'reported by SpamCop users as a spam source; listings expire 24 hours after the reports stop' }, refusals: {} },
  {
    name: 'Barracuda Reputation Block List',
    zone: 'b.barracudacentral.org',
    delistUrl: 'https://www.barracudacentral.org/rbl/removal-request',
    codes: { '127.0.0.2': 'poor reputation with Barracuda' },
    refusals: {},
    caveat: 'Barracuda answers only DNS servers registered with it (free at barracudacentral.org), so a "not listed" through another server may be wrong.',
  },
  { name: 'PSBL (Passive Spam Block List)', zone: 'psbl.surriel.com', delistUrl: 'https://psbl.org/', codes: { '127.0.0.2': 'sent mail to PSBL spam traps' }, refusals: {} },
];

/** The octets of an IPv4 address, last first, as DNSBLs are queried ("203.0.113.10" → "10.113.0.203"). */
export function reversedOctets(address: string): string {
  if (isIP(address) !== 4) throw new TypeError(`"${address}" is not an IPv4 address, so it has no DNSBL name`);
  return address.split('.').reverse().join('.');
}

/** The name to look up for an address on a list. */
export const blocklistQuery = (address: string, list: Blocklist): string => `${reversedOctets(address)}.${list.zone}`;

/** listed; not-listed; refused: the list declined to answer this resolver; error: the lookup failed or the answer is not a DNSBL answer. */
export type ListingState = 'listed' | 'not-listed' | 'refused' | 'error';

export interface Listing {
  readonly list: string;
  readonly zone: string;
  readonly query: string;
  readonly state: ListingState;
  /** The A records of the answer (return codes). */
  readonly codes: readonly string[];
  /** What the codes mean, for a listing or a refusal. */
  readonly meanings: readonly string[];
  /** The list's TXT record for a listing, when it has one. */
  readonly reason: string | null;
  readonly delistUrl: string;
  /** Why the state is refused or error, the list's caveat for a not-listed answer, or why a listing's TXT reason could not be read. */
  readonly note: string | null;
  readonly failure?: DnsFailureKind;
}

const isLoopbackCode = (code: string): boolean => isIP(code) === 4 && code.startsWith('127.');

/**
 * What one list said about one address: NXDOMAIN (or NODATA) is not listed; an answer in
 * 127.255.255.0/24 is the list refusing the query; 127.0.0.0 and 127.0.0.1 are never listings
 * (RFC 5782 section 2.1); any other 127/8 answer is a listing; an answer outside 127/8 means the
 * resolver rewrote NXDOMAIN (an ISP "search" page): the result says nothing.
 */
export function readListing(list: Blocklist, address: string, answer: DnsAnswer<string>, reason: string | null = null): Listing {
  const base = { list: list.name, zone: list.zone, query: blocklistQuery(address, list), delistUrl: list.delistUrl };
  if (!answer.ok) {
    if (answer.failure === 'NXDOMAIN' || answer.failure === 'NODATA') return { ...base, state: 'not-listed', codes: [], meanings: [], reason: null, note: list.caveat ?? null };
    return { ...base, state: 'error', codes: [], meanings: [], reason: null, note: `could not check (${answer.failure}): ${answer.message}`, failure: answer.failure };
  }
  const codes = [...answer.records];
  const refusals = codes.filter((code) => code.startsWith('127.255.255.'));
  if (refusals.length > 0) {
    const meanings = refusals.map((code) => list.refusals[code] ?? 'an error code of the list');
    return { ...base, state: 'refused', codes, meanings, reason: null, note: `${list.name} refused the query (${refusals.join(', ')}: ${meanings.join('; ')}): use a DNS server that is allowed to query it` };
  }
  if (codes.some((code) => !isLoopbackCode(code) || code === '127.0.0.0' || code === '127.0.0.1')) {
    return { ...base, state: 'error', codes, meanings: [], reason: null, note: `the answer (${codes.join(', ')}) is not a ${list.name} return code: the DNS server probably rewrites "no such name" answers, so this list cannot be checked through it` };
  }
  return { ...base, state: 'listed', codes, meanings: codes.map((code) => list.codes[code] ?? `listed (return code ${code})`), reason, note: null };
}

export interface AddressListings {
  readonly address: string;
  /** Why the address was not looked up (private, IPv6); null when it was. */
  readonly skipped: string | null;
  readonly listings: readonly Listing[];
}

export interface BlocklistVerdict {
  readonly status: Extract<CheckStatus, 'pass' | 'warn' | 'skip'>;
  readonly summary: string;
  readonly advice?: string;
}

/**
 * The dns.blocklist verdict: listed on any list warns with each list's removal page; a list that
 * refused or could not be asked warns as "could not check" (never as listed); no public IPv4
 * address to look up is a skip; otherwise it passes.
 */
export function evaluateBlocklists(host: string, addresses: readonly AddressListings[]): BlocklistVerdict {
  const checked = addresses.filter((entry) => entry.skipped === null);
  const skippedText = addresses.filter((entry) => entry.skipped !== null).map((entry) => `${entry.address} (${entry.skipped ?? ''})`).join(', ');
  if (checked.length === 0) {
    return { status: 'skip', summary: `${host} has no public IPv4 address to look up on the blocklists${skippedText === '' ? '' : `: ${skippedText}`}` };
  }
  const all = checked.flatMap((entry) => entry.listings.map((listing) => ({ address: entry.address, listing })));
  const listed = all.filter(({ listing }) => listing.state === 'listed');
  const unchecked = all.filter(({ listing }) => listing.state === 'refused' || listing.state === 'error');
  const uncheckedText = unchecked.map(({ address, listing }) => `${listing.list} for ${address}: ${listing.note ?? listing.state}`).join('; ');
  const uncheckedAdvice = unchecked.length === 0 ? '' : ` Could not check ${uncheckedText}. Ask a DNS server that is allowed to query the lists (your own recursive resolver, not a public one) and run the check again.`;
  if (listed.length > 0) {
    const lines = listed.map(({ address, listing }) => `${address} on ${listing.list} (${listing.meanings.join('; ')})`);
    const removal = [...new Map(listed.map(({ listing }) => [listing.list, `${listing.list}: ${listing.delistUrl}`])).values()];
    return {
      status: 'warn',
      summary: `listed: ${lines.join('; ')}`,
      advice: `Receivers that consult these lists refuse or junk mail sent directly from the listed address. Find and stop the cause first (an infected machine, an open relay, a compromised account), then ask for removal — ${removal.join('; ')}. Once your server relays through Office 365, receivers see Office 365's addresses instead; until then, and for any mail it still sends directly, the listing counts.${uncheckedAdvice}`,
    };
  }
  if (unchecked.length > 0) {
    return { status: 'warn', summary: `could not check every list: ${uncheckedText}`, advice: uncheckedAdvice.trim() };
  }
  const lists = BLOCKLISTS.map((list) => list.name).join(', ');
  return { status: 'pass', summary: `${checked.map((entry) => entry.address).join(', ')} ${checked.length === 1 ? 'is' : 'are'} not listed on ${lists}${skippedText === '' ? '' : `; not looked up: ${skippedText}`}` };
}
