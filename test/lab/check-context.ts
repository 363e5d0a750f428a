/**
 * A CheckContext for tests: sensible inputs, a memo map like the runner's, the real node:net
 * connector (loopback lab servers) and either a static in-memory resolver or a real one.
 *
 *   const ctx = createCheckContext({
 *     inputs: { smartHost: 'mail.contoso.test', smtpPort: server.port, extraCaPem: [pki.rootPem] },
 *     resolver: staticResolver({ 'mail.contoso.test': { A: ['127.0.0.31'] } }),
 *   });
 *   const outcome = await someCheck.run(ctx, null);
 */
import type { CheckContext, CheckResult, PreflightInputs } from '../../main/core/checks/types.js';
import { systemClock } from '../../main/platform/clock.js';
import type { Clock, DnsAnswer, DnsResolver, SocketConnector, TlsaRecord } from '../../main/core/ports/index.js';
import { netConnector } from '../../main/core/smtp/net-connector.js';

export const defaultTestInputs: PreflightInputs = {
  domains: ['contoso.test'],
  smartHosts: ['mail.contoso.test'],
  smtpPort: 25,
  dnsServer: null,
  extraCaPem: [],
  tenantMx: null,
  firewallAllow: null,
  timeoutMs: 2000,
};

export interface StaticRecords {
  readonly A?: readonly string[];
  readonly AAAA?: readonly string[];
  readonly MX?: readonly { readonly exchange: string; readonly priority: number }[];
  readonly TXT?: readonly string[];
  readonly CNAME?: readonly string[];
  /** Keyed by the IP address, as resolvePtr is asked. */
  readonly PTR?: readonly string[];
  readonly TLSA?: readonly TlsaRecord[];
  /** Whether the TLSA answer carries the AD bit, as from a validating resolver (default false). */
  readonly authenticated?: boolean;
}

/**
 * An in-memory resolver: a name absent from `zone` is NXDOMAIN, a present name without records of
 * the asked type is NODATA. PTR records are looked up under the address itself.
 */
export function staticResolver(zone: Readonly<Record<string, StaticRecords>>): DnsResolver {
  const lookup = <T>(name: string, pick: (records: StaticRecords) => readonly T[] | undefined): Promise<DnsAnswer<T>> => {
    const key = name.toLowerCase().replace(/\.$/, '');
    const records = zone[key];
    if (records === undefined) return Promise.resolve({ ok: false, failure: 'NXDOMAIN', message: `${name} does not exist` });
    const found = pick(records);
    if (found === undefined || found.length === 0) {
      return Promise.resolve({ ok: false, failure: 'NODATA', message: `${name} has no record of that type` });
    }
    return Promise.resolve({ ok: true, records: found });
  };
  return {
    description: 'static test resolver',
    resolve4: (name) => lookup(name, (r) => r.A),
    resolve6: (name) => lookup(name, (r) => r.AAAA),
    resolveMx: (name) => lookup(name, (r) => r.MX),
    resolveTxt: (name) => lookup(name, (r) => r.TXT),
    resolveCname: (name) => lookup(name, (r) => r.CNAME),
    resolvePtr: (address) => lookup(address, (r) => r.PTR),
    resolveTlsa: async (name) => {
      const answer = await lookup(name, (r) => r.TLSA);
      return answer.ok ? { ...answer, authenticated: zone[name.toLowerCase().replace(/\.$/, '')]?.authenticated ?? false } : answer;
    },
  };
}

export interface TestContextOptions {
  readonly inputs?: Partial<PreflightInputs>;
  readonly resolver?: DnsResolver;
  readonly connector?: SocketConnector;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  /** Results that resultOf() should find, as if those checks had run before. */
  readonly results?: readonly CheckResult[];
}

/** Resolves the default smart host (mail.contoso.test) to one documentation address, for checks fed a probe. */
export const LAB_SMART_HOST: DnsResolver = staticResolver({ 'mail.contoso.test': { A: ['192.0.2.25'] } });

/** A context whose memo is shared by every check run with it, as within one runner run. */
export function createCheckContext(options: TestContextOptions = {}): CheckContext {
  const memo = new Map<string, Promise<unknown>>();
  const results = options.results ?? [];
  return {
    inputs: { ...defaultTestInputs, ...options.inputs },
    resolver: options.resolver ?? staticResolver({}),
    connector: options.connector ?? netConnector,
    clock: options.clock ?? systemClock,
    signal: options.signal ?? new AbortController().signal,
    memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const existing = memo.get(key) as Promise<T> | undefined;
      if (existing !== undefined) return existing;
      const created = compute();
      memo.set(key, created);
      return created;
    },
    resultOf: (id, target = null) => results.find((result) => result.id === id && (target === null || result.target === target)),
  };
}
