/** Engagements and the one that is open; every change goes through the core and is saved there. */
import { create } from 'zustand';
import { type Engagement, type EngagementDetails, type MailflowApi, type StepId } from '../../../../preload/contract';
import { runAction, type ActionOptions } from '../../api/actions';
import { useErrorsStore } from '../../api/errors';

type View = { readonly kind: 'list' } | { readonly kind: 'engagement'; readonly id: string; readonly step: StepId };

interface EngagementsState {
  readonly engagements: readonly Engagement[];
  readonly loaded: boolean;
  readonly view: View;
  readonly load: () => Promise<void>;
  readonly open: (id: string, step?: StepId) => void;
  readonly showStep: (step: StepId) => void;
  readonly close: () => void;
  readonly create: (details: EngagementDetails) => Promise<Engagement | null>;
  readonly update: (id: string, details: EngagementDetails) => Promise<boolean>;
  readonly remove: (id: string) => Promise<void>;
  readonly setItemDone: (id: string, itemId: string, done: boolean) => Promise<void>;
  /** The tick that could not be saved and was undone, with why: shown on its item until a tick is saved. */
  readonly tickProblem: { readonly itemId: string; readonly message: string } | null;
  /** Runs an action that returns the updated engagement and takes it; false when it failed (the error is shown). */
  readonly change: (action: ActionOptions | string, work: (api: MailflowApi) => Promise<Engagement>) => Promise<boolean>;
  /** Takes an engagement the core saved as a side effect of another action (Test evidence kept). */
  readonly saved: (engagement: Engagement) => void;
}

const VIEW_KEY = 'mailflow.view';

function restoreView(): View {
  try {
    const saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as View | null;
    return saved ?? { kind: 'list' };
  } catch {
    // A view saved by an older version (or edited by hand) is only a convenience: start at the list.
    return { kind: 'list' };
  }
}

export const useEngagementsStore = create<EngagementsState>((set, get) => {
  const setView = (view: View): void => {
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
    set({ view });
  };
  const replace = (updated: Engagement): void => {
    set({ engagements: get().engagements.map((e) => (e.id === updated.id ? updated : e)) });
  };
  return {
    engagements: [],
    loaded: false,
    tickProblem: null,
    view: restoreView(),
    async load() {
      const result = await runAction('listEngagements', (api) => api.listEngagements());
      if (!result.ok) return;
      const list = result.value;
      const { view } = get();
      set({ engagements: list, loaded: true });
      if (view.kind === 'engagement' && !list.some((e) => e.id === view.id)) setView({ kind: 'list' });
    },
    open(id, step = 'prerequisites') {
      setView({ kind: 'engagement', id, step });
    },
    showStep(step) {
      const { view } = get();
      if (view.kind === 'engagement') setView({ ...view, step });
    },
    close() {
      setView({ kind: 'list' });
    },
    async create(details) {
      const created = await runAction({ label: 'createEngagement', place: 'engagement-form' }, (api) => api.createEngagement(details));
      if (!created.ok) return null;
      set({ engagements: [...get().engagements, created.value] });
      return created.value;
    },
    update(id, details) {
      return get().change({ label: 'updateEngagement', place: 'engagement-form' }, (api) => api.updateEngagement(id, details));
    },
    async remove(id) {
      const done = await runAction('deleteEngagement', (api) => api.deleteEngagement(id));
      if (!done.ok) return;
      if (done.value.warning !== null) useErrorsStore.getState().show('app', { code: null, message: done.value.warning });
      set({ engagements: get().engagements.filter((e) => e.id !== id) });
      const { view } = get();
      if (view.kind === 'engagement' && view.id === id) setView({ kind: 'list' });
    },
    saved(engagement) {
      replace(engagement);
    },
    async change(action, work) {
      const updated = await runAction(action, work);
      if (updated.ok) replace(updated.value);
      return updated.ok;
    },
    async setItemDone(id, itemId, done) {
      const before = get().engagements.find((e) => e.id === id);
      if (before === undefined) return;
      // Show the tick at once; the saved engagement (with the core's timestamp) replaces it, or the
      // previous state comes back with the error.
      replace({ ...before, progress: { ...before.progress, [itemId]: { done, at: new Date().toISOString() } } });
      const updated = await runAction({ label: 'setItemDone', quiet: () => true }, (api) => api.setItemDone(id, itemId, done));
      if (updated.ok) {
        replace(updated.value);
        set({ tickProblem: null });
        return;
      }
      replace(before);
      set({ tickProblem: { itemId, message: `Not saved, so it is ${done ? 'unticked' : 'ticked'} again: ${updated.error.message}` } });
    },
  };
});
