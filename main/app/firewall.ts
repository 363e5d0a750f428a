/** The EOP ranges as firewall rules (offline, from the cache or the bundled list), and their refresh. */
import type { FirewallRules, RangesRefresh } from '../../preload/contract.js';
import type { FirewallFormat } from '../../preload/vocabulary/firewall.js';
import type { EndpointsCacheStore } from '../core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf, refreshEndpoints, type FetchFunction } from '../core/eop/endpoints-client.js';
import { formatFirewallRules } from '../core/eop/firewall.js';
import { staleNote } from '../core/eop/ranges.js';
import type { Clock } from '../core/ports/clock.js';

export interface RangesDependencies {
  readonly endpointsCache: EndpointsCacheStore;
  readonly fetch: FetchFunction;
  readonly clock: Clock;
}

export function firewallRules(deps: Pick<RangesDependencies, 'endpointsCache' | 'clock'>, format: FirewallFormat): FirewallRules {
  const ranges = rangesOf(loadEndpointsOffline(deps.endpointsCache));
  const stale = staleNote(ranges, deps.clock.now());
  return {
    format,
    text: formatFirewallRules(ranges, format),
    version: ranges.version,
    takenAt: ranges.takenAt,
    origin: ranges.origin,
    notes: [...ranges.notes, ...(stale === null ? [] : [stale])],
  };
}

export async function refreshRanges(deps: RangesDependencies): Promise<RangesRefresh> {
  const refreshed = await refreshEndpoints({ fetch: deps.fetch, store: deps.endpointsCache, clock: deps.clock });
  return { contacted: refreshed.contacted, version: refreshed.snapshot?.version ?? null, notes: refreshed.notes };
}
