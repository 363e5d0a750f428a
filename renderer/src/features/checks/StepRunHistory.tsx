import type { Engagement, StepId } from '../../../../preload/contract';
import { useCheckCatalogStore } from './check-catalog-store';
import { comparedPair, stepRuns } from './run-changes';
import { historyKey, useRunHistoryStore } from './run-history-store';
import { RunChanges } from './RunChanges';
import { RunHistoryList } from './RunHistoryList';

/** A step's run history: the changes since the run compared with (the previous one by default), then the list of runs. */
export function StepRunHistory({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const catalog = useCheckCatalogStore((state) => state.checks);
  const chosen = useRunHistoryStore((state) => state.chosen[historyKey(engagement.id, step)] ?? null);
  const choose = useRunHistoryStore((state) => state.choose);
  const runs = stepRuns(engagement, step, catalog);
  if (runs.length === 0) return null;
  const pair = comparedPair(runs, chosen);
  return (
    <div className="step-run-history">
      {pair !== null && <RunChanges current={pair.current} previous={pair.previous} />}
      <RunHistoryList runs={runs} engagement={engagement} comparedId={pair?.previous.id ?? null} onCompare={(runId) => choose(engagement.id, step, runId)} />
    </div>
  );
}
