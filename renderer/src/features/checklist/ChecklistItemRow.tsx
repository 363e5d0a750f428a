import type { ReactNode } from 'react';
import type { ChecklistItem } from '../../../../preload/contract';
import type { ItemProgress, SavedCheckResult, TestItemProof } from '../../../../preload/contract';
import type { ProofState } from '../checks/proof';
import type { OfficeProofLine } from '../imports/office-proof';
import { formatTime, localizeTimes } from '../../ui/format-time';
import { StatusPill } from '../../ui/StatusPill';
import { itemProofText } from './item-proof-text';

interface ChecklistItemRowProps {
  readonly item: ChecklistItem;
  readonly progress: ItemProgress | undefined;
  /** The current results of the checks that prove this item (checks/proof.ts). */
  readonly results: readonly SavedCheckResult[];
  /** What those checks prove, as the mail-flow diagram reads them. */
  readonly proof: ProofState;
  /** Saved results about an earlier smart host or a removed domain, which no longer count. */
  readonly staleCount: number;
  /** What Microsoft's own proof, pasted back, says about this item (apart from this computer's checks). */
  readonly officeProof: readonly OfficeProofLine[];
  /** What the Test step's evidence proves (Test items only), or null. */
  readonly testProof: TestItemProof | null;
  /** Why the last tick of this item was not saved (it was undone), or null. */
  readonly tickProblem: string | null;
  readonly onToggle: (done: boolean) => void;
  /** Facts read from elsewhere (the tenant) that help decide this item. */
  readonly children?: ReactNode;
}

export function ChecklistItemRow({ item, progress, results, proof, staleCount, officeProof, testProof, tickProblem, onToggle, children }: ChecklistItemRowProps) {
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
        {tickProblem !== null && (
          <p className="inline-problem" role="alert">
            {tickProblem}
          </p>
        )}
        {children}
        {officeProof.length > 0 && (
          <>
            <p className="item-proof-source">From Office 365</p>
            <ul className="item-checks item-office-proof" aria-label="Proof from Office 365">
              {officeProof.map((line, index) => (
                <li key={`${String(index)}|${line.text}`} className="item-check">
                  <StatusPill status={line.status} />
                  <span>{line.text}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        {results.length > 0 && officeProof.length > 0 && <p className="item-proof-source">From this computer</p>}
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
          {itemProofText(item, proof, results.length > 0, officeProof, testProof)}
          {staleCount > 0 && ` ${String(staleCount)} older ${staleCount === 1 ? 'result is' : 'results are'} out of date (an earlier smart host, domain or check settings) and no longer count${staleCount === 1 ? 's' : ''}.`}
          {progress !== undefined && ` · ${done ? 'ticked' : 'unticked'} ${formatTime(progress.at)}`}
        </p>
      </div>
    </li>
  );
}
