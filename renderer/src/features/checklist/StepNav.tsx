import { checklist } from '../../../../preload/contract';
import type { StepId } from '../../../../preload/contract';
import type { Engagement } from '../../../../preload/contract';
import { tally } from '../checklist/progress';

interface StepNavProps {
  readonly engagement: Engagement;
  readonly current: StepId;
  readonly onSelect: (step: StepId) => void;
}

export function StepNav({ engagement, current, onSelect }: StepNavProps) {
  return (
    <nav className="step-nav" aria-label="Checklist steps">
      <ol>
        {checklist.map((step) => {
          const { done, total } = tally(engagement, step.id);
          return (
            <li key={step.id}>
              <button
                type="button"
                className={`step-link${step.id === current ? ' active' : ''}`}
                aria-current={step.id === current ? 'step' : undefined}
                onClick={() => onSelect(step.id)}
              >
                <span>{step.title}</span>
                <span className={`step-count${done === total ? ' complete' : ''}`}>
                  {done}/{total}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
