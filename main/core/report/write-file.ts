/**
 * Writes a report atomically: into a temporary file beside the target, then renamed over it, so a
 * reader (or a crash half-way) never sees half a report and an older report is replaced whole.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Fails early, before a long run, when the report could not be written: no such folder, or the path is a folder. */
export async function assertReportPath(path: string): Promise<void> {
  const folder = await stat(dirname(path)).catch((error: unknown) => {
    throw new ReportWriteError(`cannot write the report to ${path}: ${reason(error)}`, { cause: error });
  });
  if (!folder.isDirectory()) throw new ReportWriteError(`cannot write the report to ${path}: ${dirname(path)} is not a folder`);
  const target = await stat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ReportWriteError(`cannot write the report to ${path}: ${reason(error)}`, { cause: error });
  });
  if (target?.isDirectory() === true) throw new ReportWriteError(`cannot write the report to ${path}: it is a folder`);
}

export async function writeReportFile(path: string, html: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, html, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ReportWriteError(`cannot write the report to ${path}: ${reason(error)}`, { cause: error });
  }
}
