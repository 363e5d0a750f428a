import { checklist } from '../../../../preload/contract';
import type { StepId } from '../../../../preload/contract';
import type { Engagement } from '../../../../preload/contract';
import { stepCheckState, tally, type StepCheckState } from '../checklist/progress';

interface StepNavProps {
  readonly engagement: Engagement;
  readonly current: StepId;
  readonly onSelect: (step: StepId) => void;
}

/** The step's checks in words beside its name: what is left to fix, or that they have not run. */
function CheckStateLine({ state }: { state: StepCheckState }) {
  switch (state.kind) {
    case 'no-checks':
      return null;
    case 'not-checked':
      return <span className="step-state muted">not checked yet</span>;
    case 'to-fix':
      return <span className="step-state to-fix">{state.count} to fix</span>;
    case 'checked':
      return <span className="step-state checked">checks pass</span>;
  }
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
                <span className="step-name">
                  {step.title}
                  <CheckStateLine state={stepCheckState(engagement, step.id)} />
                </span>
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
