import type { ChecklistItem } from '../../../main/core/checklist/outline';
import type { ItemProgress } from '../../../main/core/engagements/model';
import { formatTime } from '../progress';

interface ChecklistItemRowProps {
  readonly item: ChecklistItem;
  readonly progress: ItemProgress | undefined;
  readonly onToggle: (done: boolean) => void;
}

export function ChecklistItemRow({ item, progress, onToggle }: ChecklistItemRowProps) {
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
        <p className="muted small">
          {item.checks.length > 0 ? `Proved by checks: ${item.checks.join(', ')}` : 'Confirm by hand: no check can prove this from here.'}
          {progress !== undefined && ` · ${done ? 'ticked' : 'unticked'} ${formatTime(progress.at)}`}
        </p>
      </div>
    </li>
  );
}
