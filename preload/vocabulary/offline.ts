/**
 * Offline or not, for one check run: the same rule for the runner's skips (the app and the CLI)
 * and the app's notice that says which checks will not run.
 */
import { addressScope, ipFamily } from './address-scope.js';

/**
 * Whether a check run treats this computer as offline. Offline means no usable interface but
 * loopback (networkStatusFrom, main/core/network/status.ts) — unless the run stays on this computer: every lookup goes to a DNS
 * server on a loopback address (a local lab or resolver, the names it gives are its own) and no
 * smart host is an address outside loopback. A machine with only loopback whose checks ask the
 * system resolver, or any public server, is offline: those checks could only fail.
 */
export function offlineForRun(reading: { readonly online: boolean }, inputs: { readonly dnsServer: { readonly address: string } | null; readonly smartHosts: readonly string[] }): boolean {
  if (reading.online) return false;
  const onLoopback = (address: string): boolean => addressScope(address) === 'loopback';
  const staysLocal = inputs.dnsServer !== null && onLoopback(inputs.dnsServer.address) && inputs.smartHosts.every((host) => ipFamily(host) === 0 || onLoopback(host));
  return !staysLocal;
}
