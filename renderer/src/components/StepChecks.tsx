import { useCheckOrder } from '../stores/check-catalog';
import type { StepId } from '../../../preload/contract';
import type { Engagement } from '../../../preload/contract';
import { formatTime } from '../progress';
import { useChecksStore } from '../stores/checks';
import { CheckResultRow } from './CheckResultRow';

/** Checks whose results belong on a step's page: the step's own, in report order. */
export function resultsForStep(engagement: Engagement, step: StepId, checkOrder: (id: string) => number) {
  return engagement.checkResults.filter((result) => result.step === step).sort((a, b) => checkOrder(a.id) - checkOrder(b.id));
}

function missingAnswers(engagement: Engagement): string | null {
  if (engagement.domains.length === 0 && engagement.smartHosts.length === 0) return 'Add a domain and the smart host in Details first.';
  if (engagement.domains.length === 0) return 'Add at least one domain in Details first.';
  if (engagement.smartHosts.length === 0) return 'Add the smart host in Details first.';
  return null;
}

/** Runs the step's checks with live progress; shows the last results (saved, so also offline). */
export function StepChecks({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const { run, start, cancel } = useChecksStore();
  const mine = run !== null && run.engagementId === engagement.id && run.step === step ? run : null;
  const checkOrder = useCheckOrder();
  const saved = resultsForStep(engagement, step, checkOrder);
  const missing = missingAnswers(engagement);
  const lastRun = saved.reduce<string | null>((latest, result) => (latest === null || result.ranAt > latest ? result.ranAt : latest), null);
  const counts = (['pass', 'warn', 'fail', 'error', 'skip'] as const)
    .map((status) => [status, saved.filter((r) => r.status === status).length] as const)
    .filter(([, count]) => count > 0);

  return (
    <section className="card step-checks" aria-labelledby={`checks-${step}`}>
      <div className="card-header">
        <div>
          <h2 id={`checks-${step}`}>Checks</h2>
          <p className="muted small">
            {mine !== null
              ? 'Running…'
              : lastRun === null
                ? 'Not run yet for this engagement.'
                : `Last run ${formatTime(lastRun)}: ${counts.map(([status, count]) => `${count} ${status}`).join(', ')}.`}
          </p>
        </div>
        {mine === null ? (
          <button type="button" className="button primary" disabled={missing !== null || run !== null} onClick={() => void start(engagement.id, step)}>
            {lastRun === null ? 'Run checks' : 'Run again'}
          </button>
        ) : (
          <button type="button" className="button" disabled={mine.cancelling} onClick={() => void cancel()}>
            {mine.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {missing !== null && <p className="inline-problem">{missing}</p>}
      {mine !== null && (
        <div className="run-progress" role="status" aria-live="polite">
          <div className="progress" aria-hidden="true">
            <div className="progress-bar" style={{ width: `${mine.total === 0 ? 0 : (100 * mine.done) / mine.total}%` }} />
          </div>
          <p className="small muted">
            {mine.done} of {mine.total || '…'} checks done{mine.running.length > 0 ? ` · now: ${mine.running.join(', ')}` : ''}
          </p>
        </div>
      )}
      <ul className="check-results">
        {(mine !== null ? mine.results.filter((r) => r.step === step).sort((a, b) => checkOrder(a.id) - checkOrder(b.id)) : saved).map((result) => (
          <CheckResultRow key={`${result.id}|${result.target ?? ''}`} result={result} />
        ))}
      </ul>
    </section>
  );
}
