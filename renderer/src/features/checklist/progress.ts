import { checklist, type Engagement, type StepId } from '../../../../preload/contract';

export interface Tally {
  readonly done: number;
  readonly total: number;
}

/** How many checklist items are ticked, for one step or the whole checklist. */
export function tally(engagement: Engagement, step?: StepId): Tally {
  const items = checklist.filter((s) => step === undefined || s.id === step).flatMap((s) => s.items);
  return { done: items.filter((item) => engagement.progress[item.id]?.done === true).length, total: items.length };
}

/** Where a step's checks stand: how many results need doing something, or that none has run yet. */
export type StepCheckState =
  | { readonly kind: 'no-checks' }
  | { readonly kind: 'not-checked' }
  | { readonly kind: 'to-fix'; readonly count: number }
  | { readonly kind: 'checked' };

/** From the saved results: failures, errors and warnings are "to fix"; a step with checks but no result is "not checked yet". */
export function stepCheckState(engagement: Engagement, step: StepId): StepCheckState {
  const hasChecks = checklist.find((s) => s.id === step)?.items.some((item) => item.checks.length > 0) ?? false;
  if (!hasChecks) return { kind: 'no-checks' };
  const results = engagement.checkResults.filter((result) => result.step === step);
  if (results.length === 0) return { kind: 'not-checked' };
  const count = results.filter((result) => result.status === 'fail' || result.status === 'error' || result.status === 'warn').length;
  return count > 0 ? { kind: 'to-fix', count } : { kind: 'checked' };
}
