/**
 * Online or offline, decided from the network interfaces alone: instant, and it never waits on
 * the network (the offline pre-flight mode must not hang on a lookup).
 */
import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { addressScope } from './address-scope.js';

export interface NetworkStatusReading {
  readonly online: boolean;
  readonly detail: string;
}

const isLinkLocal = (info: NetworkInterfaceInfo): boolean =>
  info.family === 'IPv6' ? info.address.toLowerCase().startsWith('fe80:') : info.address.startsWith('169.254.');

export function networkStatusFrom(interfaces: NodeJS.Dict<readonly NetworkInterfaceInfo[]>): NetworkStatusReading {
  const usable = Object.entries(interfaces).flatMap(([name, infos]) =>
    (infos ?? []).filter((info) => !info.internal && !isLinkLocal(info)).map(() => name),
  );
  if (usable.length === 0) {
    return { online: false, detail: 'No network connection: only checks that need no network can run.' };
  }
  const names = [...new Set(usable)].join(', ');
  return { online: true, detail: `Connected through ${names}.` };
}

/**
 * Whether a check run treats this computer as offline. Offline means no usable interface but
 * loopback (networkStatusFrom) — unless the run stays on this computer: every lookup goes to a DNS
 * server on a loopback address (a local lab or resolver, the names it gives are its own) and no
 * smart host is an address outside loopback. A machine with only loopback whose checks ask the
 * system resolver, or any public server, is offline: those checks could only fail.
 */
export function offlineForRun(reading: NetworkStatusReading, inputs: { readonly dnsServer: { readonly address: string } | null; readonly smartHosts: readonly string[] }): boolean {
  if (reading.online) return false;
  const onLoopback = (address: string): boolean => addressScope(address) === 'loopback';
  const staysLocal = inputs.dnsServer !== null && onLoopback(inputs.dnsServer.address) && inputs.smartHosts.every((host) => isIP(host) === 0 || onLoopback(host));
  return !staysLocal;
}
