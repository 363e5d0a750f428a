import { checklist } from '../../../main/core/checklist/outline';
import type { StepId } from '../../../main/core/checks/types';
import type { Engagement } from '../../../main/core/engagements/model';
import { tally } from '../progress';
import { useEngagementsStore } from '../stores/engagements';
import { ChecklistItemRow } from './ChecklistItemRow';
import { EngagementDetailsCard } from './EngagementDetailsCard';
import { StepNav } from './StepNav';

export function EngagementView({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const { showStep, setItemDone } = useEngagementsStore();
  const current = checklist.find((s) => s.id === step) ?? checklist[0];
  if (current === undefined) return null;
  const { done, total } = tally(engagement, current.id);
  return (
    <div className="engagement-layout">
      <aside className="sidebar">
        <StepNav engagement={engagement} current={current.id} onSelect={showStep} />
      </aside>
      <section className="page" aria-labelledby="step-heading">
        <div className="page-header">
          <div>
            <p className="eyebrow">{engagement.name}</p>
            <h1 id="step-heading">{current.title}</h1>
            <p className="muted">{current.summary}</p>
          </div>
          <p className="step-tally" aria-live="polite">
            {done} of {total} done
          </p>
        </div>
        <ol className="items">
          {current.items.map((item) => (
            <ChecklistItemRow
              key={item.id}
              item={item}
              progress={engagement.progress[item.id]}
              onToggle={(value) => void setItemDone(engagement.id, item.id, value)}
            />
          ))}
        </ol>
        {current.id === 'prerequisites' && <EngagementDetailsCard engagement={engagement} />}
      </section>
    </div>
  );
}
