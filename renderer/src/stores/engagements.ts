/** Engagements and the one that is open; every change goes through the core and is saved there. */
import { create } from 'zustand';
import type { Engagement, EngagementDetails } from '../../../preload/contract';
import type { StepId } from '../../../preload/contract';
import type { MailflowApi } from '../../../preload/contract';
import { useAppStore } from './app';

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
  /** Takes an engagement the core returned after another action (a check run, new settings). */
  readonly apply: (updated: Engagement) => void;
  /** Runs a call that returns the updated engagement; shows the error and returns false on failure. */
  readonly change: (work: (api: MailflowApi) => Promise<Engagement>) => Promise<boolean>;
}

const VIEW_KEY = 'mailflow.view';

function restoreView(): View {
  try {
    const saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as View | null;
    return saved ?? { kind: 'list' };
  } catch {
    return { kind: 'list' };
  }
}

function api() {
  const current = useAppStore.getState().api;
  if (current === null) throw new Error('The app is not connected to its core yet.');
  return current;
}

export const useEngagementsStore = create<EngagementsState>((set, get) => {
  const setView = (view: View): void => {
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
    set({ view });
  };
  const replace = (updated: Engagement): void => {
    set({ engagements: get().engagements.map((e) => (e.id === updated.id ? updated : e)) });
  };
  /** Runs a call; on failure shows the core's message and returns null (success is wrapped). */
  const attempt = async <T>(work: () => Promise<T>): Promise<{ readonly value: T } | null> => {
    try {
      return { value: await work() };
    } catch (error) {
      useAppStore.getState().showError(error);
      return null;
    }
  };
  return {
    engagements: [],
    loaded: false,
    view: restoreView(),
    async load() {
      const result = await attempt(() => api().listEngagements());
      if (result === null) return;
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
      const created = await attempt(() => api().createEngagement(details));
      if (created === null) return null;
      set({ engagements: [...get().engagements, created.value] });
      return created.value;
    },
    async update(id, details) {
      const updated = await attempt(() => api().updateEngagement(id, details));
      if (updated !== null) replace(updated.value);
      return updated !== null;
    },
    async remove(id) {
      const done = await attempt(() => api().deleteEngagement(id));
      if (done === null) return;
      if (done.value.warning !== null) useAppStore.getState().showError(done.value.warning);
      set({ engagements: get().engagements.filter((e) => e.id !== id) });
      const { view } = get();
      if (view.kind === 'engagement' && view.id === id) setView({ kind: 'list' });
    },
    apply(updated) {
      replace(updated);
    },
    async change(work) {
      const updated = await attempt(() => work(api()));
      if (updated !== null) replace(updated.value);
      return updated !== null;
    },
    async setItemDone(id, itemId, done) {
      const before = get().engagements.find((e) => e.id === id);
      if (before === undefined) return;
      // Show the tick at once; the saved engagement (with the core's timestamp) replaces it, or the
      // previous state comes back with the error.
      replace({ ...before, progress: { ...before.progress, [itemId]: { done, at: new Date().toISOString() } } });
      const updated = await attempt(() => api().setItemDone(id, itemId, done));
      replace(updated === null ? before : updated.value);
    },
  };
});
