/** A check run as it happens, reduced from the core's progress events; pure, so it is tested alone. */
import type { CheckProgress, CheckResult, StepId } from '../../../../preload/contract';

export interface LiveRun {
  readonly runId: string;
  readonly engagementId: string;
  readonly step: StepId;
  readonly done: number;
  readonly total: number;
  /** Checks started and not yet finished. */
  readonly running: readonly string[];
  /** Results in the order they arrived. */
  readonly results: readonly CheckResult[];
  readonly cancelling: boolean;
}

export function startRun(runId: string, engagementId: string, step: StepId): LiveRun {
  return { runId, engagementId, step, done: 0, total: 0, running: [], results: [], cancelling: false };
}

/** The run after one progress event: a start adds to the running checks, a finish moves it to the results. */
export function applyProgress(run: LiveRun, progress: CheckProgress): LiveRun {
  if (progress.kind === 'started') return { ...run, total: progress.total, running: [...run.running, progress.id] };
  const finished = progress.result;
  return {
    ...run,
    done: progress.done,
    total: progress.total,
    running: run.running.filter((id) => id !== finished.id),
    results: [...run.results, finished],
  };
}
