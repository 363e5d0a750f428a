import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { createTestPki, toPkcs12 } from '../lab/ca.js';
import { newEngagement } from './new-engagement';
import { previewForEachTest } from './preview';

const preview = previewForEachTest();
const pki = createTestPki();
const files = mkdtempSync(join(tmpdir(), 'mailflow-e2e-relay-'));

test('chooses the certificate the relay test presents: asks for its password, shows what it is, and removes it', async ({ page }) => {
  const pfxPath = join(files, 'mail.contoso.test.pfx');
  writeFileSync(pfxPath, toPkcs12(pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'] }), 'Relay-Pass-1'));
  await newEngagement(page, preview().url);

  const field = page.getByRole('region', { name: 'Certificate for the relay test' });
  await field.getByLabel('Choose the server certificate (PFX, or PEM with its key)').setInputFiles(pfxPath);
  await expect(field.getByText('mail.contoso.test.pfx')).toBeVisible();
  await field.getByRole('button', { name: 'Present this certificate in the relay test' }).click();
  await expect(field.getByText('This file is protected: type its password.')).toBeVisible();
  const password = field.getByLabel('Password of the PFX or key');
  await expect(password).toBeFocused();
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/relay-certificate-password-1280x800.png' });
  await password.fill('wrong');
  await field.getByRole('button', { name: 'Present this certificate in the relay test' }).click();
  await expect(field.getByRole('alert')).toContainText('wrong password');
  await password.fill('Relay-Pass-1');
  await field.getByRole('button', { name: 'Present this certificate in the relay test' }).click();
  await expect(field).toContainText('Presents CN=mail.contoso.test (mail.contoso.test.pfx), valid until');
  await expect(field).toContainText('kept in this computer’s keychain');
  await expect(field.getByRole('alert')).toBeHidden();
  await field.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/relay-certificate-chosen-1280x800.png' });

  // It survives a reload (the keychain and the engagement keep it), and goes when removed.
  await page.reload();
  await page.getByText('Contoso Ltd').first().click();
  await expect(field).toContainText('Presents CN=mail.contoso.test');
  await field.getByRole('button', { name: 'Remove the certificate' }).click();
  await expect(field.getByRole('button', { name: 'Present this certificate in the relay test' })).toBeDisabled();
});
