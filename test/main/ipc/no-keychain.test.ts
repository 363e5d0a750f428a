/** The app's methods on a machine without a keychain: only the ones that need a secret fail, and say how to fix it. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../../preload/vocabulary/engagement.js';
import type { Envelope } from '../../../preload/contract.js';
import { dispatch } from '../../../main/ipc/dispatch.js';
import { createKeychainSecretStore } from '../../../main/platform/keychain.js';
import { createTestApp } from '../../lab/app-handlers.js';
import { createTestPki, toPkcs12 } from '../../lab/ca.js';

const missingModule = () => Promise.reject(new Error("Cannot find package 'keytar' imported from /app/out/main/index.js"));
const app = createTestApp({ secrets: createKeychainSecretStore('Mailflow Assistant test', missingModule) });
afterAll(() => {
  app.cleanup();
});

const call = (method: string, ...args: unknown[]): Promise<Envelope<unknown>> => dispatch(app.handlers, method, args, () => undefined);
async function value<T>(method: string, ...args: unknown[]): Promise<T> {
  const envelope = await call(method, ...args);
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

const details = { name: 'Contoso', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' };

describe('app without a keychain', () => {
  it('creates, lists and deletes engagements, and inspects a PEM certificate', async () => {
    const engagement = await value<Engagement>('createEngagement', details);
    expect((await value<Engagement[]>('listEngagements')).map((e) => e.id)).toContain(engagement.id);
    const cert = createTestPki().issue({ commonName: 'mail.contoso.test' });
    const inspected = await value<Engagement>('inspectCertificate', engagement.id, 'mail.pem', Buffer.from(cert.certPem).toString('base64'), null);
    expect(inspected.certificateInspection?.fileName).toBe('mail.pem');
    expect(await value('deleteEngagement', engagement.id)).toEqual({ warning: null });
  });

  it('says where a secret is needed that there is no keychain, and what to install', async () => {
    const engagement = await value<Engagement>('createEngagement', details);
    for (const envelope of [
      await call('saveSecret', engagement.id, 'smtp-password', 'S3cr3t-value'),
      await call('saveSecret', engagement.id, 'pfx-password', 'Pfx-Pass-1'),
      await call('getSecretStatus', engagement.id),
    ]) {
      expect(envelope.ok).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code).toBe('keychain-unavailable');
      expect(envelope.error.message).toContain('sudo apt-get install libsecret-1-0 gnome-keyring');
      expect(envelope.error.message).not.toContain('S3cr3t-value');
    }
  });

  it('opens a PFX with the password given in place: only saving it needs the keychain', async () => {
    const engagement = await value<Engagement>('createEngagement', details);
    const pfx = toPkcs12(createTestPki().issue({ commonName: 'mail.contoso.test' }), 'Pfx-Pass-1').toString('base64');
    const asked = await call('inspectCertificate', engagement.id, 'mail.pfx', pfx, null);
    expect(asked.ok ? null : asked.error.code).toBe('password-required');
    const opened = await value<Engagement>('inspectCertificate', engagement.id, 'mail.pfx', pfx, 'Pfx-Pass-1');
    expect(opened.certificateInspection?.report.format).toBe('pfx');
  });
});
