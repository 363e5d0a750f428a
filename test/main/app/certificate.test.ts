import { afterAll, describe, expect, it } from 'vitest';
import { inspectEngagementCertificate } from '../../../main/app/certificate.js';
import { CertificateFileError } from '../../../main/core/tls/certificate-file.js';
import { LIMITS } from '../../../preload/vocabulary/limits.js';
import { createTestPki } from '../../lab/ca.js';
import { createTestApp } from '../../lab/app-handlers.js';

const app = createTestApp({ clock: { now: () => Date.parse('2026-06-01T12:00:00Z'), monotonic: () => 0 } });
afterAll(() => {
  app.cleanup();
});

const deps = { repository: app.repository, secrets: app.secrets, clock: { now: () => Date.parse('2026-06-01T12:00:00Z'), monotonic: () => 0 } };
const engagement = app.repository.create({ name: 'Contoso', domains: ['contoso.test'], smartHosts: ['mail.contoso.test'], serverKind: 'exchange', testAddresses: [], notes: '' });

describe('inspectEngagementCertificate', () => {
  it('checks the file against the engagement’s smart host and saves the report with its time', async () => {
    const issued = createTestPki().issue({ dnsNames: ['mail.contoso.test'] });
    const saved = await inspectEngagementCertificate(deps, engagement.id, { name: 'mail.pem', bytes: Buffer.from(issued.certPem + issued.chainPem.join('')) });
    expect(saved.certificateInspection).toMatchObject({ fileName: 'mail.pem', at: '2026-06-01T12:00:00.000Z' });
    expect(saved.certificateInspection?.report.tlsCertificateName).toMatch(/^<I>.+<S>.+$/);
  });

  it('reads PEM and DER without touching the keychain, which a PFX without its password needs', async () => {
    const keychainTouched: string[] = [];
    const noKeychain = {
      ...app.secrets,
      get: (account: string): Promise<string | null> => {
        keychainTouched.push(account);
        return Promise.reject(new Error('the keychain must not be read'));
      },
    };
    const issued = createTestPki().issue({ dnsNames: ['mail.contoso.test'] });
    const strict = { ...deps, secrets: noKeychain };
    await inspectEngagementCertificate(strict, engagement.id, { name: 'mail.pem', bytes: Buffer.from(issued.certPem) });
    await inspectEngagementCertificate(strict, engagement.id, { name: 'mail.cer', bytes: Buffer.from(issued.certPem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64') });
    expect(keychainTouched).toEqual([]);
  });

  it('refuses a file over the certificate size limit before parsing it', async () => {
    const bytes = Buffer.alloc(LIMITS.certificateFileBytes + 1);
    await expect(inspectEngagementCertificate(deps, engagement.id, { name: 'huge.pfx', bytes })).rejects.toThrow(
      new CertificateFileError('too-large', 'huge.pfx is larger than 1 MB: choose the certificate file itself'),
    );
  });
});
