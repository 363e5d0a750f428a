/**
 * What is still to do at handover: checks that did not pass cleanly (failed, errored, warned) and
 * checklist items nobody has marked done, step by step, each with what to do about it.
 */
import { checklist } from '../../../preload/vocabulary/checklist.js';
import type { CheckStatus, StepId } from '../../../preload/vocabulary/checks.js';
import { isTestItem, testItemProof } from '../../../preload/vocabulary/test-evidence.js';
import { fixesInWords } from './advice-words.js';
import type { HandoverCheckResult, HandoverInput } from './types.js';

export type OpenItemStatus = Extract<CheckStatus, 'fail' | 'error' | 'warn'> | 'open';

export interface OpenItem {
  readonly status: OpenItemStatus;
  readonly step: StepId;
  readonly title: string;
  /** The check or checklist item id, so the reader can find it in the app or the CLI output. */
  readonly reference: string;
  readonly target: string | null;
  /** What to do, in plain words. */
  readonly action: string;
}

/** Worst first, so the reader starts with what blocks mail flow. */
const CHECK_ORDER: readonly OpenItemStatus[] = ['error', 'fail', 'warn'];

function isOpenStatus(status: CheckStatus): status is Extract<CheckStatus, 'fail' | 'error' | 'warn'> {
  return status === 'fail' || status === 'error' || status === 'warn';
}

function checkAction(result: HandoverCheckResult): string {
  if (result.advice !== undefined && result.advice.text !== '') return [result.advice.text, ...fixesInWords(result.advice)].join(' ');
  return `${result.summary} Read the evidence in the check results, fix the cause and run the check again.`;
}

/**
 * The open items in checklist order. Without progress (the command line keeps none) only the
 * checks can be open.
 */
export function openItems(input: Pick<HandoverInput, 'progress' | 'results'> & { readonly imports?: HandoverInput['imports'] }): readonly OpenItem[] {
  const evidence = input.imports?.testEvidence ?? [];
  return checklist.flatMap((step) => {
    const checks = input.results
      .filter((result) => result.step === step.id)
      .flatMap((result) => (isOpenStatus(result.status) ? [{ result, status: result.status }] : []))
      .sort((a, b) => CHECK_ORDER.indexOf(a.status) - CHECK_ORDER.indexOf(b.status))
      .map(
        ({ result, status }): OpenItem => ({
          status,
          step: step.id,
          title: result.title,
          reference: result.id,
          target: result.target,
          action: checkAction(result),
        }),
      );
    const progress = input.progress;
    const items =
      progress === null
        ? []
        : step.items
            .filter((item) => progress[item.id]?.done !== true)
            .map((item): OpenItem => {
              // A Test item whose latest evidence failed is a failure to fix, with what the evidence says.
              const failing = isTestItem(item.id) ? testItemProof(evidence, item.id) : null;
              if (failing?.state === 'failing') return { status: 'fail', step: step.id, title: item.title, reference: item.id, target: null, action: failing.reason };
              return { status: 'open', step: step.id, title: item.title, reference: item.id, target: null, action: item.explanation };
            });
    return [...checks, ...items];
  });
}
