/**
 * Plants a secret through the same path the app uses (the contract → dispatch → keychain) and
 * proves it reaches the keychain and nothing else: not the settings file, not the logs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secretAccount } from '../../../main/core/secrets/accounts.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { createChunkedSecretStore } from '../../../main/core/secrets/chunked-secret-store.js';
import { createKeychainSecretStore } from '../../../main/platform/keychain.js';
import { createTestApp } from '../../lab/app-handlers.js';
import { createTestPki } from '../../lab/ca.js';

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
    expect(await call('getSecretStatus', [id])).toEqual({ ok: true, value: { 'smtp-password': true, 'pfx-password': false, 'relay-certificate': false } });
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

  it('keep the relay test’s private key in the keychain (in parts where an entry is small), never in the settings file or the logs', async () => {
    const secrets = createChunkedSecretStore(createKeychainSecretStore('Mailflow Assistant relay-certificate test'));
    const { handlers, dataDir, cleanup } = createTestApp({ secrets });
    cleanups.push(cleanup);
    const call = (method: string, args: unknown[]) => dispatch(handlers, method, args, (method, error) => logs.push(`${method}: ${error.message}`));
    const created = await call('createEngagement', [{ name: 'Contoso', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'postfix', testAddresses: [], notes: '' }]);
    if (!created.ok) throw new Error(created.error.message);
    const { id } = created.value as { id: string };
    const issued = createTestPki().issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] });
    const file = { name: 'mail.pem', contentBase64: Buffer.from(issued.certPem + issued.keyPem).toString('base64') };
    expect(await call('setRelayCertificate', [id, file, null, null])).toMatchObject({ ok: true });
    expect(await call('getSecretStatus', [id])).toEqual({ ok: true, value: { 'smtp-password': false, 'pfx-password': false, 'relay-certificate': true } });
    expect(await secrets.get(secretAccount(id, 'relay-certificate'))).toContain(issued.keyPem.trim().split('\n')[1]);
    const keyLine = issued.keyPem.split('\n')[1] ?? '';
    for (const name of readdirSync(dataDir)) expect(readFileSync(join(dataDir, name), 'utf8')).not.toContain(keyLine);
    expect(logs).toEqual([]);
    expect(await call('clearRelayCertificate', [id])).toMatchObject({ ok: true, value: { relayCertificate: null } });
    expect(await secrets.get(secretAccount(id, 'relay-certificate'))).toBeNull();
  });
});
