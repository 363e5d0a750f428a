import { isIP } from 'node:net';
import type { DnsFailureKind, DnsResolver } from '../ports/dns.js';
import { resolveAddresses } from './address-lookup.js';

export type SmartHostResolution =
  | { readonly ok: true; readonly addresses: readonly string[]; readonly literal: boolean }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };

/**
 * The smart host's addresses through the given resolver (never the system's when a DNS server is
 * configured). CNAMEs are followed, since a smart host name is often an alias of the server's own
 * name; an address literal is taken as given.
 */
export async function resolveSmartHost(resolver: DnsResolver, host: string): Promise<SmartHostResolution> {
  if (isIP(host) !== 0) return { ok: true, addresses: [host], literal: true };
  const lookup = await resolveAddresses(resolver, host);
  if (lookup.ok) return { ok: true, addresses: lookup.addresses, literal: false };
  return { ok: false, failure: lookup.failure, message: lookup.message };
}
