/**
 * Engagements move between laptops: two previews with their own data folders stand for two
 * machines. Export from one, import on the other, then import again and choose for the collision.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview';

const running: RunningPreview[] = [];
test.afterEach(async () => {
  await Promise.all(running.splice(0).map((preview) => preview.stop()));
});

test('exports engagements without passwords and imports them on another machine, with a choice for a collision', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const first = await startPreview();
  const second = await startPreview();
  running.push(first, second);

  await page.goto(first.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso');
  await dialog.getByLabel(/Email domains/).fill('contoso.test');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('Port 25 is open on your firewall').check();
  await page.getByLabel('SMTP password').fill('Transfer-Secret-42');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await expect(page.getByText(/Saved in the keychain/).first()).toBeVisible();
  await page.getByRole('button', { name: '← Engagements' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export all' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^mailflow-engagement-contoso-\d{4}-\d{2}-\d{2}\.json$/);
  const path = join(mkdtempSync(join(tmpdir(), 'mailflow-transfer-')), file.suggestedFilename());
  await file.saveAs(path);

  await page.goto(second.url);
  await expect(page.getByRole('heading', { name: 'No engagements yet' })).toBeVisible();
  const damaged = join(mkdtempSync(join(tmpdir(), 'mailflow-transfer-')), 'damaged.json');
  writeFileSync(damaged, '{"format": "mailflow-engagements", "version": 1, "engagements": [');
  await page.getByLabel('Import engagements from a file').setInputFiles(damaged);
  await expect(page.getByRole('alert')).toContainText('not JSON');

  await page.getByLabel('Import engagements from a file').setInputFiles(path);
  const importing = page.getByRole('dialog', { name: 'Import engagements' });
  await expect(importing).toContainText('1 engagement');
  await expect(importing).toContainText('New on this computer.');
  await importing.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Imported 1 engagement');
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Contoso: SMTP password');
  await expect(page.getByRole('button', { name: 'Contoso', exact: true })).toBeVisible();
  await expect(page.getByText(/^1 of 14 items done/)).toBeVisible();

  await page.getByLabel('Import engagements from a file').setInputFiles(path);
  await expect(importing.getByRole('group', { name: /“Contoso” is already here/ })).toBeVisible();
  await expect(importing.getByLabel('Keep both (the imported one is renamed)')).toBeChecked();
  await importing.screenshot({ path: 'test-results/screenshots/import-collision-1280x800.png' });
  await importing.getByLabel('Skip: keep the one here, do not import this one').check();
  await importing.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Import result' })).toContainText('Imported 0 engagements, skipped 1');
  await expect(page.getByRole('listitem').filter({ hasText: 'contoso.test' })).toHaveCount(1);

  await page.getByLabel('Import engagements from a file').setInputFiles(path);
  await importing.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Contoso (imported)', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/engagements-imported-1280x800.png' });
});
