/**
 * Where an address can be reached from: the Internet (public), or only from this side of a
 * router (loopback, private, shared carrier-grade NAT, link-local, unique-local IPv6). A connection
 * from this computer to a non-public address says nothing about what Office 365 can reach.
 */
import { Address4, Address6 } from 'ip-address';

export type AddressScope = 'public' | 'loopback' | 'private' | 'cgnat' | 'link-local' | 'unique-local' | 'unspecified';

const RANGES: readonly (readonly [string, Exclude<AddressScope, 'public'>])[] = [
  ['0.0.0.0/8', 'unspecified'],
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['169.254.0.0/16', 'link-local'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['fc00::/7', 'unique-local'],
  ['fe80::/10', 'link-local'],
];

const PARSED = RANGES.map(([cidr, scope]) => [cidr.includes(':') ? new Address6(cidr) : new Address4(cidr), scope] as const);

/** 4 or 6 for an IP address in its textual form (no prefix length; an IPv6 zone allowed), else 0: as node:net's isIP, also in the renderer. */
export function ipFamily(address: string): 0 | 4 | 6 {
  if (address.includes('/')) return 0;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return Address4.isValid(address) ? 4 : 0;
  return address.includes(':') && Address6.isValid(address) ? 6 : 0;
}

/** An address's scope; an IPv4-mapped IPv6 address is read as its IPv4 address, and a string that is no address is `unspecified`. */
export function addressScope(address: string): AddressScope {
  const family = ipFamily(address);
  if (family === 0) return 'unspecified';
  const mapped = family === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  const parsed = mapped !== undefined ? new Address4(mapped) : family === 4 ? new Address4(address) : new Address6(address);
  for (const [range, scope] of PARSED) {
    if (range instanceof Address4 ? parsed instanceof Address4 && parsed.isInSubnet(range) : parsed instanceof Address6 && parsed.isInSubnet(range)) return scope;
  }
  return 'public';
}

/** Not reachable from the Internet. */
export const isPrivateAddress = (address: string): boolean => addressScope(address) !== 'public';

export const SCOPE_TEXT: Readonly<Record<Exclude<AddressScope, 'public'>, string>> = {
  unspecified: 'an unspecified address',
  loopback: 'a loopback address of this computer',
  private: 'a private (RFC 1918) address',
  cgnat: 'a shared carrier-grade NAT address (100.64.0.0/10)',
  'link-local': 'a link-local address',
  'unique-local': 'a unique-local IPv6 address',
};
