import type { ReactNode } from 'react';
import { useBusy } from '../../api/actions';
import { useError } from '../../api/errors';
import { PasteInput } from '../../ui/PasteInput';
import { TOOL_ACTIONS, useTestStepStore, type PasteTool } from './test-step-store';

interface PasteToolInputProps {
  readonly tool: PasteTool;
  /** The engagement whose Test evidence the result is kept as. */
  readonly engagementId: string;
  readonly label: string;
  readonly hint: ReactNode;
  readonly placeholder: string;
  readonly actionLabel: string;
  readonly fileLabel: string;
}

const MESSAGE_FILES = { words: 'a .eml or .txt file (up to 2 MB)', accept: '.eml,.txt,message/rfc822,text/plain' } as const;

/** The paste box of one Test step tool, wired to its text, result, busy flag and problem. */
export function PasteToolInput({ tool, engagementId, ...texts }: PasteToolInputProps) {
  const { text, result } = useTestStepStore((state) => state[tool]);
  const { setText, run, openFile, clear } = useTestStepStore();
  const busy = useBusy(TOOL_ACTIONS[tool].label);
  const error = useError(tool);
  return (
    <PasteInput
      {...texts}
      fileKinds={MESSAGE_FILES}
      text={text}
      error={error?.message ?? null}
      busy={busy}
      hasResult={result !== null}
      onText={(value) => setText(tool, value)}
      onRun={() => void run(tool, engagementId)}
      onFile={(file) => void openFile(tool, engagementId, file)}
      onClear={() => clear(tool)}
    />
  );
}
