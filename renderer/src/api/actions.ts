/**
 * The one path of every call to the core: `runAction` finds the API, marks the action busy, runs
 * it, and puts any failure into the errors store at the caller's place. Components and stores
 * never catch API errors themselves; they read the outcome, the busy flag and the error.
 */
import { create } from 'zustand';
import type { EventName, EventPayloads, MailflowApi } from '../../../preload/contract';
import { toActionError, useErrorsStore, type ActionError, type ErrorPlace } from './errors';

interface ActionsState {
  readonly api: MailflowApi | null;
  /** How many calls of each action are under way, by label. */
  readonly busy: Readonly<Record<string, number>>;
}

export const useActionsStore = create<ActionsState>(() => ({ api: null, busy: {} }));

/** Hands the actions the API once the bridge is found. */
export function connect(api: MailflowApi): void {
  useActionsStore.setState({ api });
}

/** Whether the bridge was found (calls can be made). */
export const isConnected = (): boolean => useActionsStore.getState().api !== null;

export const NOT_CONNECTED = 'The app is still starting; try again in a moment.';

export type ActionOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ActionError };

export interface ActionOptions {
  /** Names the action: its busy flag is read by this label. */
  readonly label: string;
  /** Where a failure is shown; the app's banner when not given. */
  readonly place?: ErrorPlace;
  /** A failure the caller expects and that needs no message (an answer nobody waits for any more). */
  readonly quiet?: (error: ActionError) => boolean;
}

const countBusy = (label: string, change: 1 | -1): void => {
  useActionsStore.setState((state) => ({ busy: { ...state.busy, [label]: (state.busy[label] ?? 0) + change } }));
};

/**
 * Runs one call to the core. A feature's own place is cleared when its next action starts, so an
 * old message never sits beside a new attempt; the app's banner stays until it is dismissed or
 * the action that raised it succeeds.
 */
export async function runAction<T>(options: ActionOptions | string, work: (api: MailflowApi) => Promise<T>): Promise<ActionOutcome<T>> {
  const { label, place = 'app', quiet } = typeof options === 'string' ? { label: options } : options;
  const errors = useErrorsStore.getState();
  if (place !== 'app' && place !== 'fatal') errors.dismiss(place);
  const { api } = useActionsStore.getState();
  if (api === null) {
    const error: ActionError = { code: null, message: NOT_CONNECTED };
    errors.show(place, error, label);
    return { ok: false, error };
  }
  countBusy(label, 1);
  try {
    const value = await work(api);
    useErrorsStore.getState().resolved(place, label);
    return { ok: true, value };
  } catch (caught) {
    const error = toActionError(caught);
    if (quiet?.(error) !== true) useErrorsStore.getState().show(place, error, label);
    return { ok: false, error };
  } finally {
    countBusy(label, -1);
  }
}

/** Whether an action with this label is under way. */
export const useBusy = (label: string): boolean => useActionsStore((state) => (state.busy[label] ?? 0) > 0);

/** Listens to one of the core's events; false when the API is not there yet. */
export function listen<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): boolean {
  const { api } = useActionsStore.getState();
  if (api === null) return false;
  api.subscribe(event, listener);
  return true;
}
