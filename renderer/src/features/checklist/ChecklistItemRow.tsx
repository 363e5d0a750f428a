import type { ReactNode } from 'react';
import type { ChecklistItem } from '../../../../preload/contract';
import type { ItemProgress, SavedCheckResult, TestItemProof } from '../../../../preload/contract';
import type { ProofState } from '../checks/proof';
import type { OfficeProofLine } from '../imports/office-proof';
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

const withStop = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** What the item's checks say, in one line, from the same verdict the diagram draws. */
function proofText(item: ChecklistItem, proof: ProofState, hasResults: boolean, officeProof: readonly OfficeProofLine[], testProof: TestItemProof | null): string {
  if (testProof !== null && testProof.state === 'failing') return `The latest test shows a problem: ${withStop(testProof.reason)} Fix it, then test again.`;
  if (testProof !== null && testProof.state === 'proved') return 'The delivered message’s headers above prove it. Tick it when you are satisfied.';
  if (testProof !== null && officeProof.length === 0) return testProof.reason;
  if (item.checks.length === 0) {
    if (officeProof.some((line) => line.status === 'fail')) return 'Office 365’s proof shows a problem: fix it, then tick it.';
    if (officeProof.length > 0 && officeProof.every((line) => line.status === 'pass')) return 'Office 365’s proof above shows it. Tick it when you are satisfied.';
    return 'Confirm by hand: no check can prove this from here.';
  }
  // Office 365's own answer outweighs this computer's: a failed validation is never "proved".
  if (officeProof.some((line) => line.status === 'fail')) return 'Office 365’s validation fails: fix what it names, then tick it.';
  if (proof === 'unchecked' && officeProof.length > 0 && officeProof.every((line) => line.status === 'pass')) {
    return 'Office 365’s proof above shows it; this computer’s checks have not proved it yet. Tick it when you are satisfied.';
  }
  if (proof === 'failing') return 'A check fails: fix it, run the checks again, then tick it.';
  if (proof === 'proved') return 'The checks prove it. Tick it when you are satisfied.';
  return hasResults ? 'Not proved yet: some checks have not passed or not run. Run the checks, then tick it.' : 'Run the checks to prove it, then tick it.';
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
          {proofText(item, proof, results.length > 0, officeProof, testProof)}
          {staleCount > 0 && ` ${String(staleCount)} older ${staleCount === 1 ? 'result is' : 'results are'} out of date (an earlier smart host, domain or check settings) and no longer count${staleCount === 1 ? 's' : ''}.`}
          {progress !== undefined && ` · ${done ? 'ticked' : 'unticked'} ${formatTime(progress.at)}`}
        </p>
      </div>
    </li>
  );
}
