import { isIP } from 'node:net';
import type { CheckContext } from '../checks/types.js';
import type { DnsFailureKind } from '../ports/dns.js';
import { resolveAddresses } from './address-lookup.js';

export type SmartHostResolution =
  | { readonly ok: true; readonly addresses: readonly string[]; readonly literal: boolean }
  | { readonly ok: false; readonly failure: DnsFailureKind; readonly message: string };

/**
 * The smart host's addresses through the configured resolver (never the system's when --dns is
 * given), computed once per run and shared by dns.smarthost.* and the SMTP probe. CNAMEs are
 * followed, since a smart host name is often an alias of the server's own name.
 */
export function smartHostAddresses(ctx: CheckContext): Promise<SmartHostResolution> {
  return ctx.memo('smarthost-addresses', async (): Promise<SmartHostResolution> => {
    const host = ctx.inputs.smartHost;
    if (isIP(host) !== 0) return { ok: true, addresses: [host], literal: true };
    const lookup = await resolveAddresses(ctx.resolver, host);
    if (lookup.ok) return { ok: true, addresses: lookup.addresses, literal: false };
    return { ok: false, failure: lookup.failure, message: lookup.message };
  });
}
