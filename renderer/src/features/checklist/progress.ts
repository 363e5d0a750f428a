import { checklist, type Engagement, type StepId } from '../../../../preload/contract';
import { hasCurrentResult, isCurrent, itemChecks } from '../checks/proof';

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

/**
 * From the saved results that are current (checks/proof.ts: about this smart host and these
 * domains) of the checks behind the step's items, and of the step's own checks: failures, errors
 * and warnings are "to fix"; otherwise a step where a check of its items has no current result
 * (never run, or run for an earlier smart host) is "not checked yet". So the list agrees with the
 * items' chips and the diagram, which read the same results.
 */
export function stepCheckState(engagement: Engagement, step: StepId): StepCheckState {
  const checks = new Set((checklist.find((s) => s.id === step)?.items ?? []).flatMap((item) => itemChecks(engagement, item.id)));
  if (checks.size === 0) return { kind: 'no-checks' };
  const results = engagement.checkResults.filter((result) => (checks.has(result.id) || result.step === step) && isCurrent(engagement, result));
  const count = results.filter((result) => result.status === 'fail' || result.status === 'error' || result.status === 'warn').length;
  if (count > 0) return { kind: 'to-fix', count };
  // Per-domain checks need a result for every current domain, as the items and the diagram read them.
  const unchecked = [...checks].some((id) => !hasCurrentResult(engagement, id));
  return unchecked ? { kind: 'not-checked' } : { kind: 'checked' };
}
