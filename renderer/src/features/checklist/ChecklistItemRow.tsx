import type { ReactNode } from 'react';
import type { ChecklistItem } from '../../../../preload/contract';
import type { ItemProgress, SavedCheckResult } from '../../../../preload/contract';
import type { ProofState } from '../checks/proof';
import { formatTime, localizeTimes } from '../../ui/format-time';
import { StatusPill } from '../../ui/StatusPill';

interface ChecklistItemRowProps {
  readonly item: ChecklistItem;
  readonly progress: ItemProgress | undefined;
  /** The current results of the checks that prove this item (checks/proof.ts). */
  readonly results: readonly SavedCheckResult[];
  /** What those checks prove, as the mail-flow diagram reads them. */
  readonly proof: ProofState;
  /** Saved results about an earlier smart host or a removed domain, which no longer count. */
  readonly staleCount: number;
  readonly onToggle: (done: boolean) => void;
  /** Facts read from elsewhere (the tenant) that help decide this item. */
  readonly children?: ReactNode;
}

/** What the item's checks say, in one line, from the same verdict the diagram draws. */
function proofText(item: ChecklistItem, proof: ProofState, hasResults: boolean): string {
  if (item.checks.length === 0) return 'Confirm by hand: no check can prove this from here.';
  if (proof === 'failing') return 'A check fails: fix it, run the checks again, then tick it.';
  if (proof === 'proved') return 'The checks prove it. Tick it when you are satisfied.';
  return hasResults ? 'Not proved yet: some checks have not passed or not run. Run the checks, then tick it.' : 'Run the checks to prove it, then tick it.';
}

export function ChecklistItemRow({ item, progress, results, proof, staleCount, onToggle, children }: ChecklistItemRowProps) {
  const done = progress?.done === true;
  const inputId = `item-${item.id}`;
  return (
    <li className={`item${done ? ' item-done' : ''}`}>
      <input id={inputId} type="checkbox" className="item-tick" checked={done} onChange={(event) => onToggle(event.target.checked)} aria-describedby={`${inputId}-explanation`} />
      <div className="item-body">
        <label htmlFor={inputId} className="item-title">
          {item.title}
        </label>
        <p id={`${inputId}-explanation`} className="item-explanation">
          {item.explanation}
        </p>
        {children}
        {results.length > 0 && (
          <ul className="item-checks" aria-label="Latest check results">
            {results.map((result) => (
              <li key={`${result.id}|${result.target ?? ''}`} className="item-check" title={localizeTimes(result.summary)}>
                <StatusPill status={result.status} />
                <span>
                  {result.title}
                  {result.target !== null && item.checks.length > 0 && result.id.startsWith('dns.') && !result.id.startsWith('dns.smarthost') ? ` (${result.target})` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="muted small">
          {proofText(item, proof, results.length > 0)}
          {staleCount > 0 && ` ${String(staleCount)} older ${staleCount === 1 ? 'result is' : 'results are'} about an earlier smart host or domain and no longer count${staleCount === 1 ? 's' : ''}.`}
          {progress !== undefined && ` · ${done ? 'ticked' : 'unticked'} ${formatTime(progress.at)}`}
        </p>
      </div>
    </li>
  );
}
