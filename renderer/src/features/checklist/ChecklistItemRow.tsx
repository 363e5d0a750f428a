import type { ReactNode } from 'react';
import type { ChecklistItem } from '../../../../preload/contract';
import type { ItemProgress, SavedCheckResult } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';
import { StatusPill } from '../../ui/StatusPill';

interface ChecklistItemRowProps {
  readonly item: ChecklistItem;
  readonly progress: ItemProgress | undefined;
  /** The latest results of the checks that prove this item. */
  readonly results: readonly SavedCheckResult[];
  readonly onToggle: (done: boolean) => void;
  /** Facts read from elsewhere (the tenant) that help decide this item. */
  readonly children?: ReactNode;
}

export function ChecklistItemRow({ item, progress, results, onToggle, children }: ChecklistItemRowProps) {
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
              <li key={`${result.id}|${result.target ?? ''}`} className="item-check" title={result.summary}>
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
          {item.checks.length > 0 ? (results.length > 0 ? 'Tick it when you are satisfied.' : 'Run the checks to prove it, then tick it.') : 'Confirm by hand: no check can prove this from here.'}
          {progress !== undefined && ` · ${done ? 'ticked' : 'unticked'} ${formatTime(progress.at)}`}
        </p>
      </div>
    </li>
  );
}
