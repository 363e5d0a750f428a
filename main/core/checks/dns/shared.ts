/** What the dns.* checks share: each smart host's lookup, once per run, and domain/address helpers. */
import { isIP } from 'node:net';
import { Address4, Address6 } from 'ip-address';
import { resolveSmartHost, type SmartHostResolution } from '../../dns/smart-host.js';
import type { CheckContext } from '../types.js';

/**
 * A smart host's addresses (A and AAAA) through the run's resolver, computed once per run and
 * shared by dns.smarthost.*, dns.spf and the SMTP probes of each address.
 */
export function smartHostAddresses(ctx: CheckContext, host: string): Promise<SmartHostResolution> {
  return ctx.memo(`smarthost-addresses\u0000${host.toLowerCase()}`, () => resolveSmartHost(ctx.resolver, host));
}

/** The smart host a per-smart-host check runs for; a missing one is a bug in the caller. */
export function smartHostOf(id: string, target: string | null): string {
  if (target === null || target === '') throw new Error(`${id} is a per-smart-host check and was run without a smart host`);
  return target;
}

/** The target of a per-domain check, normalised; a missing one is a bug in the caller. */
export function domainOf(id: string, target: string | null): string {
  if (target === null || target === '') throw new Error(`${id} is a per-domain check and was run without a domain`);
  return target.toLowerCase().replace(/\.$/, '');
}

/** Same address in any notation (IPv6 has many). */
export function sameAddress(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b) || family === 0) return false;
  return family === 4 ? new Address4(a).correctForm() === new Address4(b).correctForm() : new Address6(a).correctForm() === new Address6(b).correctForm();
}
