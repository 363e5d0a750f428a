/**
 * The address ranges Exchange Online Protection connects from when it delivers to your server
 * (SMTP, TCP 25): what a firewall in front of the smart host must accept. Taken from endpoint set
 * id 10 ("*.mail.protection.outlook.com", TCP 25) of a snapshot or a fetched list.
 */
import { Address4, Address6 } from 'ip-address';
import { tcpPortsOf } from './endpoints-data.js';
import type { EndpointsInstance, EndpointsSnapshot } from './endpoints-data.js';
import { bundledSnapshot } from './snapshot.js';

/** The Worldwide endpoint set for inbound SMTP to your server. */
export const SMTP_ENDPOINT_SET_ID = 10;
export const SMTP_PORT = 25;
/** Microsoft publishes monthly with 30 days' notice: after two months a copy is likely out of date. */
export const STALE_AFTER_DAYS = 60;

const DAY_MS = 86_400_000;

/** Where a list of ranges came from, in decreasing order of freshness. */
export type RangesOrigin = 'web-service' | 'cache' | 'bundled';

export interface EopRanges {
  readonly instance: EndpointsInstance;
  readonly version: string;
  /** When the data was taken (ISO 8601). */
  readonly takenAt: string;
  readonly source: string;
  readonly origin: RangesOrigin;
  /** The endpoint set ids the ranges were taken from (10 for Worldwide). */
  readonly endpointSetIds: readonly number[];
  readonly ipv4: readonly string[];
  readonly ipv6: readonly string[];
  /** Why these ranges and not fresher ones (fallbacks, cache problems), for the user. */
  readonly notes: readonly string[];
}

/** Thrown when a list has no SMTP (TCP 25) endpoint set: using it would open nothing or everything. */
export class EopRangesError extends Error {
  override readonly name = 'EopRangesError';
}

/**
 * The port-25 ranges of a snapshot. Worldwide uses set id 10; other instances number their sets
 * differently, so any Exchange set that lists TCP 25 with addresses counts there.
 */
export function smtpRangesFrom(snapshot: EndpointsSnapshot, origin: RangesOrigin, notes: readonly string[] = []): EopRanges {
  const sets = snapshot.endpoints.filter((entry) =>
    snapshot.instance === 'Worldwide'
      ? entry.id === SMTP_ENDPOINT_SET_ID
      : entry.serviceArea === 'Exchange' && tcpPortsOf(entry).includes(SMTP_PORT) && (entry.ips?.length ?? 0) > 0,
  );
  const ips = [...new Set(sets.flatMap((entry) => entry.ips ?? []))];
  if (ips.length === 0) {
    throw new EopRangesError(
      `The ${snapshot.instance} endpoints list version ${snapshot.version} has no SMTP (TCP 25) ranges; refresh it with \`mailflow ranges --refresh\`.`,
    );
  }
  return {
    instance: snapshot.instance,
    version: snapshot.version,
    takenAt: snapshot.takenAt,
    source: snapshot.source,
    origin,
    endpointSetIds: sets.map((entry) => entry.id),
    ipv4: ips.filter((ip) => Address4.isValid(ip)),
    ipv6: ips.filter((ip) => Address6.isValid(ip)),
    notes,
  };
}

/** The ranges of the bundled snapshot: always available, offline. */
export function bundledRanges(): EopRanges {
  return smtpRangesFrom(bundledSnapshot, 'bundled');
}

/** Whole days between when the data was taken and `now` (milliseconds since the epoch). */
export function snapshotAgeDays(now: number, takenAt: string = bundledSnapshot.takenAt): number {
  const taken = Date.parse(takenAt);
  if (Number.isNaN(taken)) throw new EopRangesError(`The endpoints list has an unreadable date: "${takenAt}".`);
  return Math.max(0, Math.floor((now - taken) / DAY_MS));
}

/** A note for the user when the ranges are older than STALE_AFTER_DAYS, otherwise null. */
export function staleNote(ranges: EopRanges, now: number): string | null {
  const age = snapshotAgeDays(now, ranges.takenAt);
  if (age <= STALE_AFTER_DAYS) return null;
  return (
    `The EOP ranges (endpoints version ${ranges.version}, ${ranges.takenAt.slice(0, 10)}) are ${age} days old; ` +
    'Microsoft publishes changes monthly. Refresh them while online, or compare with ' +
    'https://learn.microsoft.com/microsoft-365/enterprise/urls-and-ip-address-ranges (Exchange Online, ID 10).'
  );
}
