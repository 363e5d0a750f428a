import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview';

let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview();
});
test.afterEach(async () => {
  await preview.stop();
});

test('exports the handover report as one self-contained HTML file', async ({ page, browser }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Northwind <Traders>');
  await dialog.getByLabel(/Email domains/).fill('northwind.test');
  await dialog.getByLabel(/smart host/).fill('mail.northwind.test');
  await dialog.getByLabel(/Notes/).fill('Firewall is managed by the landlord.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('Port 25 is open on your firewall').check();
  await page.getByLabel('SMTP password').fill('Report-Secret-42');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export handover report' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^mailflow-handover-northwind-traders-\d{4}-\d{2}-\d{2}\.html$/);
  const path = join(mkdtempSync(join(tmpdir(), 'mailflow-report-')), file.suggestedFilename());
  await file.saveAs(path);
  const html = readFileSync(path, 'utf8');
  expect(html).toContain('Northwind &lt;Traders&gt;');
  // The notes are the consultant's own: out of the report unless included.
  expect(html).not.toContain('Firewall is managed by the landlord.');
  expect(html).toContain('internal, not included');
  expect(html).toContain('New-OutboundConnector');
  expect(html).toContain('@media print');
  expect(html).not.toMatch(/<script|src="https?:|href="https?:/i);
  expect(html).not.toContain('Report-Secret-42');

  const reader = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await reader.goto(`file://${path}`);
  await expect(reader.getByRole('heading', { level: 1 })).toContainText('Northwind');
  await reader.screenshot({ path: 'test-results/screenshots/handover-report-1280x800.png' });
  await reader.emulateMedia({ media: 'print' });
  await reader.screenshot({ path: 'test-results/screenshots/handover-report-print.png' });
  await reader.close();

  await page.getByLabel('Include my internal notes').check();
  const withNotes = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export handover report' }).click();
  const notesPath = join(mkdtempSync(join(tmpdir(), 'mailflow-report-')), 'with-notes.html');
  await (await withNotes).saveAs(notesPath);
  expect(readFileSync(notesPath, 'utf8')).toContain('Firewall is managed by the landlord.');
});
