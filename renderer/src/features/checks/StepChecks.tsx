import type { Engagement, StepId } from '../../../../preload/contract';
import { CheckResultRow } from './CheckResultRow';
import { RunProgress } from './RunProgress';
import { useChecksStore } from './checks-store';
import { useCheckOrder } from './check-catalog-store';
import { lastRunAt, lastRunText, missingAnswers, resultsForStep } from './step-results';

/** Runs the step's checks with live progress; shows the last results (saved, so also offline). */
export function StepChecks({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const { run, start, cancel } = useChecksStore();
  const mine = run !== null && run.engagementId === engagement.id && run.step === step ? run : null;
  const saved = resultsForStep(engagement, step, useCheckOrder());
  const missing = missingAnswers(engagement);

  return (
    <section className="card step-checks" aria-labelledby={`checks-${step}`}>
      <div className="card-header">
        <div>
          <h2 id={`checks-${step}`}>Checks</h2>
          <p className="muted small">{mine !== null ? 'Running…' : lastRunText(saved)}</p>
        </div>
        {mine === null ? (
          <button type="button" className="button primary" disabled={missing !== null || run !== null} onClick={() => void start(engagement.id, step)}>
            {lastRunAt(saved) === null ? 'Run checks' : 'Run again'}
          </button>
        ) : (
          <button type="button" className="button" disabled={mine.cancelling} onClick={() => void cancel()}>
            {mine.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {missing !== null && <p className="inline-problem">{missing}</p>}
      {mine !== null && <RunProgress run={mine} />}
      <ul className="check-results">
        {(mine !== null ? mine.results.filter((r) => r.step === step) : saved).map((result) => (
          <CheckResultRow key={`${result.id}|${result.target ?? ''}`} result={result} engagementId={engagement.id} />
        ))}
      </ul>
    </section>
  );
}
