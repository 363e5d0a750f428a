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

/** The bytes of the file as base64, in slices small enough for String.fromCharCode. */
export async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
