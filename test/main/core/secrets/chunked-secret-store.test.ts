import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChunkedSecretError, createChunkedSecretStore, partAccount, splitUtf8 } from '../../../../main/core/secrets/chunked-secret-store.js';
import { createLimitedSecretStore } from '../../../lab/limited-secret-store.js';

/** About the size of an MSAL token cache with real Entra tokens (ASCII JSON). */
const tenKilobytes = (): string => JSON.stringify({ AccessToken: { key: randomBytes(7500).toString('base64') } }).slice(0, 10_240);

describe('chunked secret store on a keychain with Windows’ 2,560-byte limit', () => {
  it('the limited double refuses a 10 KB secret, as Credential Manager does', async () => {
    const raw = createLimitedSecretStore();
    await expect(raw.set('m365/token-cache', tenKilobytes())).rejects.toThrow(/more than 2560/);
  });

  it('stores and reads back a 10 KB cache, every entry within the limit', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    const secret = tenKilobytes();
    await store.set('m365/token-cache', secret);
    expect(await store.get('m365/token-cache')).toBe(secret);
    for (const value of raw.entries.values()) expect(Buffer.byteLength(value)).toBeLessThanOrEqual(2560);
    expect(raw.entries.size).toBe(5);
  });

  it('writes the manifest last', async () => {
    const raw = createLimitedSecretStore();
    await createChunkedSecretStore(raw).set('m365/token-cache', tenKilobytes());
    expect(raw.writes.at(-1)).toBe('m365/token-cache');
    expect(raw.writes.slice(0, -1).every((account) => account.startsWith('m365/token-cache#part-'))).toBe(true);
  });

  it('keeps small secrets as one plain entry, as before', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    await store.set('engagement/e1/smtp-password', 'hunter2');
    expect([...raw.entries]).toEqual([['engagement/e1/smtp-password', 'hunter2']]);
    expect(await store.get('engagement/e1/smtp-password')).toBe('hunter2');
  });

  it('removes stale parts when a secret shrinks, grows or becomes small', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    await store.set('c', 'x'.repeat(10_000));
    await store.set('c', 'y'.repeat(3_000));
    expect(await store.get('c')).toBe('y'.repeat(3_000));
    expect([...raw.entries.keys()].filter((account) => account.startsWith('c#')).length).toBe(2);
    await store.set('c', 'z'.repeat(12_000));
    expect(await store.get('c')).toBe('z'.repeat(12_000));
    expect([...raw.entries.keys()].filter((account) => account.startsWith('c#')).length).toBe(5);
    await store.set('c', 'small');
    expect([...raw.entries]).toEqual([['c', 'small']]);
  });

  it('delete removes the manifest and every part', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    await store.set('m365/token-cache', tenKilobytes());
    await store.set('other', 'kept');
    expect(await store.delete('m365/token-cache')).toBe(true);
    expect([...raw.entries.keys()]).toEqual(['other']);
    expect(await store.get('m365/token-cache')).toBeNull();
    expect(await store.delete('m365/token-cache')).toBe(false);
  });

  it('an interrupted write leaves the previous secret readable, and the next write or delete clears its parts', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    const first = 'a'.repeat(9_000);
    await store.set('c', first);
    raw.failWhen = (account) => account === partAccount('c', 'b', 3);
    await expect(store.set('c', 'b'.repeat(9_000))).rejects.toThrow(/simulated/);
    expect(await store.get('c')).toBe(first);
    expect(raw.entries.has(partAccount('c', 'b', 1))).toBe(true);
    expect(await store.delete('c')).toBe(true);
    expect(raw.entries.size).toBe(0);
  });

  it('a reader never sees a mix of two secrets: after every single keychain write it reads the old or the new one whole', async () => {
    const raw = createLimitedSecretStore();
    const observed: (string | null)[] = [];
    const watched = {
      get: (account: string) => raw.get(account),
      delete: (account: string) => raw.delete(account),
      async set(account: string, secret: string) {
        await raw.set(account, secret);
        observed.push(await reader.get('c'));
      },
    };
    const reader = createChunkedSecretStore(raw);
    const store = createChunkedSecretStore(watched);
    const before = 'a'.repeat(9_000);
    const after = 'b'.repeat(9_000);
    await createChunkedSecretStore(raw).set('c', before);
    await store.set('c', after);
    expect(observed.length).toBe(5);
    expect(observed.every((value) => value === before || value === after)).toBe(true);
    expect(observed.at(-1)).toBe(after);
  });

  it('reports missing or damaged parts instead of returning half a secret', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    await store.set('c', 'q'.repeat(6_000));
    raw.entries.set(partAccount('c', 'a', 2), 'tampered');
    await expect(store.get('c')).rejects.toThrow(ChunkedSecretError);
    raw.entries.delete(partAccount('c', 'a', 2));
    await expect(store.get('c')).rejects.toThrow(/missing or damaged/);
  });

  it('a small secret that looks like a manifest is stored split, so it reads back as itself', async () => {
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    const lookalike = `mailflow-chunked/v1 slot=a parts=1 sha256=${'0'.repeat(64)}`;
    await store.set('c', lookalike);
    expect(await store.get('c')).toBe(lookalike);
  });

  it('splits multi-byte text on character boundaries within the byte limit', async () => {
    const text = 'ü€😀'.repeat(2_000);
    const parts = splitUtf8(text, 2560);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2560);
    const raw = createLimitedSecretStore();
    const store = createChunkedSecretStore(raw);
    await store.set('u', text);
    expect(await store.get('u')).toBe(text);
  });

  it('refuses a limit too small to hold a manifest', () => {
    expect(() => createChunkedSecretStore(createLimitedSecretStore(), { maxEntryBytes: 10 })).toThrow(ChunkedSecretError);
  });
});
