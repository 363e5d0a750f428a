/**
 * The one way either face reads a file a person names and writes a file it produces. Reads take
 * only regular files (or standard input) and stop at a byte cap while reading, so an endless
 * input (/dev/zero, a FIFO) is refused instead of filling memory. Writes replace only a regular
 * file or create a new one, atomically: a temporary file beside the target (created exclusively,
 * never through a symlink), then renamed over it. A FIFO, device, socket, symlink or folder at the
 * path is never replaced.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { errorMessage } from '../../preload/vocabulary/errors.js';

/** A file could not be read as input: missing, not a regular file, or over its size cap. */
export class InputReadError extends Error {
  override readonly name = 'InputReadError';
}

/** A file could not be written where it was asked; the message says why. */
export class FileWriteError extends Error {
  override readonly name = 'FileWriteError';
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ELOOP':
      return 'is a symbolic link';
    default:
      return code ?? (errorMessage(error));
  }
}

/** What a path is when it is not a regular file, in words; null for a regular file. */
function oddKind(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

const size = (bytes: number): string => (bytes >= 1_000_000 ? `${String(Math.round(bytes / 100_000) / 10)} MB` : `${bytes.toLocaleString('en')} bytes`);

/** Collects at most `cap` bytes from `chunks`; more is refused as soon as it arrives. */
async function collect(chunks: AsyncIterable<unknown>, cap: number, tooLarge: () => InputReadError): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > cap) throw tooLarge();
    parts.push(buffer);
  }
  return Buffer.concat(parts);
}

export interface InputSource {
  /** A path, or "-" for standard input. */
  readonly path: string;
  /** How the path is named in messages (what the person typed). */
  readonly label: string;
  /** The most bytes accepted. */
  readonly maxBytes: number;
  readonly stdin: AsyncIterable<unknown>;
}

/**
 * Reads a regular file, or standard input for "-", refusing anything larger than `maxBytes`.
 * Throws InputReadError with a message that names the file and the reason.
 */
export async function readInput(source: InputSource): Promise<Buffer> {
  const tooLarge = (): InputReadError =>
    new InputReadError(`${source.path === '-' ? 'standard input' : source.label} is larger than ${size(source.maxBytes)}`);
  if (source.path === '-') return collect(source.stdin, source.maxBytes, tooLarge);
  const refuse = (why: string): InputReadError => new InputReadError(`cannot read ${source.label}: ${why}`);
  const before = await stat(source.path).catch((error: unknown) => {
    throw refuse(reason(error));
  });
  const kind = oddKind(before);
  if (kind !== null) throw refuse(`is ${kind}, not a regular file${kind === 'a folder' ? '' : ' (use - to read standard input)'}`);
  // O_NONBLOCK: should the path turn into a FIFO after the check, opening it does not wait for a writer.
  const handle = await open(source.path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw refuse(reason(error));
  });
  try {
    const opened = await handle.stat();
    const openedKind = oddKind(opened);
    if (openedKind !== null) throw refuse(`is ${openedKind}, not a regular file`);
    if (opened.size > source.maxBytes) throw tooLarge();
    return await collect(handle.createReadStream({ autoClose: false }), source.maxBytes, tooLarge);
  } finally {
    await handle.close();
  }
}

/**
 * Fails early, before a long run, when `path` could not be written: the folder is missing, or
 * something other than a regular file is already there.
 */
export async function assertWritablePath(path: string): Promise<void> {
  const refuse = (why: string): FileWriteError => new FileWriteError(`cannot write ${path}: ${why}`);
  const folder = await stat(dirname(path)).catch((error: unknown) => {
    throw refuse((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : reason(error));
  });
  if (!folder.isDirectory()) throw refuse(`${dirname(path)} is not a folder`);
  const target = await lstat(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw refuse(reason(error));
  });
  const kind = target === null ? null : oddKind(target);
  if (kind !== null) throw refuse(`it is ${kind}; only a regular file or a new path is written`);
}

export interface WriteOptions {
  /** File mode of a new file (default 0o644; scripts to run get 0o755). */
  readonly mode?: number;
}

/** Writes `data` to `path` atomically, replacing only a regular file. Throws FileWriteError. */
export async function writeFileAtomically(path: string, data: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  await assertWritablePath(path);
  const mode = options.mode ?? 0o644;
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
    try {
      await handle.writeFile(data);
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Checked again just before the rename: a path swapped for a FIFO or link meanwhile is still refused.
    await assertWritablePath(path);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if (error instanceof FileWriteError) throw error;
    throw new FileWriteError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the folder does not exist' : reason(error)}`, {
      cause: error,
    });
  }
}
