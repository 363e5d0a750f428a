import { useEffect, useRef } from 'react';
import { checklist, type Engagement, type StepId } from '../../../../preload/contract';
import { StepItems } from '../checklist/StepItems';
import { StepNav } from '../checklist/StepNav';
import { tally } from '../checklist/progress';
import { StepChecks } from '../checks/StepChecks';
import { useFixFocus } from '../checks/use-fix-focus';
import { ReportButton } from '../report/ReportButton';
import { StepTools } from './StepTools';
import { useEngagementsStore } from './engagements-store';

export function EngagementView({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const showStep = useEngagementsStore((state) => state.showStep);
  useFixFocus();
  // Opening an engagement or another step starts at its top, with the focus on its heading (a fix
  // button that opened the step moves the focus on to its field afterwards).
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus({ preventScroll: true });
  }, [engagement.id, step]);
  const current = checklist.find((s) => s.id === step) ?? checklist[0];
  if (current === undefined) return null;
  const { done, total } = tally(engagement, current.id);
  const hasChecks = current.items.some((item) => item.checks.length > 0);
  return (
    <div className="engagement-layout">
      <aside className="sidebar">
        <StepNav engagement={engagement} current={current.id} onSelect={showStep} />
      </aside>
      <section className="page" aria-labelledby="step-heading">
        <div className="page-header">
          <div>
            <p className="eyebrow">{engagement.name}</p>
            <h1 id="step-heading" ref={heading} tabIndex={-1}>
              {current.title}
            </h1>
            <p className="muted">{current.summary}</p>
          </div>
          <div className="page-actions">
            <ReportButton engagement={engagement} />
            <p className="step-tally" aria-live="polite">
              {done} of {total} done
            </p>
          </div>
        </div>
        {hasChecks && <StepChecks engagement={engagement} step={current.id} />}
        <StepItems engagement={engagement} step={current} />
        <StepTools engagement={engagement} step={current.id} />
      </section>
    </div>
  );
}
