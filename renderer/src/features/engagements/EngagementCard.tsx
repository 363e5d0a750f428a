import type { Engagement } from '../../../../preload/contract';
import { tally } from '../checklist/progress';
import { formatTime } from '../../ui/format-time';
import { useEngagementsStore } from './engagements-store';
import { useTransferStore } from './transfer-store';

/** One engagement in the list: its domains, how far it has come, and what can be done with it. */
export function EngagementCard({ engagement, onRename, onDelete }: { engagement: Engagement; onRename: () => void; onDelete: () => void }) {
  const open = useEngagementsStore((state) => state.open);
  const exportEngagements = useTransferStore((state) => state.exportEngagements);
  const { done, total } = tally(engagement);
  return (
    <li className="card engagement-card">
      <div className="engagement-card-main">
        <h3 className="engagement-name">
          <button type="button" className="link-button" onClick={() => open(engagement.id)}>
            {engagement.name}
          </button>
        </h3>
        <p className="muted">{engagement.domains.length > 0 ? engagement.domains.join(', ') : 'No domains yet'}</p>
        {/* The bar repeats the words below it, which screen readers read. */}
        <div className="progress" aria-hidden="true">
          <div className="progress-bar" style={{ width: `${total === 0 ? 0 : (100 * done) / total}%` }} />
        </div>
        <p className="muted small">
          {done} of {total} items done · updated {formatTime(engagement.updatedAt)}
        </p>
      </div>
      <div className="engagement-card-actions">
        <button type="button" className="button primary" onClick={() => open(engagement.id)}>
          Open
        </button>
        <button type="button" className="button" onClick={onRename}>
          Rename
        </button>
        <button type="button" className="button" aria-label={`Export ${engagement.name}`} onClick={() => void exportEngagements([engagement.id])}>
          Export
        </button>
        <button type="button" className="button danger-quiet" onClick={onDelete}>
          Delete
        </button>
      </div>
    </li>
  );
}
