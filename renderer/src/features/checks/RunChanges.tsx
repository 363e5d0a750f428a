import type { SavedRun } from '../../../../preload/contract';
import { formatTime } from '../../ui/format-time';
import { useCheckCatalogStore } from './check-catalog-store';
import { pairChanges } from './run-changes';

/** "Changes since the previous run": what the latest run found differently from the one compared with. */
export function RunChanges({ current, previous }: { current: SavedRun; previous: SavedRun }) {
  const checks = useCheckCatalogStore((state) => state.checks);
  const titleOf = (id: string): string => checks.find((check) => check.id === id)?.title ?? id;
  const groups = pairChanges({ current, previous }, titleOf);
  return (
    <section className="run-changes" aria-labelledby={`changes-${current.id}`}>
      <h3 id={`changes-${current.id}`}>Changes since the previous run</h3>
      <p className="muted small">
        {formatTime(current.startedAt)} compared with {formatTime(previous.startedAt)}.
      </p>
      {groups.length === 0 ? (
        <p>Nothing changed: every check gave the same status with the same inputs.</p>
      ) : (
        groups.map((group) => (
          <div key={group.kind} className={`run-change run-change-${group.kind}`}>
            <h4>{group.heading}</h4>
            <ul>
              {group.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}
