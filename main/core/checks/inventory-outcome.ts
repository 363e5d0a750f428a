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

/** How to get each side's inventory, in the words of the skip advice. */
const HOW_TO_IMPORT = {
  'Exchange Online': 'Run the read-only Exchange Online inventory script and import the file it writes.',
  'Exchange Server': 'Run the read-only Exchange Server inventory script in the Exchange Management Shell and import the file it writes.',
  Postfix: 'Run the read-only Postfix inventory script on the server and import what it prints.',
} as const;

/** The skip an inventory check gives when its side was never imported: what stays unknown, and how to import it. */
export function notImported(side: keyof typeof HOW_TO_IMPORT, unknown: string): DraftOutcome {
  return { status: 'skip', summary: `No ${side} inventory was imported, so ${unknown} unknown.`, evidence: {}, advice: HOW_TO_IMPORT[side] };
}
