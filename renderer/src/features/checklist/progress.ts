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
