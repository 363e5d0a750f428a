/**
 * Plants a secret through the same path the app uses (the contract → dispatch → keychain) and
 * proves it reaches the keychain and nothing else: not the settings file, not the logs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretAccount } from '../../../main/core/secrets/accounts.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { createKeychainSecretStore } from '../../../main/platform/keychain.js';
import { createTestApp } from '../../lab/app-handlers.js';

const SECRET = 'Pl4nted-Secret-7f3c9e';
const logs: string[] = [];
const cleanups: (() => void)[] = [];

afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

describe('secrets stay secret', () => {
  it('reach the keychain and never the settings file or the logs', async () => {
    const secrets = createKeychainSecretStore('Mailflow Assistant secret-scan test');
    const { handlers, dataDir, cleanup } = createTestApp({ secrets });
    cleanups.push(cleanup);
    const report = (method: string, error: Error): void => {
      logs.push(`${method}: ${error.message}`);
    };
    const call = (method: string, args: unknown[]) => dispatch(handlers, method, args, report);

    const created = await call('createEngagement', [{ name: 'Contoso', domains: ['contoso.test'], smartHosts: [], serverKind: 'postfix', testAddresses: [], notes: '' }]);
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value as { id: string };
    expect(await call('saveSecret', [id, 'smtp-password', SECRET])).toEqual({ ok: true, value: null });
    expect(await call('getSecretStatus', [id])).toEqual({ ok: true, value: { 'smtp-password': true, 'pfx-password': false } });
    expect(await secrets.get(secretAccount(id, 'smtp-password'))).toBe(SECRET);

    const failed = await call('saveSecret', ['no-such-engagement', 'smtp-password', SECRET]);
    expect(failed.ok).toBe(false);
    expect(JSON.stringify(failed)).not.toContain(SECRET);
    await call('setItemDone', [id, 'pre.port-25', true]);

    for (const file of readdirSync(dataDir)) expect(readFileSync(join(dataDir, file), 'utf8')).not.toContain(SECRET);
    // Only internal failures are logged; the refused save above is the caller's mistake, not logged.
    expect(logs).toEqual([]);

    const deleted = await call('deleteEngagement', [id]);
    expect(deleted).toEqual({ ok: true, value: { warning: null } });
    expect(await secrets.get(secretAccount(id, 'smtp-password'))).toBeNull();
  });
});
