import { KeptNote } from '../KeptNote';
import { PasteToolInput } from '../PasteToolInput';
import { useTestStepStore } from '../test-step-store';
import { AnalysisView } from './AnalysisView';

/** Paste a message's headers and see the way it took, how it was protected and how it was judged. */
export function HeaderAnalyser({ engagementId }: { engagementId: string }) {
  const { result: analysis, kept } = useTestStepStore((state) => state.headers);
  return (
    <div className="ts-tool">
      <PasteToolInput
        tool="headers"
        engagementId={engagementId}
        label="Message headers"
        hint="In Outlook: open the message, File → Properties → Internet headers. In Outlook on the web: … → View → View message details."
        placeholder={'Received: from mail.contoso.com (mail.contoso.com [198.51.100.20])\n  by …mail.protection.outlook.com …'}
        actionLabel="Analyse"
        fileLabel="Open a message or headers file"
      />
      {analysis !== null && <KeptNote kept={kept} />}
      {analysis !== null && <AnalysisView analysis={analysis} />}
    </div>
  );
}
