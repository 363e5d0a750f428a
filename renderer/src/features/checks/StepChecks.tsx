import { offlineForRun, parseDnsServer, type CheckResult, type Engagement, type SavedCheckResult, type StepId } from '../../../../preload/contract';
import { useEngagementsStore } from '../engagements/engagements-store';
import { CheckResultRow } from './CheckResultRow';
import { RunProgress } from './RunProgress';
import { StepRunHistory } from './StepRunHistory';
import { useChecksStore } from './checks-store';
import { useCheckCatalogStore, useCheckOrder } from './check-catalog-store';
import { useAppStore } from '../app-shell/app-store';
import { joinList } from './proof';
import { groupResults, groupSummary, lastRunAt, lastRunText, missingAnswers, nextStep, resultsForStep, splitByCurrency, staleText } from './step-results';

type Shown = SavedCheckResult | CheckResult;

const keyOf = (result: Shown): string => `${result.id}|${result.target ?? ''}`;

/** Results collapsed under one line: the passes, and the checks skipped because of an earlier problem. */
function CollapsedResults({ label, results, engagementId }: { label: string; results: readonly Shown[]; engagementId: string }) {
  if (results.length === 0) return null;
  return (
    <details className="check-group">
      <summary>{label}</summary>
      <ul className="check-results">
        {results.map((result) => (
          <CheckResultRow key={keyOf(result)} result={result} engagementId={engagementId} />
        ))}
      </ul>
    </details>
  );
}

/** With nothing left to fix on this step: the way on. */
function NextStepCall({ step }: { step: StepId }) {
  const showStep = useEngagementsStore((state) => state.showStep);
  const next = nextStep(step);
  return (
    <div className="step-done" role="status">
      <p>Nothing to fix here: every check of this step passed.</p>
      {next !== null && (
        <button type="button" className="button primary" onClick={() => showStep(next.id)}>
          Next: {next.title} →
        </button>
      )}
    </div>
  );
}

/** Offline: which of this step's checks cannot run from here, and that their last results stay. */
function OfflineNotice({ step, detail }: { step: StepId; detail: string }) {
  const checks = useCheckCatalogStore((state) => state.checks).filter((check) => check.step === step);
  const network = checks.filter((check) => check.network);
  if (network.length === 0) return null;
  const offlineToo = checks.length - network.length;
  return (
    <div className="inline-problem" role="status">
      <p>
        Not runnable now: {detail} The {network.length === 1 ? 'check' : `${String(network.length)} checks`} of this step that need the network{' '}
        {network.length === 1 ? 'is' : 'are'} not run (the run shows {network.length === 1 ? 'it' : 'them'} as skipped), and {network.length === 1 ? 'its' : 'their'} last results stay as they were.
        {offlineToo > 0 ? ` The ${offlineToo === 1 ? 'check' : `${String(offlineToo)} checks`} that work offline still run.` : ''}
      </p>
      <details>
        <summary>Which checks need the network</summary>
        <p>{joinList(network.map((check) => check.title))}.</p>
      </details>
    </div>
  );
}

/** Runs the step's checks with live progress; shows what needs doing first, the passes folded away (saved, so also offline). */
export function StepChecks({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const { run, start, cancel } = useChecksStore();
  const mine = run !== null && run.engagementId === engagement.id && run.step === step ? run : null;
  const saved = resultsForStep(engagement, step, useCheckOrder());
  const { current, stale } = splitByCurrency(engagement, saved);
  const missing = missingAnswers(engagement);
  const shown: readonly Shown[] = mine !== null ? mine.results.filter((r) => r.step === step) : current;
  const outOfDate = mine === null ? staleText(engagement, stale) : null;
  const groups = groupResults(shown);
  const finished = mine === null && lastRunAt(saved) !== null;
  const network = useAppStore((state) => state.network);
  const catalog = useCheckCatalogStore((state) => state.checks).filter((check) => check.step === step);
  // The runner's own rule: offline unless the run stays on this computer (a loopback DNS server).
  const dnsServer = engagement.checkSettings.dnsServer === null ? null : parseDnsServer(engagement.checkSettings.dnsServer);
  const offline = offlineForRun(network, { dnsServer: dnsServer?.ok === true ? dnsServer.value : null, smartHosts: engagement.smartHosts });
  const runnable = !offline || catalog.some((check) => !check.network);

  return (
    <section className="card step-checks" aria-labelledby={`checks-${step}`}>
      <div className="card-header">
        <div>
          <h2 id={`checks-${step}`}>Checks</h2>
          <p className="muted small">{mine !== null ? 'Running…' : lastRunText(saved)}</p>
        </div>
        {mine === null ? (
          <button type="button" className="button primary" disabled={missing !== null || run !== null || !runnable} onClick={() => void start(engagement.id, step)}>
            {lastRunAt(saved) === null ? 'Run checks' : 'Run again'}
          </button>
        ) : (
          <button type="button" className="button" disabled={mine.cancelling} onClick={() => void cancel()}>
            {mine.cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {missing !== null && <p className="inline-problem">{missing}</p>}
      {offline && <OfflineNotice step={step} detail={network.detail} />}
      {mine !== null && <RunProgress run={mine} />}
      {outOfDate !== null && (
        <p className="inline-problem" role="status">
          {outOfDate}
        </p>
      )}
      {shown.length > 0 && <p className="check-tally">{groupSummary(groups)}</p>}
      {groups.problems.length > 0 && (
        <ul className="check-results" aria-label="To fix first">
          {groups.problems.map((result) => (
            <CheckResultRow key={keyOf(result)} result={result} engagementId={engagement.id} />
          ))}
        </ul>
      )}
      {finished && stale.length === 0 && groups.problems.length === 0 && groups.passed.length > 0 && <NextStepCall step={step} />}
      <CollapsedResults label={`${groups.passed.length} passed`} results={groups.passed} engagementId={engagement.id} />
      <CollapsedResults label={`${groups.skipped.length} skipped`} results={groups.skipped} engagementId={engagement.id} />
      {mine === null && <CollapsedResults label={`${stale.length} out of date`} results={stale} engagementId={engagement.id} />}
      {mine === null && <StepRunHistory engagement={engagement} step={step} />}
    </section>
  );
}
