/**
 * Which earlier run each step's panel compares the latest run with (by default the one before it).
 * The runs themselves come with the engagement; this store only holds the choice.
 */
import { create } from 'zustand';

interface RunHistoryState {
  /** Chosen earlier run id per `engagementId|step`. */
  readonly chosen: Readonly<Record<string, string>>;
  readonly choose: (engagementId: string, step: string, runId: string) => void;
}

export const historyKey = (engagementId: string, step: string): string => `${engagementId}|${step}`;

export const useRunHistoryStore = create<RunHistoryState>((set) => ({
  chosen: {},
  choose(engagementId, step, runId) {
    set((state) => ({ chosen: { ...state.chosen, [historyKey(engagementId, step)]: runId } }));
  },
}));
