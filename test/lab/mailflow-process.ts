/** `node bin/mailflow.mjs <args>` as a separate process, run from the repository as a user would. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI with `args` and `env`, collecting its output; `wrap` is a command line the node
 * process is started under (e.g. a network namespace), which must exec the arguments it is given.
 */
export function runMailflowProcess(args: readonly string[], env: NodeJS.ProcessEnv, wrap: readonly string[] = []): Promise<ProcessRun> {
  const line = [...wrap, process.execPath, join(REPO_ROOT, 'bin/mailflow.mjs'), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(line[0] ?? process.execPath, line.slice(1), { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
