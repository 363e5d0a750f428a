/**
 * One pre-flight run: every check of the registry (or a chosen few) against the given inputs, as
 * the document docs/cli.md specifies for `--json`. The CLI and the app both call this.
 */
import { createResolver } from '../dns/node-resolver.js';
import { runChecks, selectChecks } from '../checks/runner.js';
import type { CheckDefinition, CheckProgress, CheckResult, PreflightInputs } from '../checks/types.js';
import type { Clock } from '../ports/clock.js';
import type { DnsResolver, SocketConnector } from '../ports/index.js';

export interface PreflightReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly results: readonly CheckResult[];
}

export interface PreflightDependencies {
  readonly connector: SocketConnector;
  readonly clock: Clock;
  /** The clock the checks see, when it is not `clock`: one shifted to a --at date. */
  readonly checkClock?: Clock;
  readonly registry: readonly CheckDefinition[];
  /** Defaults to a resolver on inputs.dnsServer (or the system's) with explicit deadlines. */
  readonly resolver?: DnsResolver;
  /** This computer is offline (offlineForRun, preload/vocabulary/offline.ts): the network checks end as skipped, not run. */
  readonly offline?: boolean;
}

export interface PreflightOptions {
  /** Only these checks (plus what they depend on); all by default. */
  readonly only?: readonly string[];
  readonly onProgress?: (progress: CheckProgress) => void;
  readonly signal?: AbortSignal;
  /** How the inputs are echoed in the report (file names rather than file contents). */
  readonly describeInputs?: Readonly<Record<string, unknown>>;
}

/** A DNS lookup's own deadline: short enough that one silent server cannot eat a check's budget. */
export function lookupTimeoutMs(checkTimeoutMs: number): number {
  return Math.max(200, Math.min(5000, Math.floor(checkTimeoutMs / 3)));
}

export async function runPreflight(inputs: PreflightInputs, deps: PreflightDependencies, options: PreflightOptions = {}): Promise<PreflightReport> {
  const started = deps.clock.monotonic();
  const startedAt = new Date(deps.clock.now()).toISOString();
  const resolver = deps.resolver ?? createResolver({ server: inputs.dnsServer, timeoutMs: lookupTimeoutMs(inputs.timeoutMs), tries: 2 });
  const definitions = options.only === undefined ? deps.registry : selectChecks(deps.registry, options.only);
  const results = await runChecks(definitions, { inputs, resolver, connector: deps.connector, clock: deps.checkClock ?? deps.clock, offline: deps.offline === true }, {
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return {
    version: 1,
    startedAt,
    durationMs: Math.round(deps.clock.monotonic() - started),
    inputs: options.describeInputs ?? { ...inputs, extraCaPem: inputs.extraCaPem.length },
    results,
  };
}

/** The exit code of docs/cli.md: 1 when any check failed or errored, else 0. */
export function preflightExitCode(results: readonly CheckResult[]): 0 | 1 {
  return results.some((result) => result.status === 'fail' || result.status === 'error') ? 1 : 0;
}
