/**
 * Runs checks as a graph: each check waits only for the checks it depends on, so independent ones
 * run concurrently; each has a deadline; a throw becomes an `error` result carrying the message;
 * a check whose dependency did not pass is skipped with the reason. Offline, a check that needs the
 * network is skipped as not run (and so is what waits for it), never run into a failure.
 */
import { setMaxListeners } from 'node:events';
import type { Clock, DnsResolver, SocketConnector } from '../ports/index.js';
import type { CheckContext, CheckDefinition, CheckProgress, CheckResult, PreflightInputs } from './types.js';
import { errorMessage } from '../../../preload/vocabulary/errors.js';
import { isOfflineResult, OFFLINE_SUMMARY } from '../../../preload/vocabulary/checks.js';

export interface RunEnvironment {
  readonly inputs: PreflightInputs;
  readonly resolver: DnsResolver;
  readonly connector: SocketConnector;
  readonly clock: Clock;
  /** This computer is offline (offlineForRun, preload/vocabulary/offline.ts): the checks that need the network are not run. */
  readonly offline?: boolean;
}

export interface RunOptions {
  readonly onProgress?: (progress: CheckProgress) => void;
  readonly signal?: AbortSignal;
}

export class CheckRegistryError extends Error {
  override readonly name = 'CheckRegistryError';
}

class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor() {
    super('The run was cancelled.');
  }
}

/** A result that only says the run was cancelled before this check could finish: not a verdict. */
export const isCancelledResult = (result: CheckResult): boolean => result.evidence.cancelled === true;

interface Task {
  readonly definition: CheckDefinition;
  readonly target: string | null;
}

const key = (id: string, target: string | null): string => `${id}\u0000${target ?? ''}`;

/** The given checks plus everything they depend on, in registry order. */
export function selectChecks(registry: readonly CheckDefinition[], ids: readonly string[]): CheckDefinition[] {
  const byId = new Map(registry.map((definition) => [definition.id, definition]));
  const wanted = new Set<string>();
  const visit = (id: string): void => {
    if (wanted.has(id)) return;
    const definition = byId.get(id);
    if (definition === undefined) throw new CheckRegistryError(`Unknown check id "${id}".`);
    wanted.add(id);
    definition.dependsOn.forEach(visit);
  };
  ids.forEach(visit);
  return registry.filter((definition) => wanted.has(definition.id));
}

function validate(definitions: readonly CheckDefinition[]): void {
  const ids = new Set<string>();
  for (const definition of definitions) {
    if (ids.has(definition.id)) throw new CheckRegistryError(`Check id "${definition.id}" is registered twice.`);
    ids.add(definition.id);
  }
  for (const definition of definitions) {
    for (const dependency of definition.dependsOn) {
      if (!ids.has(dependency)) {
        throw new CheckRegistryError(`Check "${definition.id}" depends on "${dependency}", which is not in this run.`);
      }
    }
  }
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: readonly string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new CheckRegistryError(`Checks depend on each other in a cycle: ${[...path, id].join(' → ')}.`);
    state.set(id, 'visiting');
    const definition = byId.get(id);
    const waitsFor = [...(definition?.dependsOn ?? []), ...(definition?.after ?? []).filter((other) => ids.has(other))];
    for (const dependency of waitsFor) visit(dependency, [...path, id]);
    state.set(id, 'done');
  };
  for (const definition of definitions) visit(definition.id, []);
}

export async function runChecks(
  definitions: readonly CheckDefinition[],
  environment: RunEnvironment,
  options: RunOptions = {},
): Promise<CheckResult[]> {
  validate(definitions);
  const { inputs, clock } = environment;
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  /** The targets a check runs for: each domain, each smart host, or the run as a whole (null). */
  const targetsOf = (definition: CheckDefinition): readonly (string | null)[] =>
    definition.perDomain ? inputs.domains : definition.perSmartHost === true ? inputs.smartHosts : [null];
  const scopeOf = (definition: CheckDefinition): 'domain' | 'smart-host' | 'run' => (definition.perDomain ? 'domain' : definition.perSmartHost === true ? 'smart-host' : 'run');
  const tasks = definitions.flatMap((definition): Task[] => targetsOf(definition).map((target) => ({ definition, target })));
  const total = tasks.length;
  let done = 0;
  const finished = new Map<string, CheckResult>();
  const pending = new Map<string, Promise<CheckResult>>();
  const memo = new Map<string, Promise<unknown>>();

  const resultOf = (id: string, target: string | null = null): CheckResult | undefined => {
    const definition = byId.get(id);
    if (definition === undefined) return undefined;
    return finished.get(key(id, scopeOf(definition) === 'run' ? null : target));
  };

  /** A check's view of the run, with its own signal (a check's deadline, or the run's for prefetching). */
  const contextWith = (signal: AbortSignal): CheckContext => ({
    inputs,
    resolver: environment.resolver,
    connector: environment.connector,
    clock,
    signal,
    memo: <T>(memoKey: string, compute: () => Promise<T>): Promise<T> => {
      const existing = memo.get(memoKey) as Promise<T> | undefined;
      if (existing !== undefined) return existing;
      const created = compute();
      memo.set(memoKey, created);
      return created;
    },
    resultOf,
  });

  /** Follows a chain of skips back to the check that actually failed, to name it. */
  const rootCause = (blocked: CheckResult): CheckResult => {
    let current = blocked;
    for (let hops = 0; hops < definitions.length && current.status === 'skip'; hops += 1) {
      const upstream = current.evidence.blockedBy;
      const next = typeof upstream === 'string' ? resultOf(upstream, current.target) : undefined;
      if (next === undefined) break;
      current = next;
    }
    return current;
  };

  const dependencyPromises = (task: Task, ids: readonly string[] = task.definition.dependsOn): Promise<CheckResult>[] =>
    ids.flatMap((id) => {
      const dependency = byId.get(id);
      if (dependency === undefined) return [];
      // The same target when both run per domain (or per smart host); otherwise every target it has.
      const targets = scopeOf(dependency) === scopeOf(task.definition) ? [task.target] : targetsOf(dependency);
      return targets.flatMap((target) => pending.get(key(id, target)) ?? []);
    });

  const execute = async (task: Task): Promise<CheckResult> => {
    const { definition, target } = task;
    // Let every task register its promise first, so a dependency listed later is still awaited.
    await Promise.resolve();
    const [dependencies] = await Promise.all([Promise.all(dependencyPromises(task)), Promise.all(dependencyPromises(task, definition.after ?? []))]);
    options.onProgress?.({ kind: 'started', id: definition.id, target, done, total });
    const started = clock.monotonic();
    const base = { id: definition.id, title: definition.title, step: definition.step, target: target ?? inputs.smartHosts[0] ?? null };
    const blocked = dependencies.find((result) => result.status !== 'pass' && result.status !== 'warn');
    let result: CheckResult;
    const cause = blocked === undefined ? undefined : rootCause(blocked);
    if (options.signal?.aborted === true) {
      result = { ...base, status: 'skip', summary: 'Skipped: the run was cancelled.', evidence: { cancelled: true }, durationMs: 0 };
    } else if (environment.offline === true && definition.network) {
      result = { ...base, status: 'skip', summary: OFFLINE_SUMMARY, evidence: { offline: true }, durationMs: 0 };
    } else if (blocked !== undefined && cause !== undefined) {
      // Waiting for a check that could not run offline says nothing either: not run, for the same reason.
      const offline = isOfflineResult(cause);
      result = {
        ...base,
        status: 'skip',
        summary: offline
          ? OFFLINE_SUMMARY
          : `Skipped because “${cause.title}” ${cause.status === 'error' ? 'could not complete' : cause.status === 'skip' ? 'was skipped' : 'failed'}.`,
        evidence: { ...(offline ? { offline: true } : {}), blockedBy: blocked.id, rootCause: cause.id },
        durationMs: 0,
      };
    } else {
      result = { ...base, ...(await runOne(definition, target, started)) };
    }
    finished.set(key(definition.id, target), result);
    done += 1;
    options.onProgress?.({ kind: 'finished', result, done, total });
    return result;
  };

  const runOne = async (
    definition: CheckDefinition,
    target: string | null,
    started: number,
  ): Promise<Omit<CheckResult, 'id' | 'title' | 'step' | 'target'>> => {
    const deadlineMs = definition.timeoutMs ?? inputs.timeoutMs;
    const controller = new AbortController();
    let cancel: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    // Ends the check at its deadline or at once on cancel, whether or not it honours its signal.
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`did not finish within ${deadlineMs} ms`);
        controller.abort(error);
        reject(error);
      }, deadlineMs);
      cancel = () => {
        const error = new CancelledError();
        controller.abort(error);
        reject(error);
      };
    });
    const onCancel = (): void => {
      cancel?.();
    };
    options.signal?.addEventListener('abort', onCancel, { once: true });
    const context = contextWith(controller.signal);
    try {
      const outcome = await Promise.race([definition.run(context, target), deadline]);
      return { ...outcome, durationMs: Math.round(clock.monotonic() - started) };
    } catch (error) {
      if (error instanceof CancelledError) {
        return { status: 'skip', summary: 'Stopped: the run was cancelled.', evidence: { cancelled: true }, durationMs: Math.round(clock.monotonic() - started) };
      }
      return {
        status: 'error',
        summary: `The check could not complete: ${errorMessage(error)}.`,
        evidence: { error: errorMessage(error) },
        advice: { text: 'Run the check again; if it keeps failing, the evidence above says where it stopped.', fixes: [{ kind: 'action', action: 'run-again' }] },
        durationMs: Math.round(clock.monotonic() - started),
      };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCancel);
    }
  };

  // Prefetching stops when the run ends (or is cancelled): nothing outlives the run.
  const prefetching = new AbortController();
  // Every probe of every address of every smart host listens to it: far more than Node's default of 10.
  setMaxListeners(0, prefetching.signal);
  const stopPrefetching = (): void => {
    prefetching.abort(new CancelledError());
  };
  options.signal?.addEventListener('abort', stopPrefetching, { once: true });
  // Offline, nothing that needs the network is started, not even ahead of time.
  for (const definition of definitions.filter((candidate) => environment.offline !== true || !candidate.network)) {
    // A failed prefetch is not lost: run() reads the same memo and reports it (or the check is skipped).
    definition.prefetch?.(contextWith(prefetching.signal)).catch(() => undefined);
  }
  const all = tasks.map((task) => {
    const promise = execute(task);
    pending.set(key(task.definition.id, task.target), promise);
    return promise;
  });
  try {
    return await Promise.all(all);
  } finally {
    options.signal?.removeEventListener('abort', stopPrefetching);
    stopPrefetching();
  }
}
