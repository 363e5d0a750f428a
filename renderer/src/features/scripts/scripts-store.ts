/** The scripts worked out for the open engagement, and the connector choices that shape them. */
import { create } from 'zustand';
import type { ConnectorChoices, EngagementScripts } from '../../../../preload/contract';
import { runAction } from '../../api/actions';
import { useEngagementsStore } from '../engagements/engagements-store';

interface ScriptsState {
  /** The last answer, with the engagement it is for. */
  readonly loaded: { readonly engagementId: string; readonly scripts: EngagementScripts } | null;
  /** Asks the core for the engagement's scripts again (after any change to it). */
  readonly load: (engagementId: string) => Promise<void>;
  readonly saveChoices: (engagementId: string, choices: ConnectorChoices) => Promise<boolean>;
}

export const useScriptsStore = create<ScriptsState>((set) => {
  /** Only the answer to the latest request is shown: an engagement changed twice shows its last state. */
  let latest = 0;
  return {
    loaded: null,
    async load(engagementId) {
      const current = ++latest;
      const stale = (): boolean => current !== latest;
      const answer = await runAction({ label: 'getScripts', place: 'scripts', quiet: stale }, (api) => api.getScripts(engagementId));
      if (answer.ok && !stale()) set({ loaded: { engagementId, scripts: answer.value } });
    },
    saveChoices(engagementId, choices) {
      return useEngagementsStore.getState().change('updateConnectorChoices', (api) => api.updateConnectorChoices(engagementId, choices));
    },
  };
});
