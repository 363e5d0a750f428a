/**
 * The Test step's two paste tools: message headers (the path a message took) and bounces (what a
 * non-delivery report means). Pasted text is kept whatever happens, so bad input loses nothing.
 */
import { create } from 'zustand';
import type { HeaderAnalysis } from '../../../preload/contract';
import type { BounceAnalysis } from '../../../preload/contract';
import type { MailflowApi } from '../../../preload/contract';
import { useAppStore } from './app';

/** The core accepts at most this many characters of pasted text; files are capped to match. */
export const MAX_PASTE_CHARS = 2_000_000;
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
  /** Why the last run gave no result, in words a person can act on. */
  readonly error: string | null;
  readonly busy: boolean;
}

type ToolStates = { readonly [K in PasteTool]: PasteToolState<PasteResults[K]> };

interface TestStepState extends ToolStates {
  readonly setText: (tool: PasteTool, text: string) => void;
  /** Analyses the headers text now in the store. */
  readonly analyse: () => Promise<void>;
  /** Decodes the bounce text now in the store. */
  readonly decode: () => Promise<void>;
  /** Reads a .eml/.txt file into the tool's text and runs the tool on it. */
  readonly openFile: (tool: PasteTool, file: File) => Promise<void>;
  /** Empties the tool: text, result and error. */
  readonly clear: (tool: PasteTool) => void;
}

const WHAT: Readonly<Record<PasteTool, string>> = { headers: 'message headers', bounce: 'bounce message' };

const CALLS: { readonly [K in PasteTool]: (api: MailflowApi, text: string) => Promise<PasteResults[K]> } = {
  headers: (api, text) => api.analyseHeaders(text),
  bounce: (api, text) => api.decodeBounce(text),
};

const empty = { text: '', result: null, error: null, busy: false } as const;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Why a text cannot be sent to the core, or null when it can. */
function inputProblem(tool: PasteTool, text: string): string | null {
  if (text.trim() === '') return `Paste the ${WHAT[tool]} first, or open a .eml or .txt file.`;
  if (text.length > MAX_PASTE_CHARS) {
    return `That is ${text.length.toLocaleString('en')} characters; at most ${MAX_PASTE_CHARS.toLocaleString('en')} can be read. Paste only the ${WHAT[tool]}, without attachments.`;
  }
  return null;
}

export const useTestStepStore = create<TestStepState>((set, get) => {
  /** Each run gets a number; an answer that arrives after a newer run (or a clear) is dropped. */
  const latest: Record<PasteTool, number> = { headers: 0, bounce: 0 };

  const patch = <K extends PasteTool>(tool: K, change: Partial<PasteToolState<PasteResults[K]>>): void => {
    set((state) => ({ [tool]: { ...state[tool], ...change } }));
  };

  const run = async (tool: PasteTool): Promise<void> => {
    const { text } = get()[tool];
    const problem = inputProblem(tool, text);
    if (problem !== null) {
      patch(tool, { result: null, error: problem });
      return;
    }
    const api = useAppStore.getState().api;
    if (api === null) {
      patch(tool, { error: 'The app is still starting; try again in a moment.' });
      return;
    }
    const current = ++latest[tool];
    patch(tool, { busy: true, error: null });
    try {
      const result = await CALLS[tool](api, text);
      if (current === latest[tool]) patch(tool, { result, busy: false });
    } catch (error) {
      if (current === latest[tool]) patch(tool, { result: null, error: message(error), busy: false });
    }
  };

  return {
    headers: empty,
    bounce: empty,
    setText(tool, text) {
      patch(tool, { text });
    },
    analyse: () => run('headers'),
    decode: () => run('bounce'),
    async openFile(tool, file) {
      if (file.size > MAX_FILE_BYTES) {
        patch(tool, {
          error: `${file.name} is ${megabytes(file.size)}; files up to ${megabytes(MAX_FILE_BYTES)} can be opened. Save only the headers or the bounce text to a file and open that.`,
        });
        return;
      }
      let text: string;
      try {
        text = await file.text();
      } catch (error) {
        patch(tool, { error: `${file.name} could not be read: ${message(error)}` });
        return;
      }
      patch(tool, { text });
      await run(tool);
    },
    clear(tool) {
      latest[tool] += 1;
      patch(tool, empty);
    },
  };
});
