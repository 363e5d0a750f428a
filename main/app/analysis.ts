/**
 * Header analysis and bounce decoding for the faces that serve other calls meanwhile (the preview
 * server, Electron main): a 2 MB paste takes the analysers up to a second of CPU, so they run in a
 * worker thread and the event loop keeps answering. Tests and the CLI use them in process.
 */
import { Worker } from 'node:worker_threads';
import type { BounceAnalysis, HeaderAnalysis } from '../../preload/vocabulary/index.js';
import { analyseHeaders, NoHeadersError } from '../core/headers/analyse.js';
import { decodeBounce, NoBounceError } from '../core/ndr/decode.js';

export interface Analysers {
  headers(text: string): Promise<HeaderAnalysis>;
  bounce(text: string): Promise<BounceAnalysis>;
}

export const inProcessAnalysers: Analysers = {
  headers: (text) => Promise.resolve(analyseHeaders(text)),
  bounce: (text) => Promise.resolve(decodeBounce(text)),
};

/** What the worker is asked, and what it answers; typed failures keep their class across the thread. */
export interface AnalysisTask {
  readonly kind: 'headers' | 'bounce';
  readonly text: string;
}
export type AnalysisAnswer =
  | { readonly ok: true; readonly value: HeaderAnalysis | BounceAnalysis }
  | { readonly ok: false; readonly failure: 'no-headers' | 'no-bounce' | 'other'; readonly message: string };

/** Runs one task in the worker script at `workerPath` (out/main/analysis-worker.js in a build). */
function inWorker(workerPath: string, task: AnalysisTask): Promise<HeaderAnalysis | BounceAnalysis> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerPath, { workerData: task });
    let answered = false;
    worker.once('message', (answer: AnalysisAnswer) => {
      answered = true;
      if (answer.ok) resolve(answer.value);
      else if (answer.failure === 'no-headers') reject(new NoHeadersError());
      else if (answer.failure === 'no-bounce') reject(new NoBounceError());
      else reject(new Error(answer.message));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The analysis stopped without an answer (worker exit code ${String(code)}).`));
    });
  });
}

/** The analysers in a worker thread, one thread per call, so a long analysis never blocks other calls. */
export function workerAnalysers(workerPath: string): Analysers {
  return {
    headers: async (text) => (await inWorker(workerPath, { kind: 'headers', text })) as HeaderAnalysis,
    bounce: async (text) => (await inWorker(workerPath, { kind: 'bounce', text })) as BounceAnalysis,
  };
}
