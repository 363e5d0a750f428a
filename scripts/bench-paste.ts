// `npx tsx scripts/bench-paste.ts` (after `npm run build`): where the time of a 2 MB paste goes in
// the preview (HTTP body, JSON, argument validation, header analysis, bounce decoding), and how long
// another call waits meanwhile, with the analysis in process and in the built worker thread. Prints
// figures; not a test (timings depend on the machine).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcessAnalysers, workerAnalysers, type Analysers } from '../main/app/analysis.js';
import { analyseHeaders } from '../main/core/headers/analyse.js';
import { decodeBounce } from '../main/core/ndr/decode.js';
import { argumentSchemas } from '../main/ipc/schemas.js';
import { composeApp } from '../main/ipc/compose.js';
import { createNodeSettingsStore } from '../main/platform/node-settings-store.js';
import { startPreviewServer } from '../main/preview/server.js';
import { LIMITS } from '../preload/vocabulary/limits.js';

const ms = (start: number): string => `${(performance.now() - start).toFixed(0)} ms`;
const sample = readFileSync(new URL('../test/fixtures/headers/exchange-online-inbound.eml', import.meta.url), 'utf8');
const [head = '', body = ''] = sample.split(/\r?\n\r?\n/);
const receivedLine = head.split(/\r?\n(?=\S)/).find((line) => line.startsWith('Received:')) ?? 'Received: from a by b; Mon, 1 Jan 2024 00:00:00 +0000';
/** Headers with many Received lines (the expensive shape), padded with body text to the paste cap. */
function paste(receivedCount: number): string {
  const headers = `${Array.from({ length: receivedCount }, () => receivedLine).join('\n')}\n${head}\n\n`;
  const filler = `${body}\n`.repeat(Math.ceil((LIMITS.pastedTextChars - headers.length) / (body.length + 1)));
  return (headers + filler).slice(0, LIMITS.pastedTextChars);
}

for (const received of [10, 1_000, 5_000]) {
  const text = paste(received);
  let start = performance.now();
  const json = JSON.stringify([text]);
  const stringify = ms(start);
  start = performance.now();
  JSON.parse(json);
  const parse = ms(start);
  start = performance.now();
  argumentSchemas.analyseHeaders.parse([text]);
  const zod = ms(start);
  start = performance.now();
  analyseHeaders(text);
  const headers = ms(start);
  start = performance.now();
  try {
    decodeBounce(text);
  } catch {
    // Not a bounce: the time to find that out is what is measured.
  }
  const bounce = ms(start);
  console.log(`${String(text.length)} chars, ${String(received)} Received lines: JSON.stringify ${stringify}, JSON.parse ${parse}, zod ${zod}, analyseHeaders ${headers}, decodeBounce ${bounce}`);
}

// End to end through the preview server: a 2 MB analyseHeaders call, and a getAppInfo sent right after it.
const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-bench-'));
async function endToEnd(label: string, analysers: Analysers): Promise<void> {
  const { handlers } = composeApp({
    settings: createNodeSettingsStore({ cwd: dataDir }),
    secrets: { get: () => Promise.resolve(null), set: () => Promise.resolve(), delete: () => Promise.resolve(false) },
    dataDir,
    appInfo: { version: 'bench', face: 'preview', settingsLocation: join(dataDir, 'settings.json') },
    emit: () => undefined,
    analysers,
    openBrowser: () => Promise.resolve(),
  });
  const server = await startPreviewServer({ handlers, rendererRoot: dataDir, report: () => undefined });
  const call = async (method: string, args: unknown[]): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${server.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mailflow-token': server.token },
      body: JSON.stringify(args),
    });
    await response.text();
    return performance.now() - started;
  };
  for (const received of [10, 5_000]) {
    const text = paste(received);
    const big = call('analyseHeaders', [text]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const small = await call('getAppInfo', []);
    console.log(`preview, analysis ${label}, ${String(received)} Received lines: analyseHeaders round trip ${(await big).toFixed(0)} ms; getAppInfo sent meanwhile answered in ${small.toFixed(0)} ms`);
  }
  await server.close();
}
await endToEnd('in process', inProcessAnalysers);
await endToEnd('in a worker', workerAnalysers(fileURLToPath(new URL('../out/main/analysis-worker.js', import.meta.url))));
rmSync(dataDir, { recursive: true, force: true });
