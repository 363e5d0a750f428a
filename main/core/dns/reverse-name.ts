import { isIP } from 'node:net';
import { Address4, Address6 } from 'ip-address';

/**
 * The in-addr.arpa / ip6.arpa name of an address. Built here rather than left to Node's
 * `reverse()`, which may answer from /etc/hosts instead of the DNS server the user chose.
 */
export function reverseLookupName(address: string): string {
  const family = isIP(address);
  if (family === 0) throw new TypeError(`"${address}" is not an IP address, so it has no reverse DNS name`);
  const form = family === 4 ? new Address4(address).reverseForm() : new Address6(address).reverseForm();
  return form.endsWith('.') ? form.slice(0, -1) : form;
}
