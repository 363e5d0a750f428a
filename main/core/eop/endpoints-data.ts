/**
 * The Microsoft 365 IP address and URL web service's data, as zod schemas: the bundled snapshot,
 * the cache and every fetched document go through the same validation, so a changed or broken
 * answer from the service can never reach a firewall rule unchecked.
 */
import { Address4, Address6 } from 'ip-address';
import { z } from 'zod';

/** The service instances the web service publishes (`/endpoints/{instance}`). */
export const ENDPOINTS_INSTANCES = ['Worldwide', 'USGovDoD', 'USGovGCCHigh', 'China'] as const;
export type EndpointsInstance = (typeof ENDPOINTS_INSTANCES)[number];

/** True for an IPv4 or IPv6 address or CIDR block that ip-address accepts. */
export function isIpOrCidr(value: string): boolean {
  return Address4.isValid(value) || Address6.isValid(value);
}

/** Version strings are `YYYYMMDDNN`, e.g. "2023073100". */
export const endpointsVersionSchema = z.string().regex(/^\d{10}$/, 'expected a version like 2023073100');

/** One endpoint set, as returned by `/endpoints/{instance}` (blank fields are omitted there). */
export const endpointEntrySchema = z.object({
  id: z.number().int().nonnegative(),
  serviceArea: z.string().min(1),
  serviceAreaDisplayName: z.string().min(1),
  urls: z.array(z.string().min(1)).readonly().optional(),
  ips: z.array(z.string().refine(isIpOrCidr, 'not an IP address or CIDR block')).readonly().optional(),
  tcpPorts: z.string().optional(),
  udpPorts: z.string().optional(),
  category: z.enum(['Optimize', 'Allow', 'Default']),
  expressRoute: z.boolean(),
  required: z.boolean(),
  notes: z.string().optional(),
});
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;

export const endpointEntriesSchema = z.array(endpointEntrySchema).readonly();

/** The answer of `/version/{instance}`. */
export const versionResponseSchema = z.object({
  instance: z.string().min(1),
  latest: endpointsVersionSchema,
});
export type VersionResponse = z.infer<typeof versionResponseSchema>;

/** A dated copy of one instance's Exchange endpoint sets, with where it came from. */
export const endpointsSnapshotSchema = z.object({
  instance: z.enum(ENDPOINTS_INSTANCES),
  version: endpointsVersionSchema,
  /** When the data was taken (ISO 8601 date or date-time). */
  takenAt: z.iso.date().or(z.iso.datetime()),
  /** Where the data came from, for the report and the comment headers. */
  source: z.string().min(1),
  endpoints: endpointEntriesSchema,
});
export type EndpointsSnapshot = z.infer<typeof endpointsSnapshotSchema>;

/** TCP ports of an entry as numbers ("25", "80,443" -> [80, 443]). */
export function tcpPortsOf(entry: EndpointEntry): readonly number[] {
  if (entry.tcpPorts === undefined) return [];
  return entry.tcpPorts
    .split(',')
    .map((part) => Number.parseInt(part.trim(), 10))
    .filter((port) => Number.isInteger(port));
}
