/**
 * The Test step's two paste tools: message headers (the path a message took) and bounces (what a
 * non-delivery report means). Pasted text is kept whatever happens, so bad input loses nothing.
 * A tool's problem (bad input or the core's refusal) is shown in the errors store under the
 * tool's own place.
 */
import { create } from 'zustand';
import { LIMITS, type BounceAnalysis, type EvidenceKept, type HeaderAnalysis, type MailflowApi, type Recorded } from '../../../../preload/contract';
import { runAction } from '../../api/actions';
import { useErrorsStore } from '../../api/errors';
import { useEngagementsStore } from '../engagements/engagements-store';
import { readTextFile } from '../../ui/read-file';

/** Largest file opened, in bytes ("2 MB"): headers and bounces are far smaller. */
export const MAX_FILE_BYTES = 2_000_000;

export type PasteTool = 'headers' | 'bounce';

/** What each tool produces. */
export interface PasteResults {
  readonly headers: HeaderAnalysis;
  readonly bounce: BounceAnalysis;
}

export interface PasteToolState<T> {
  readonly text: string;
  readonly result: T | null;
  /** Whether the result was kept as Test evidence of the engagement, and for which item, or why not. */
  readonly kept: EvidenceKept | null;
}

type ToolStates = { readonly [K in PasteTool]: PasteToolState<PasteResults[K]> };

interface TestStepState extends ToolStates {
  readonly setText: (tool: PasteTool, text: string) => void;
  /** Runs the tool on the text now in the store, keeping the result as the engagement's Test evidence. */
  readonly run: (tool: PasteTool, engagementId: string) => Promise<void>;
  /** Reads a .eml/.txt file into the tool's text and runs the tool on it. */
  readonly openFile: (tool: PasteTool, engagementId: string, file: File) => Promise<void>;
  /** Empties the tool: text, result and problem. */
  readonly clear: (tool: PasteTool) => void;
}

const WHAT: Readonly<Record<PasteTool, string>> = { headers: 'message headers', bounce: 'bounce message' };

/** The action behind each tool: its label (the busy flag) and its call. */
export const TOOL_ACTIONS: {
  readonly [K in PasteTool]: { readonly label: string; readonly call: (api: MailflowApi, text: string, engagementId: string) => Promise<Recorded<PasteResults[K]>> };
} = {
  headers: { label: 'analyseHeaders', call: (api, text, engagementId) => api.analyseHeaders(text, engagementId) },
  bounce: { label: 'decodeBounce', call: (api, text, engagementId) => api.decodeBounce(text, engagementId) },
};

const empty = { text: '', result: null, kept: null } as const;

/** Why a text cannot be sent to the core, or null when it can. */
export function inputProblem(tool: PasteTool, text: string): string | null {
  if (text.trim() === '') return `Paste the ${WHAT[tool]} first, or open a .eml or .txt file.`;
  if (text.length > LIMITS.pastedTextChars) {
    return `That is ${text.length.toLocaleString('en')} characters; at most ${LIMITS.pastedTextChars.toLocaleString('en')} can be read. Paste only the ${WHAT[tool]}, without attachments.`;
  }
  return null;
}

export const useTestStepStore = create<TestStepState>((set, get) => {
  /** Each run gets a number; an answer that arrives after a newer run (or a clear) is dropped. */
  const latest: Record<PasteTool, number> = { headers: 0, bounce: 0 };

  const patch = <K extends PasteTool>(tool: K, change: Partial<PasteToolState<PasteResults[K]>>): void => {
    set((state) => ({ [tool]: { ...state[tool], ...change } }));
  };
  const problem = (tool: PasteTool, message: string): void => {
    useErrorsStore.getState().show(tool, { code: 'bad-input', message });
  };

  return {
    headers: empty,
    bounce: empty,
    setText(tool, text) {
      patch(tool, { text });
    },
    async run(tool, engagementId) {
      const { text } = get()[tool];
      const refused = inputProblem(tool, text);
      if (refused !== null) {
        patch(tool, { result: null, kept: null });
        problem(tool, refused);
        return;
      }
      const current = ++latest[tool];
      const stale = (): boolean => current !== latest[tool];
      const { label, call } = TOOL_ACTIONS[tool];
      const outcome = await runAction<Recorded<PasteResults[PasteTool]>>({ label, place: tool, quiet: stale }, (api) => call(api, text, engagementId));
      if (outcome.ok && outcome.value.engagement !== null) useEngagementsStore.getState().saved(outcome.value.engagement);
      if (!stale()) patch(tool, outcome.ok ? { result: outcome.value.value, kept: outcome.value.kept } : { result: null, kept: null });
    },
    async openFile(tool, engagementId, file) {
      const read = await readTextFile(file, MAX_FILE_BYTES, 'Save only the headers or the bounce text to a file and open that.');
      if (!read.ok) {
        problem(tool, read.message);
        return;
      }
      patch(tool, { text: read.text });
      await get().run(tool, engagementId);
    },
    clear(tool) {
      latest[tool] += 1;
      patch(tool, empty);
      useErrorsStore.getState().dismiss(tool);
    },
  };
});
