/**
 * Runs against a real Secret Service (GNOME Keyring in its own D-Bus session): see
 * scripts/with-keyring.sh, used by `npm run test:keychain`.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeychainSecretStore } from '../../../main/platform/keychain.js';

describe('keychain secret store (real gnome-keyring)', () => {
  const store = createKeychainSecretStore(`Mailflow Assistant test ${randomUUID()}`);

  it('saves, reads back, overwrites and deletes a secret', async () => {
    const account = 'engagement/e1/smtp-password';
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'first secret');
    expect(await store.get(account)).toBe('first secret');
    await store.set(account, 'second secret with ünïcode and spaces');
    expect(await store.get(account)).toBe('second secret with ünïcode and spaces');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps accounts apart', async () => {
    await store.set('engagement/a/pfx-password', 'alpha');
    await store.set('engagement/b/pfx-password', 'bravo');
    expect(await store.get('engagement/a/pfx-password')).toBe('alpha');
    expect(await store.get('engagement/b/pfx-password')).toBe('bravo');
    await store.delete('engagement/a/pfx-password');
    await store.delete('engagement/b/pfx-password');
  });
});
