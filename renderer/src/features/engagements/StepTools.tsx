import type { Engagement, StepId } from '../../../../preload/contract';
import { CertificateInspector } from '../certificate/CertificateInspector';
import { CheckSettingsCard } from '../checks/CheckSettingsCard';
import { RecordsPanel } from '../checks/RecordsPanel';
import { FirewallRulesPanel } from '../firewall/FirewallRulesPanel';
import { InventoryPanel } from '../imports/InventoryPanel';
import { OfficeProofPanel } from '../imports/OfficeProofPanel';
import { M365Panel } from '../m365/M365Panel';
import { MailFlowDiagram } from '../mail-flow/MailFlowDiagram';
import { ConnectorChoicesCard } from '../scripts/ConnectorChoicesCard';
import { ScriptsPanel } from '../scripts/ScriptsPanel';
import { TestStepTools } from '../test-step/TestStepTools';
import { EngagementDetailsCard } from './EngagementDetailsCard';

/** What each step's page shows below its checklist, in the order a person needs it. */
export function StepTools({ engagement, step }: { engagement: Engagement; step: StepId }) {
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
          <InventoryPanel engagement={engagement} />
          <MailFlowDiagram engagement={engagement} />
          <RecordsPanel engagement={engagement} checks={['dns.mx']} />
          <ConnectorChoicesCard key={`choices-${engagement.id}`} engagement={engagement} />
          <ScriptsPanel engagement={engagement} />
          <OfficeProofPanel engagement={engagement} focus="validation" />
        </>
      );
    case 'part2':
      return (
        <>
          <InventoryPanel engagement={engagement} />
          <MailFlowDiagram engagement={engagement} />
          <RecordsPanel engagement={engagement} checks={['dns.spf', 'dns.dmarc']} />
          <ScriptsPanel engagement={engagement} />
        </>
      );
    case 'test':
      return (
        <>
          <TestStepTools engagement={engagement} />
          <OfficeProofPanel engagement={engagement} focus="trace" />
        </>
      );
  }
}
