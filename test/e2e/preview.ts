/** Starts the built browser preview on a free loopback port with its own data folder. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';

export interface RunningPreview {
  readonly url: string;
  readonly origin: string;
  readonly dataDir: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

export async function startPreview(dataDir = mkdtempSync(join(tmpdir(), 'mailflow-e2e-'))): Promise<RunningPreview> {
  const child: ChildProcess = spawn(process.execPath, ['out/main/preview.js', '--no-open', '--port', '0'], {
    env: { ...process.env, MAILFLOW_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${output}`)), 10_000);
    const poll = setInterval(() => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`preview exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh preview for each test of the calling file, stopped after it: call at the top of the file
 * and read the running preview through the returned function inside a test.
 */
export function previewForEachTest(): () => RunningPreview {
  let running: RunningPreview | undefined;
  test.beforeEach(async () => {
    running = await startPreview();
  });
  test.afterEach(async () => {
    await running?.stop();
    running = undefined;
  });
  return () => {
    if (running === undefined) throw new Error('the preview runs only inside a test');
    return running;
  };
}
