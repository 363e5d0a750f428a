/**
 * Online or offline, decided from the network interfaces alone: instant, and it never waits on
 * the network (the offline pre-flight mode must not hang on a lookup).
 */
import type { NetworkInterfaceInfo } from 'node:os';

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
