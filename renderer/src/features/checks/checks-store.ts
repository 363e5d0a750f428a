/**
 * Check runs in progress: which step runs, how far it has come, and the results as they arrive.
 * The saved results live in the engagement; this store only holds the live run.
 */
import { create } from 'zustand';
import type { CheckSettings, StepId } from '../../../../preload/contract';
import { listen, runAction } from '../../api/actions';
import { useEngagementsStore } from '../engagements/engagements-store';
import { applyProgress, startRun, type LiveRun } from './live-run';

interface ChecksState {
  readonly run: LiveRun | null;
  readonly start: (engagementId: string, step: StepId) => Promise<void>;
  readonly cancel: () => Promise<void>;
  /** Saves how the checks reach the customer's systems; false when the core refused them. */
  readonly saveSettings: (engagementId: string, settings: CheckSettings) => Promise<boolean>;
}

let subscribed = false;

export const useChecksStore = create<ChecksState>((set, get) => {
  const follow = (): void => {
    if (subscribed) return;
    subscribed = listen('checkProgress', ({ runId, progress }) => {
      const { run } = get();
      if (run?.runId === runId) set({ run: applyProgress(run, progress) });
    });
  };

  return {
    run: null,
    async start(engagementId, step) {
      if (get().run !== null) return;
      follow();
      const runId = crypto.randomUUID();
      set({ run: startRun(runId, engagementId, step) });
      await useEngagementsStore.getState().change('runChecks', (api) => api.runChecks(engagementId, step, runId));
      set({ run: null });
    },
    async cancel() {
      const { run } = get();
      if (run === null) return;
      set({ run: { ...run, cancelling: true } });
      // The run may finish between the click and the call: then there is nothing left to cancel.
      const over = (): boolean => get().run?.runId !== run.runId;
      await runAction({ label: 'cancelChecks', quiet: (error) => error.code === 'run-not-found' || over() }, (api) => api.cancelChecks(run.runId));
    },
    saveSettings(engagementId, settings) {
      return useEngagementsStore.getState().change('updateCheckSettings', (api) => api.updateCheckSettings(engagementId, settings));
    },
  };
});
