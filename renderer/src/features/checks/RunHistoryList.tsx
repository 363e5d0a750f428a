import type { Engagement, SavedRun } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';
import { countsText, inputsSince } from './run-changes';

/** The step's last runs, newest first: when, what each found, whether it ran with other inputs; an earlier one can be compared. */
export function RunHistoryList({ runs, engagement, comparedId, onCompare }: { runs: readonly SavedRun[]; engagement: Engagement; comparedId: string | null; onCompare: (runId: string) => void }) {
  return (
    <details className="check-group run-history">
      <summary>Run history ({runs.length})</summary>
      <ol className="run-history-list">
        {runs.map((run, index) => {
          const since = inputsSince(run, engagement);
          return (
            <li key={run.id}>
              <span className="run-time">{formatTime(run.startedAt)}</span>
              {run.step === 'preflight' && <span className="muted small"> (command line)</span>}
              <span className="run-counts"> — {countsText(run)}</span>
              {since !== null && <span className="muted small"> · {since}</span>}
              {index > 0 &&
                (run.id === comparedId ? (
                  <span className="muted small"> · compared</span>
                ) : (
                  <button type="button" className="link-button" onClick={() => onCompare(run.id)}>
                    Compare with the latest
                  </button>
                ))}
            </li>
          );
        })}
      </ol>
    </details>
  );
}
