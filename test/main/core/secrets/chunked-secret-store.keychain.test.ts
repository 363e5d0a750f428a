/**
 * The chunked store on a real Secret Service (GNOME Keyring in its own D-Bus session, see
 * scripts/with-keyring.sh): `npm run test:keychain`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createChunkedSecretStore, partAccount } from '../../../../main/core/secrets/chunked-secret-store.js';
import { createKeychainSecretStore } from '../../../../main/platform/keychain.js';

const raw = createKeychainSecretStore(`Mailflow Assistant test ${randomUUID()}`);
const store = createChunkedSecretStore(raw);
const account = 'm365/token-cache';

afterAll(async () => {
  await store.delete(account);
});

describe('chunked secret store on the real gnome-keyring', () => {
  it('saves a 10 KB secret as parts of at most 2,560 bytes, reads it back whole, and delete removes every part', async () => {
    const secret = randomBytes(7680).toString('base64');
    expect(secret.length).toBe(10_240);
    await store.set(account, secret);
    expect(await store.get(account)).toBe(secret);

    const manifest = await raw.get(account);
    expect(manifest).toMatch(/^mailflow-chunked\/v1 slot=a parts=4 sha256=/);
    const parts = await Promise.all([1, 2, 3, 4].map((index) => raw.get(partAccount(account, 'a', index))));
    expect(parts.join('')).toBe(secret);
    for (const part of parts) expect(Buffer.byteLength(part ?? '')).toBeLessThanOrEqual(2560);

    const replacement = randomBytes(4000).toString('base64');
    await store.set(account, replacement);
    expect(await store.get(account)).toBe(replacement);
    expect(await raw.get(partAccount(account, 'a', 1))).toBeNull();

    expect(await store.delete(account)).toBe(true);
    expect(await raw.get(account)).toBeNull();
    for (const slot of ['a', 'b'] as const) {
      for (const index of [1, 2, 3, 4]) expect(await raw.get(partAccount(account, slot, index))).toBeNull();
    }
    expect(await store.get(account)).toBeNull();
  });
});
