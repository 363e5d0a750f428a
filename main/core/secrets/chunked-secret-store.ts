/**
 * Secrets of any size on keychains with a small entry limit. Windows Credential Manager holds at most
 * 2,560 bytes per credential (CRED_MAX_CREDENTIAL_BLOB_SIZE), while MSAL's token cache with real
 * Entra tokens is about 9 KB. A secret that does not fit is split into numbered parts, and the entry
 * under the account itself becomes a manifest naming the parts, their count and a SHA-256 of the
 * whole. The manifest is written last, so it is the commit point: a reader sees the old secret or
 * the new one, never a mix.
 *
 * Parts alternate between two slots ("a" and "b"): a new secret is written into the slot the current
 * manifest does not use, so the secret a reader may be reading stays intact until the manifest moves
 * on. Both slots have names known in advance, so parts left by an interrupted write are found and
 * removed by the next write or delete.
 */
import { createHash } from 'node:crypto';
import type { SecretStore } from '../ports/secret-store.js';

/** Windows Credential Manager's limit per entry, in bytes (keytar stores the UTF-8 bytes). */
export const WINDOWS_CREDENTIAL_BLOB_LIMIT = 2560;

const MANIFEST_PREFIX = 'mailflow-chunked/';
const MANIFEST = /^mailflow-chunked\/v1 slot=(a|b) parts=([1-9]\d{0,4}) sha256=([0-9a-f]{64})$/;

type Slot = 'a' | 'b';

interface Manifest {
  readonly slot: Slot;
  readonly parts: number;
  readonly sha256: string;
}

export class ChunkedSecretError extends Error {
  override readonly name = 'ChunkedSecretError';
}

export interface ChunkedSecretStoreOptions {
  /** Largest entry the underlying keychain takes, in UTF-8 bytes. Default: Windows' 2,560. */
  readonly maxEntryBytes?: number;
}

const sha256 = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

/** The keychain account of part `index` (1-based) of `account` in `slot`. */
export const partAccount = (account: string, slot: Slot, index: number): string => `${account}#part-${slot}${String(index)}`;

function parseManifest(value: string): Manifest | null {
  const match = MANIFEST.exec(value);
  if (match === null) return null;
  return { slot: match[1] === 'a' ? 'a' : 'b', parts: Number(match[2]), sha256: match[3] ?? '' };
}

/** Splits on code point boundaries so that every part is at most `maxBytes` of UTF-8. */
export function splitUtf8(value: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of value) {
    const bytes = Buffer.byteLength(char, 'utf8');
    if (currentBytes + bytes > maxBytes) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += bytes;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

/** Wraps any SecretStore; secrets that fit in one entry are stored exactly as before. */
export function createChunkedSecretStore(inner: SecretStore, options: ChunkedSecretStoreOptions = {}): SecretStore {
  const maxEntryBytes = options.maxEntryBytes ?? WINDOWS_CREDENTIAL_BLOB_LIMIT;
  if (!Number.isInteger(maxEntryBytes) || maxEntryBytes < 200) throw new ChunkedSecretError(`maxEntryBytes must be an integer of at least 200 (got ${String(maxEntryBytes)}).`);

  /** Deletes parts `from`, `from + 1`, … of a slot until one is missing; parts are always contiguous. */
  const removeParts = async (account: string, slot: Slot, from: number): Promise<boolean> => {
    let removed = false;
    for (let index = from; await inner.delete(partAccount(account, slot, index)); index += 1) removed = true;
    return removed;
  };

  const readParts = async (account: string, manifest: Manifest): Promise<string | null> => {
    const parts: string[] = [];
    for (let index = 1; index <= manifest.parts; index += 1) {
      const part = await inner.get(partAccount(account, manifest.slot, index));
      if (part === null) return null;
      parts.push(part);
    }
    const whole = parts.join('');
    return sha256(whole) === manifest.sha256 ? whole : null;
  };

  return {
    async get(account) {
      /** A concurrent write may replace the parts between reading the manifest and the parts: read again once. */
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const stored = await inner.get(account);
        if (stored === null) return null;
        const manifest = parseManifest(stored);
        if (manifest === null) return stored;
        const whole = await readParts(account, manifest);
        if (whole !== null) return whole;
      }
      throw new ChunkedSecretError(`The keychain entry "${account}" is split into parts and some are missing or damaged: sign in again (or re-enter the secret) to write it anew.`);
    },
    async set(account, secret) {
      const previous = await inner.get(account);
      const current = previous === null ? null : parseManifest(previous);
      const fits = Buffer.byteLength(secret, 'utf8') <= maxEntryBytes && !secret.startsWith(MANIFEST_PREFIX);
      if (fits) {
        await inner.set(account, secret);
        await removeParts(account, 'a', 1);
        await removeParts(account, 'b', 1);
        return;
      }
      const slot: Slot = current?.slot === 'a' ? 'b' : 'a';
      const parts = splitUtf8(secret, maxEntryBytes);
      for (const [offset, part] of parts.entries()) await inner.set(partAccount(account, slot, offset + 1), part);
      await removeParts(account, slot, parts.length + 1);
      await inner.set(account, `${MANIFEST_PREFIX}v1 slot=${slot} parts=${String(parts.length)} sha256=${sha256(secret)}`);
      await removeParts(account, slot === 'a' ? 'b' : 'a', 1);
    },
    async delete(account) {
      const existed = await inner.delete(account);
      const removedA = await removeParts(account, 'a', 1);
      const removedB = await removeParts(account, 'b', 1);
      return existed || removedA || removedB;
    },
  };
}
