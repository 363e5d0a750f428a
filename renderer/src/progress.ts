import { checklist } from '../../main/core/checklist/outline';
import type { Engagement } from '../../main/core/engagements/model';
import type { StepId } from '../../main/core/checks/types';

export interface Tally {
  readonly done: number;
  readonly total: number;
}

/** How many checklist items are ticked, for one step or the whole checklist. */
export function tally(engagement: Engagement, step?: StepId): Tally {
  const items = checklist.filter((s) => step === undefined || s.id === step).flatMap((s) => s.items);
  return { done: items.filter((item) => engagement.progress[item.id]?.done === true).length, total: items.length };
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string): string => dateFormat.format(new Date(iso));
