import type { LiveRun } from './live-run';
import { useCheckCatalogStore } from './check-catalog-store';

/** How far a running check run has come, and which checks are running now. */
export function RunProgress({ run }: { run: LiveRun }) {
  const checks = useCheckCatalogStore((state) => state.checks);
  const titleOf = (id: string): string => checks.find((check) => check.id === id)?.title ?? id;
  return (
    <div className="run-progress" role="status" aria-live="polite">
      <div className="progress" aria-hidden="true">
        <div className="progress-bar" style={{ width: `${run.total === 0 ? 0 : (100 * run.done) / run.total}%` }} />
      </div>
      <p className="small muted">
        {run.done} of {run.total || '…'} checks done{run.running.length > 0 ? ` · now: ${run.running.map(titleOf).join(', ')}` : ''}
      </p>
    </div>
  );
}
