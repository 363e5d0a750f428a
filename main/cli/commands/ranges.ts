/**
 * `mailflow ranges`: prints the Exchange Online Protection ranges for inbound SMTP as a list or as
 * firewall rules. Without --refresh it never touches the network (cache or bundled snapshot), so it
 * works on an offline laptop; with --refresh it asks the Microsoft web service first and falls back
 * with a note on stderr.
 */
import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { mailflowDataDir } from '../../core/data-dir.js';
import { fileEndpointsCacheStore } from '../../core/eop/endpoints-cache.js';
import { loadEndpointsOffline, rangesOf, refreshEndpoints } from '../../core/eop/endpoints-client.js';
import type { FetchFunction } from '../../core/eop/endpoints-client.js';
import { createHttpsTransport, fetchOverTransport } from '../../core/m365/http.js';
import { environmentProxyResolver } from '../../core/m365/proxy.js';
import { FIREWALL_FORMATS, formatFirewallRules, isFirewallFormat } from '../../core/eop/firewall.js';
import { staleNote } from '../../core/eop/ranges.js';
import type { Clock } from '../../core/ports/clock.js';
import { systemClock } from '../../platform/clock.js';
import { UsageError } from '../command.js';
import type { CliCommand, CliIo } from '../command.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';

export interface RangesCommandDeps {
  readonly fetch: FetchFunction;
  readonly clock: Pick<Clock, 'now'>;
  /** The endpoints web service; tests point it at a loopback server. */
  readonly baseUrl?: string;
  readonly timeoutMs?: number;
  readonly platform?: NodeJS.Platform;
  readonly homeDir?: () => string;
}

const USAGE = `Usage: mailflow ranges [--format cidr|json|iptables|nftables|windows] [--refresh]

Prints the Exchange Online Protection address ranges that must reach your mail server on TCP 25
(Microsoft 365 endpoint set 10), as a plain list or as ready firewall rules.

Options:
  --format F   cidr (default, one range per line), json, iptables (iptables + ip6tables commands),
               nftables (an nft -f script), windows (PowerShell New-NetFirewallRule)
  --refresh    ask the Microsoft 365 endpoints web service for a newer list first (at most once an
               hour); falls back to the cached list or the bundled snapshot, with a note on stderr

Without --refresh no network is used. Refreshed lists are cached in the data directory
(MAILFLOW_DATA_DIR, or the per-user application data folder).
`;

export function createRangesCommand(deps: RangesCommandDeps): CliCommand {
  return {
    name: 'ranges',
    usage: USAGE,
    async run(args: readonly string[], io: CliIo): Promise<number> {
      const options = parseOptions(args);
      const dataDir = mailflowDataDir(io.env, deps.platform ?? process.platform, (deps.homeDir ?? homedir)());
      const store = fileEndpointsCacheStore(dataDir);
      const loaded = options.refresh
        ? await refreshEndpoints({
            fetch: deps.fetch,
            store,
            clock: deps.clock,
            ...(deps.baseUrl === undefined ? {} : { baseUrl: deps.baseUrl }),
            ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
          })
        : loadEndpointsOffline(store);
      const ranges = rangesOf(loaded);
      const notes = [...ranges.notes];
      if (loaded.origin === 'web-service') notes.push(`Downloaded endpoints version ${ranges.version}; cached in ${store.location}.`);
      const stale = staleNote(ranges, deps.clock.now());
      if (stale !== null) notes.push(`${stale} (mailflow ranges --refresh)`);
      for (const note of notes) io.stderr.write(`note: ${note}\n`);
      io.stdout.write(formatFirewallRules(ranges, options.format));
      return 0;
    },
  };
}

function parseOptions(args: readonly string[]): { readonly format: (typeof FIREWALL_FORMATS)[number]; readonly refresh: boolean } {
  let values: { format?: string | undefined; refresh?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { format: { type: 'string' }, refresh: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`ranges: ${errorMessage(error)}`);
  }
  const format = values.format ?? 'cidr';
  if (!isFirewallFormat(format)) {
    throw new UsageError(`ranges: unknown --format "${format}" (expected one of ${FIREWALL_FORMATS.join(', ')})`);
  }
  return { format, refresh: values.refresh === true };
}

/** Through HTTPS_PROXY / NO_PROXY, like the app, with TLS verified inside the tunnel. */
export const command: CliCommand = createRangesCommand({
  fetch: fetchOverTransport(createHttpsTransport({ proxy: environmentProxyResolver(process.env) })),
  clock: systemClock,
});
