/**
 * Check runs in progress: which step runs, how far it has come, and the results as they arrive.
 * The saved results live in the engagement; this store only holds the live run.
 */
import { create } from 'zustand';
import type { CheckResult, StepId } from '../../../preload/contract';
import { ApiError } from '../api/client';
import { useAppStore } from './app';
import { useEngagementsStore } from './engagements';

export interface LiveRun {
  readonly runId: string;
  readonly engagementId: string;
  readonly step: StepId;
  readonly done: number;
  readonly total: number;
  /** Checks started and not yet finished. */
  readonly running: readonly string[];
  readonly results: readonly CheckResult[];
  readonly cancelling: boolean;
}

interface ChecksState {
  readonly run: LiveRun | null;
  readonly start: (engagementId: string, step: StepId) => Promise<void>;
  readonly cancel: () => Promise<void>;
}

let subscribed = false;

export const useChecksStore = create<ChecksState>((set, get) => {
  const listen = (): void => {
    const api = useAppStore.getState().api;
    if (subscribed || api === null) return;
    subscribed = true;
    api.subscribe('checkProgress', ({ runId, progress }) => {
      const run = get().run;
      if (run?.runId !== runId) return;
      if (progress.kind === 'started') {
        set({ run: { ...run, total: progress.total, running: [...run.running, progress.id] } });
      } else {
        const finished = progress.result;
        set({
          run: {
            ...run,
            done: progress.done,
            total: progress.total,
            running: run.running.filter((id) => id !== finished.id),
            results: [...run.results, finished],
          },
        });
      }
    });
  };

  return {
    run: null,
    async start(engagementId, step) {
      if (get().run !== null) return;
      listen();
      const runId = crypto.randomUUID();
      set({ run: { runId, engagementId, step, done: 0, total: 0, running: [], results: [], cancelling: false } });
      await useEngagementsStore.getState().change((api) => api.runChecks(engagementId, step, runId));
      set({ run: null });
    },
    async cancel() {
      const { run } = get();
      const api = useAppStore.getState().api;
      if (run === null || api === null) return;
      set({ run: { ...run, cancelling: true } });
      try {
        await api.cancelChecks(run.runId);
      } catch (error) {
        // The run may have finished between the click and the call: nothing left to cancel.
        if (!(error instanceof ApiError && error.code === 'run-not-found')) useAppStore.getState().showError(error);
      }
    },
  };
});
