import { getServers } from 'node:dns';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { DecodedPacket } from 'dns-packet';
import type { DnsAnswer, DnsFailureKind, DnsResolver, TlsaAnswer, TlsaRecord } from '../ports/dns.js';
import { reverseLookupName } from './reverse-name.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { queryWire, type WireServer } from './wire-query.js';

export interface ResolverOptions {
  /** Where every lookup goes; null = the system's configured servers (/etc/resolv.conf). */
  readonly server: { readonly address: string; readonly port: number } | null;
  /** Hard deadline for one lookup, retries included. */
  readonly timeoutMs: number;
  /** How many times c-ares sends a query before giving up (within the deadline). */
  readonly tries: number;
}

type MxRecord = { readonly exchange: string; readonly priority: number };

const CODE_TO_FAILURE: Readonly<Record<string, DnsFailureKind>> = {
  ENOTFOUND: 'NXDOMAIN',
  ENODATA: 'NODATA',
  ESERVFAIL: 'SERVFAIL',
  EREFUSED: 'REFUSED',
  ETIMEOUT: 'TIMEOUT',
  ECANCELLED: 'TIMEOUT',
};

/** Response codes (RFC 1035 section 4.1.1) as the c-ares error codes CODE_TO_FAILURE maps. */
const RCODE_TO_CODE: Readonly<Record<number, string>> = { 1: 'EFORMERR', 2: 'ESERVFAIL', 3: 'ENOTFOUND', 4: 'ENOTIMP', 5: 'EREFUSED' };

/**
 * The first server of the system's list (node:dns reads /etc/resolv.conf, or the Windows settings),
 * as "1.2.3.4", "1.2.3.4:5353", "::1" or "[::1]:5353"; null when the system has none.
 */
export function firstSystemServer(servers: readonly string[] = getServers()): WireServer | null {
  const first = servers[0];
  if (first === undefined) return null;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(first);
  if (bracketed !== null) return { address: bracketed[1] ?? '', port: Number(bracketed[2] ?? 53) };
  if (isIP(first) !== 0) return { address: first, port: 53 };
  const withPort = /^([^:]+):(\d+)$/.exec(first);
  if (withPort !== null && isIP(withPort[1] ?? '') === 4) return { address: withPort[1] ?? '', port: Number(withPort[2]) };
  return null;
}

function tlsaRecords(response: DecodedPacket): readonly TlsaRecord[] {
  return (response.answers ?? []).flatMap((answer) =>
    answer.type === 'TLSA' ? [{ usage: answer.data.usage, selector: answer.data.selector, matchingType: answer.data.matchingType, data: answer.data.certificate.toString('hex') }] : [],
  );
}

/** Thrown by our own deadline timer so it can be told apart from c-ares' errors. */
class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

function serverSpec(server: { readonly address: string; readonly port: number }): string {
  return isIP(server.address) === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}

function describeFailure(kind: DnsFailureKind, type: string, name: string, where: string, code: string): string {
  switch (kind) {
    case 'NXDOMAIN':
      return `${name} does not exist (NXDOMAIN from ${where})`;
    case 'NODATA':
      return `${name} exists but has no ${type} record (NODATA from ${where})`;
    case 'SERVFAIL':
      return `${where} could not answer for ${name} ${type} (SERVFAIL): the zone's servers are broken or unreachable from there`;
    case 'REFUSED':
      return `${where} refused to answer for ${name} ${type} (REFUSED): it does not serve that zone or does not allow recursion for this machine`;
    case 'TIMEOUT':
      return `no answer from ${where} for ${name} ${type} within the deadline (timeout)`;
    case 'OTHER':
      return `lookup of ${name} ${type} on ${where} failed (${code})`;
  }
}

function errorCode(error: unknown): string {
  if (error instanceof DeadlineError) return 'ECANCELLED';
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  throw error;
}

/**
 * A DnsResolver on node:dns/promises. Each lookup gets its own c-ares channel so that its
 * deadline can cancel it without cancelling other lookups running at the same time; c-ares'
 * own retry schedule would otherwise wait tens of seconds on a silent server.
 */
export function createResolver(options: ResolverOptions): DnsResolver {
  if (!Number.isInteger(options.timeoutMs) || options.timeoutMs < 1) {
    throw new RangeError(`DNS timeout must be a positive whole number of milliseconds, got ${options.timeoutMs}`);
  }
  if (!Number.isInteger(options.tries) || options.tries < 1) {
    throw new RangeError(`DNS tries must be a positive whole number, got ${options.tries}`);
  }
  const server = options.server;
  if (server !== null && isIP(server.address) === 0) {
    throw new RangeError(`DNS server must be an IP address, got "${server.address}"`);
  }
  if (server !== null && (!Number.isInteger(server.port) || server.port < 1 || server.port > 65535)) {
    throw new RangeError(`DNS server port must be 1 to 65535, got ${server.port}`);
  }
  const perTryMs = Math.max(1, Math.floor(options.timeoutMs / options.tries));
  const where = server === null ? 'the system resolver' : serverSpec(server);

  function channel(): Resolver {
    const resolver = new Resolver({ timeout: perTryMs, tries: options.tries });
    if (server !== null) resolver.setServers([serverSpec(server)]);
    return resolver;
  }

  async function lookup<R, T>(
    type: string,
    name: string,
    query: (resolver: Resolver) => Promise<R>,
    map: (raw: R) => readonly T[],
  ): Promise<DnsAnswer<T>> {
    const resolver = channel();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        resolver.cancel();
        reject(new DeadlineError(`deadline of ${options.timeoutMs} ms passed`));
      }, options.timeoutMs);
    });
    try {
      const records = map(await Promise.race([query(resolver), deadline]));
      // An answer holding only a CNAME (the server did not chase it) has no records of this type.
      if (records.length === 0) return { ok: false, failure: 'NODATA', message: describeFailure('NODATA', type, name, where, 'ENODATA') };
      return { ok: true, records };
    } catch (error: unknown) {
      const code = errorCode(error);
      const failure = CODE_TO_FAILURE[code] ?? 'OTHER';
      return { ok: false, failure, message: describeFailure(failure, type, name, where, code) };
    } finally {
      clearTimeout(timer);
    }
  }

  const same = <T>(records: readonly T[]): readonly T[] => records;

  /**
   * TLSA over the wire (c-ares has no TLSA lookup), to the configured server or the system's first:
   * the same deadline and tries as the other lookups, and the caller's signal.
   */
  async function resolveTlsa(name: string, signal?: AbortSignal): Promise<TlsaAnswer> {
    const target = server ?? firstSystemServer();
    if (target === null) {
      return { ok: false, failure: 'OTHER', message: `this computer has no DNS server configured to ask for ${name} TLSA: give a DNS server` };
    }
    const asked = server === null ? `the system resolver (${serverSpec(target)})` : where;
    const stop = new AbortController();
    const timer = setTimeout(() => {
      stop.abort();
    }, options.timeoutMs);
    const onCancel = (): void => {
      stop.abort();
    };
    signal?.addEventListener('abort', onCancel, { once: true });
    if (signal?.aborted === true) stop.abort();
    try {
      const { response } = await queryWire(name, 'TLSA', { server: target, perTryMs, tries: options.tries, signal: stop.signal });
      const rcode = (response.flags ?? 0) & 0xf;
      if (rcode !== 0) {
        const code = RCODE_TO_CODE[rcode] ?? `RCODE${rcode}`;
        const failure = CODE_TO_FAILURE[code] ?? 'OTHER';
        return { ok: false, failure, message: describeFailure(failure, 'TLSA', name, asked, code) };
      }
      const records = tlsaRecords(response);
      if (records.length === 0) return { ok: false, failure: 'NODATA', message: describeFailure('NODATA', 'TLSA', name, asked, 'ENODATA') };
      return { ok: true, records, authenticated: response.flag_ad };
    } catch (error: unknown) {
      const code = errorCode(error);
      const failure = CODE_TO_FAILURE[code] ?? 'OTHER';
      return { ok: false, failure, message: `${describeFailure(failure, 'TLSA', name, asked, code)}${failure === 'OTHER' ? `: ${errorMessage(error)}` : ''}` };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCancel);
    }
  }

  return {
    description: server === null ? `system resolver (${new Resolver().getServers().join(', ')})` : serverSpec(server),
    resolve4: (name) => lookup('A', name, (r) => r.resolve4(name), same),
    resolve6: (name) => lookup('AAAA', name, (r) => r.resolve6(name), same),
    resolveMx: (name) =>
      lookup('MX', name, (r) => r.resolveMx(name), (records): readonly MxRecord[] =>
        records.map((record) => ({ exchange: record.exchange, priority: record.priority })),
      ),
    resolveTxt: (name) => lookup('TXT', name, (r) => r.resolveTxt(name), (records) => records.map((parts) => parts.join(''))),
    resolveCname: (name) => lookup('CNAME', name, (r) => r.resolveCname(name), same),
    resolvePtr: async (address) => {
      if (isIP(address) === 0) {
        return { ok: false, failure: 'OTHER', message: `"${address}" is not an IP address, so it has no PTR record` };
      }
      const arpa = reverseLookupName(address);
      return lookup('PTR', arpa, (r) => r.resolvePtr(arpa), same);
    },
    resolveTlsa,
  };
}
