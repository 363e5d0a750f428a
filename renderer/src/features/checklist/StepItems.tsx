import { isTestItem, testItemProof, type ChecklistStep, type Engagement } from '../../../../preload/contract';
import { itemProof, itemResults, staleResultCount } from '../checks/proof';
import { useEngagementsStore } from '../engagements/engagements-store';
import { TenantFacts } from '../m365/TenantFacts';
import { officeProofFor } from '../imports/office-proof';
import { ChecklistItemRow } from './ChecklistItemRow';
import { TestEvidenceList } from './TestEvidenceList';

/** A step's checklist items, each with the current results of the checks that prove it and what they prove. */
export function StepItems({ engagement, step }: { engagement: Engagement; step: ChecklistStep }) {
  const setItemDone = useEngagementsStore((state) => state.setItemDone);
  const tickProblem = useEngagementsStore((state) => state.tickProblem);
  return (
    <ol className="items">
      {step.items.map((item) => {
        const testProof = isTestItem(item.id) ? testItemProof(engagement.testEvidence, item.id) : null;
        return (
          <ChecklistItemRow
            key={item.id}
            item={item}
            progress={engagement.progress[item.id]}
            results={itemResults(engagement, item.id)}
            proof={itemProof(engagement, item.id).state}
            staleCount={staleResultCount(engagement, item.id)}
            officeProof={officeProofFor(engagement, item.id)}
            testProof={testProof}
            tickProblem={tickProblem?.itemId === item.id ? tickProblem.message : null}
            onToggle={(value) => void setItemDone(engagement.id, item.id, value)}
          >
            {item.id === 'p1.configure-office365' && <TenantFacts engagement={engagement} />}
            {testProof !== null && <TestEvidenceList engagement={engagement} proof={testProof} />}
          </ChecklistItemRow>
        );
      })}
    </ol>
  );
}
