/**
 * The one store of errors. Every failed action lands here, under the place that shows it: the app
 * shell shows `fatal` and `app` (the banner at the top); a feature shows its own place next to the
 * control that failed, where a person is already looking.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { ERROR_CODES, type ErrorCode } from '../../../preload/contract';
import { errorMessage } from '../../../preload/contract';

export type ErrorPlace = 'fatal' | 'app' | 'keychain' | 'm365' | 'headers' | 'bounce' | 'test-message' | 'certificate' | 'firewall' | 'scripts' | 'inventory' | 'office-proof' | 'transfer' | 'engagement-form' | 'relay-certificate';

export interface ActionError {
  /** The contract's code when the core sent one; null for a failure without a code. */
  readonly code: ErrorCode | null;
  readonly message: string;
}

interface ErrorsState {
  readonly errors: Partial<Readonly<Record<ErrorPlace, ActionError>>>;
  /** The action (its label) whose failure each place shows, when an action raised it. */
  readonly raisedBy: Partial<Readonly<Record<ErrorPlace, string>>>;
  readonly show: (place: ErrorPlace, error: ActionError, raisedBy?: string) => void;
  readonly dismiss: (place: ErrorPlace) => void;
  /** Clears a place when the action that raised its error has now succeeded. */
  readonly resolved: (place: ErrorPlace, label: string) => void;
}

const without = <T>(record: Partial<Readonly<Record<ErrorPlace, T>>>, place: ErrorPlace): Partial<Record<ErrorPlace, T>> =>
  Object.fromEntries(Object.entries(record).filter(([key]) => key !== place));

export const useErrorsStore = create<ErrorsState>((set) => ({
  errors: {},
  raisedBy: {},
  show(place, error, raisedBy) {
    set((state) => ({ errors: { ...state.errors, [place]: error }, raisedBy: raisedBy === undefined ? without(state.raisedBy, place) : { ...state.raisedBy, [place]: raisedBy } }));
  },
  dismiss(place) {
    set((state) => {
      if (state.errors[place] === undefined) return state;
      return { errors: without(state.errors, place), raisedBy: without(state.raisedBy, place) };
    });
  },
  resolved(place, label) {
    set((state) => (state.raisedBy[place] === label ? { errors: without(state.errors, place), raisedBy: without(state.raisedBy, place) } : state));
  },
}));

/** The error shown at one place, or null. */
export const useError = (place: ErrorPlace): ActionError | null => useErrorsStore((state) => state.errors[place] ?? null);

/**
 * The error at a place one component owns (a form, a panel): cleared when the component goes away,
 * as its own state would be, so it never greets the next engagement.
 */
export function useOwnError(place: ErrorPlace): ActionError | null {
  useEffect(() => () => useErrorsStore.getState().dismiss(place), [place]);
  return useError(place);
}

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** Anything thrown, as a code (when it carries a known one) and the message a person reads. */
export function toActionError(error: unknown): ActionError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return { code: isErrorCode(code) ? code : null, message: errorMessage(error) };
}
