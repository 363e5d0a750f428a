import type { BounceAnalysis } from '../../../../../preload/contract';
import { KeptNote } from '../KeptNote';
import { PasteToolInput } from '../PasteToolInput';
import { useTestStepStore } from '../test-step-store';
import { OtherDiagnoses } from './OtherDiagnoses';
import { PrimaryDiagnosis } from './PrimaryDiagnosis';
import { Recipients } from './Recipients';

function BounceView({ bounce }: { bounce: BounceAnalysis }) {
  const others = bounce.diagnoses.filter((diagnosis) => diagnosis !== bounce.primary);
  return (
    <div className="ts-result" aria-label="Bounce analysis">
      <PrimaryDiagnosis diagnosis={bounce.primary} reportingMta={bounce.reportingMta} />
      <OtherDiagnoses diagnoses={others} />
      <Recipients recipients={bounce.recipients} />
      {bounce.reportingMta !== null && <p className="small muted">Reported by {bounce.reportingMta}.</p>}
    </div>
  );
}

/** Paste a bounce and learn what it means between Office 365 and your server, and what to change. */
export function BounceDecoder({ engagementId }: { engagementId: string }) {
  const { result: bounce, kept } = useTestStepStore((state) => state.bounce);
  return (
    <div className="ts-tool">
      <PasteToolInput
        tool="bounce"
        engagementId={engagementId}
        label="Bounce message (non-delivery report)"
        hint="Paste the whole bounce, including the line with the error code (for example 550 5.7.64), or save it from your mail program."
        placeholder={'Remote server returned \'550 5.7.64 TenantAttribution; Relay Access Denied\''}
        actionLabel="Decode"
        fileLabel="Open a bounce file"
      />
      {bounce !== null && <KeptNote kept={kept} />}
      {bounce !== null && <BounceView bounce={bounce} />}
    </div>
  );
}
