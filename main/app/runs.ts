/**
 * The one registry of cancellable runs (check runs and sign-ins alike): a run id is taken while
 * its task runs, and cancelling aborts the task's signal.
 */

export class RunInUseError extends Error {
  override readonly name = 'RunInUseError';
}

export class RunNotFoundError extends Error {
  override readonly name = 'RunNotFoundError';
}

/** What a run is, in the words its errors use. */
export type RunKind = 'check run' | 'sign-in';

export interface RunRegistry {
  /** Runs `task` under `runId`; refused while another run holds the id. */
  run<T>(kind: RunKind, runId: string, task: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts the run of this kind and id; refused when it has already ended. */
  cancel(kind: RunKind, runId: string): void;
}

export function createRunRegistry(): RunRegistry {
  const runs = new Map<string, { readonly kind: RunKind; readonly controller: AbortController }>();
  return {
    async run(kind, runId, task) {
      if (runs.has(runId)) throw new RunInUseError(`A ${kind} with this id is already going on.`);
      const controller = new AbortController();
      runs.set(runId, { kind, controller });
      try {
        return await task(controller.signal);
      } finally {
        runs.delete(runId);
      }
    },
    cancel(kind, runId) {
      const entry = runs.get(runId);
      if (entry?.kind !== kind) throw new RunNotFoundError(`That ${kind} has already ended.`);
      entry.controller.abort(new Error('cancelled by the user'));
    },
  };
}
