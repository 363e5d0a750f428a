/**
 * Building and saving the connector scripts: for an engagement (the app) or from options (the
 * CLI), saved into a folder through the one safe writer, with the encoding decided in
 * main/core/scripts/file.ts.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { scriptFile } from '../core/scripts/file.js';
import type { GeneratedScript } from '../core/scripts/types.js';
import { FileWriteError, writeFileAtomically } from '../platform/files.js';
import { errorMessage } from '../../preload/vocabulary/errors.js';

/** Writes every script into `dir` (created when missing); returns the paths in order. */
export async function saveScripts(scripts: readonly GeneratedScript[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw new FileWriteError(`cannot create the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? errorMessage(error)}`);
  });
  const paths: string[] = [];
  for (const script of scripts) {
    const file = scriptFile(script);
    const path = join(dir, file.name);
    await writeFileAtomically(path, file.text, { mode: file.executable ? 0o755 : 0o644 });
    paths.push(path);
  }
  return paths;
}
