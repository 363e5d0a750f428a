/**
 * What a fix button does: open the step page that holds the field or panel and focus it; running
 * the checks again and refreshing the ranges are also done at once.
 */
import { create } from 'zustand';
import type { StepId } from '../../../../preload/contract';
import { useEngagementsStore } from '../engagements/engagements-store';
import { useFirewallStore } from '../firewall/firewall-store';
import { actionPlace, type AppFix, type FixPlace } from './advice';
import { useChecksStore } from './checks-store';

interface FixState {
  /** The place waiting to be focused once its page (and form) has rendered. */
  readonly pending: FixPlace | null;
  /** Carries out a fix shown with a result of `step` in the open engagement. */
  readonly open: (fix: Exclude<AppFix, { kind: 'command' }>, context: { readonly engagementId: string; readonly step: StepId }) => Promise<void>;
  readonly focused: () => void;
}

export const useFixStore = create<FixState>((set) => {
  const goTo = (place: FixPlace): void => {
    useEngagementsStore.getState().showStep(place.step);
    set({ pending: place });
  };
  return {
    pending: null,
    async open(fix, { engagementId, step }) {
      if (fix.kind === 'setting') {
        goTo(fix.place);
        return;
      }
      const place = actionPlace(fix.action, step);
      if (place !== null) goTo(place);
      // The two actions the app does itself; the others are done in the panel just opened.
      if (fix.action === 'run-again') await useChecksStore.getState().start(engagementId, step);
      else if (fix.action === 'refresh-ranges') await useFirewallStore.getState().refresh();
    },
    focused() {
      set({ pending: null });
    },
  };
});
