import { checklist } from '../../../preload/contract';
import type { StepId } from '../../../preload/contract';
import type { Engagement } from '../../../preload/contract';
import { tally } from '../progress';
import { useCheckOrder } from '../stores/check-catalog';
import { useEngagementsStore } from '../stores/engagements';
import { CertificateInspector } from './CertificateInspector';
import { CheckSettingsCard } from './CheckSettingsCard';
import { ChecklistItemRow } from './ChecklistItemRow';
import { ConnectorChoicesCard } from './ConnectorChoicesCard';
import { EngagementDetailsCard } from './EngagementDetailsCard';
import { FirewallRulesPanel } from './FirewallRulesPanel';
import { M365Panel } from './M365Panel';
import { MailFlowDiagram } from './MailFlowDiagram';
import { ReportButton } from './ReportButton';
import { RecordsPanel } from './RecordsPanel';
import { ScriptsPanel } from './ScriptsPanel';
import { StepChecks } from './StepChecks';
import { StepNav } from './StepNav';
import { TenantFacts } from './TenantFacts';
import { TestStepTools } from './TestStepTools';

/** What each step's page shows below its checklist, in the order a person needs it. */
function StepTools({ engagement, step }: { engagement: Engagement; step: StepId }) {
  switch (step) {
    case 'prerequisites':
      return (
        <>
          <EngagementDetailsCard engagement={engagement} />
          <CheckSettingsCard key={`settings-${engagement.id}`} engagement={engagement} />
          <CertificateInspector engagement={engagement} />
          <FirewallRulesPanel />
        </>
      );
    case 'part1':
      return (
        <>
          <M365Panel engagement={engagement} />
          <MailFlowDiagram engagement={engagement} />
          <RecordsPanel engagement={engagement} checks={['dns.mx']} />
          <ConnectorChoicesCard key={`choices-${engagement.id}`} engagement={engagement} />
          <ScriptsPanel engagement={engagement} />
        </>
      );
    case 'part2':
      return (
        <>
          <MailFlowDiagram engagement={engagement} />
          <RecordsPanel engagement={engagement} checks={['dns.spf', 'dns.dmarc']} />
          <ScriptsPanel engagement={engagement} />
        </>
      );
    case 'test':
      return <TestStepTools engagement={engagement} />;
  }
}

export function EngagementView({ engagement, step }: { engagement: Engagement; step: StepId }) {
  const { showStep, setItemDone } = useEngagementsStore();
  const checkOrder = useCheckOrder();
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
            <h1 id="step-heading">{current.title}</h1>
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
        <ol className="items">
          {current.items.map((item) => (
            <ChecklistItemRow
              key={item.id}
              item={item}
              progress={engagement.progress[item.id]}
              results={engagement.checkResults.filter((result) => item.checks.includes(result.id)).sort((a, b) => checkOrder(a.id) - checkOrder(b.id))}
              onToggle={(value) => void setItemDone(engagement.id, item.id, value)}
            >
              {item.id === 'p1.configure-office365' && <TenantFacts engagement={engagement} />}
            </ChecklistItemRow>
          ))}
        </ol>
        <StepTools engagement={engagement} step={current.id} />
      </section>
    </div>
  );
}
