import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { inProcessAnalysers, workerAnalysers } from '../../../main/app/analysis.js';
import { NoHeadersError } from '../../../main/core/headers/analyse.js';
import { NoBounceError } from '../../../main/core/ndr/decode.js';

/** The worker script bundled from source, as the build bundles it into out/main/analysis-worker.js. */
const outDir = mkdtempSync(join(tmpdir(), 'mailflow-analysis-worker-'));
const workerPath = join(outDir, 'analysis-worker.mjs');
buildSync({ entryPoints: [fileURLToPath(new URL('../../../main/app/analysis-worker.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile: workerPath, logLevel: 'error' });
afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});
const inWorker = workerAnalysers(workerPath);
const message = readFileSync(new URL('../../fixtures/headers/gmail-direct.eml', import.meta.url), 'utf8');

describe('the analysers in a worker thread', () => {
  it('give the same analysis as in process', async () => {
    expect(await inWorker.headers(message)).toEqual(await inProcessAnalysers.headers(message));
  });

  it('keep the typed failures across the thread, so the contract maps them to bad-input', async () => {
    await expect(inWorker.headers('no header here at all')).rejects.toThrow(NoHeadersError);
    await expect(inWorker.bounce('nothing that looks like a bounce')).rejects.toThrow(NoBounceError);
  });

  it('leave the event loop free while they work', async () => {
    const big = `${message}\n${'x'.repeat(1_900_000)}`;
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 5);
    await inWorker.headers(big);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });
});
