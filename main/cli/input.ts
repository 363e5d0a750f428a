/** Input files named on a command line: read through the one bounded reader, refused as one line. */
import { resolve } from 'node:path';
import { InputReadError, readInput } from '../platform/files.js';
import { UsageError, type CliIo } from './command.js';

/** Reads FILE (relative to io.cwd) or stdin ("-") up to `maxBytes`; anything wrong is a UsageError (exit 2). */
export async function readCliInput(source: string, io: CliIo, prefix: string, maxBytes: number): Promise<Buffer> {
  try {
    return await readInput({ path: source === '-' ? '-' : resolve(io.cwd, source), label: source, maxBytes, stdin: io.stdin });
  } catch (error) {
    if (error instanceof InputReadError) throw new UsageError(`${prefix}: ${error.message}`);
    throw error;
  }
}
