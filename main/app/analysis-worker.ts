/** The worker thread of main/app/analysis.ts: one analysis of the text it was started with. */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../../preload/vocabulary/errors.js';
import { analyseHeaders, NoHeadersError } from '../core/headers/analyse.js';
import { decodeBounce, NoBounceError } from '../core/ndr/decode.js';
import type { AnalysisAnswer, AnalysisTask } from './analysis.js';

function answer(task: AnalysisTask): AnalysisAnswer {
  try {
    return { ok: true, value: task.kind === 'headers' ? analyseHeaders(task.text) : decodeBounce(task.text) };
  } catch (error) {
    const failure = error instanceof NoHeadersError ? 'no-headers' : error instanceof NoBounceError ? 'no-bounce' : 'other';
    return { ok: false, failure, message: errorMessage(error) };
  }
}

parentPort?.postMessage(answer(workerData as AnalysisTask));
