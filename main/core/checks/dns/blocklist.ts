/** dns.blocklist: the smart host's public IPv4 addresses on the major DNS blocklists (the verdict lives in core/dns/blocklist). */
import { isIP } from 'node:net';
import { BLOCKLISTS, blocklistQuery, evaluateBlocklists, readListing, type AddressListings, type Blocklist, type Listing } from '../../dns/blocklist.js';
import { addressScope, SCOPE_TEXT } from '../../../../preload/vocabulary/address-scope.js';
import { actionFix, adviceOf, settingFix } from '../advice.js';
import type { CheckContext, CheckDefinition, EvidenceOf, Json, TypedOutcome } from '../types.js';
import { smartHostAddresses, smartHostOf } from './shared.js';

/** One list's answer for one address, with the list's TXT reason when it lists the address. */
async function lookUp(ctx: CheckContext, address: string, list: Blocklist): Promise<Listing> {
  const query = blocklistQuery(address, list);
  const answer = await ctx.resolver.resolve4(query);
  const listing = readListing(list, address, answer);
  if (listing.state !== 'listed') return listing;
  const txt = await ctx.resolver.resolveTxt(query);
  if (txt.ok) return { ...listing, reason: txt.records.join(' ') };
  // Not every list publishes a TXT reason; a lookup that failed otherwise is said, not hidden.
  return txt.failure === 'NXDOMAIN' || txt.failure === 'NODATA' ? listing : { ...listing, note: `the list's TXT reason could not be read (${txt.failure}): ${txt.message}` };
}

async function observe(ctx: CheckContext, address: string): Promise<AddressListings> {
  if (isIP(address) !== 4) return { address, skipped: 'IPv6: the lists are looked up for IPv4 addresses', listings: [] };
  const scope = addressScope(address);
  if (scope !== 'public') return { address, skipped: `${SCOPE_TEXT[scope]}, which no blocklist lists`, listings: [] };
  return { address, skipped: null, listings: await Promise.all(BLOCKLISTS.map((list) => lookUp(ctx, address, list))) };
}

const listingJson = (listing: Listing): Json => ({
  list: listing.list,
  zone: listing.zone,
  query: listing.query,
  state: listing.state,
  codes: [...listing.codes],
  meanings: [...listing.meanings],
  reason: listing.reason,
  delistUrl: listing.delistUrl,
  note: listing.note,
  ...(listing.failure === undefined ? {} : { failure: listing.failure }),
});

export const blocklistCheck: CheckDefinition<'dns.blocklist'> = {
  id: 'dns.blocklist',
  title: 'Smart host address is on no major DNS blocklist',
  step: 'prerequisites',
  dependsOn: ['dns.smarthost.resolve'],
  perDomain: false,
  perSmartHost: true,
  network: true,
  proves: `No public IPv4 address of the smart host is listed on ${BLOCKLISTS.map((list) => list.name).join(', ')}, asked through the configured DNS server.`,
  statuses: {
    pass: 'Every public IPv4 address was looked up on every list and is not listed.',
    warn: 'An address is listed (the advice names each list’s removal page), or a list refused the query or could not be asked, so the address could not be checked there.',
    skip: 'The smart host has no public IPv4 address to look up (only private, loopback or IPv6 addresses), or no address at all.',
  },
  async run(ctx: CheckContext, target: string | null): Promise<TypedOutcome<EvidenceOf<'dns.blocklist'>>> {
    const host = smartHostOf('dns.blocklist', target);
    const resolver = ctx.resolver.description;
    const resolution = await smartHostAddresses(ctx, host);
    if (!resolution.ok) {
      return { status: 'skip', summary: `${host} has no address to look up (${resolution.failure})`, evidence: { host, resolver, addresses: [], failure: resolution.failure } };
    }
    const observations = await Promise.all(resolution.addresses.map((address) => observe(ctx, address)));
    const verdict = evaluateBlocklists(host, observations);
    const refused = observations.some((entry) => entry.listings.some((listing) => listing.state === 'refused' || listing.state === 'error'));
    return {
      status: verdict.status,
      summary: verdict.summary,
      evidence: {
        host,
        resolver,
        addresses: observations.map((entry): Json => ({ address: entry.address, skipped: entry.skipped, listings: entry.listings.map(listingJson) })),
      },
      ...adviceOf(verdict.advice, ...(refused ? [settingFix('dnsServer'), actionFix('run-again')] : [])),
    };
  },
};
