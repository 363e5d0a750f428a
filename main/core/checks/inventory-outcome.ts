/** The inventory checks write their advice as one sentence; it becomes Advice data here. */
import { advise } from './advice.js';
import type { CheckOutcome, CheckStatus, Evidence } from './types.js';

export interface DraftOutcome {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly evidence: Evidence;
  readonly advice?: string;
}

export function finish(draft: DraftOutcome): Promise<CheckOutcome> {
  const { advice, ...rest } = draft;
  return Promise.resolve(advice === undefined ? rest : { ...rest, advice: advise(advice) });
}

/** What every inventory check says when its side was never imported. */
export const NOT_IMPORTED = 'The inventory of that side was not imported (run its read-only inventory script and import the file).';
