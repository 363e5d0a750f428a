/**
 * Reads a file the user opened or dropped as text, refusing one larger than the feature can use,
 * with a message that names the file and the limit. Never throws: a failed read is a message too.
 */
import { errorMessage } from '../../../preload/contract';

export type ReadFile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const megabytes = (bytes: number): string => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** `tooLarge` is added after the limit: what to open instead. */
export async function readTextFile(file: File, maxBytes: number, tooLarge = ''): Promise<ReadFile> {
  if (file.size > maxBytes) {
    return { ok: false, message: `${file.name} is ${megabytes(file.size)}; files up to ${megabytes(maxBytes)} can be opened.${tooLarge === '' ? '' : ` ${tooLarge}`}` };
  }
  try {
    return { ok: true, text: await file.text() };
  } catch (error) {
    return { ok: false, message: `${file.name} could not be read: ${errorMessage(error)}` };
  }
}
