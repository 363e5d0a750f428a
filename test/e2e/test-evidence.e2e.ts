import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const fixture = (path: string): string => readFileSync(`test/fixtures/${path}`, 'utf8');

/** A message from outside, delivered by Exchange Online to the smart host. */
const inboundHeaders = fixture('headers/postfix-from-office365.eml').replace('From: Dave Contoso <dave@contoso.test>', 'From: Alice Fabrikam <alice@fabrikam.test>');

/** Printable width of a page with the report's 14 mm side margins, in CSS pixels (96 per inch). */
const PAPER = [
  { name: 'A4', format: 'A4', width: Math.floor(((210 - 28) / 25.4) * 96) },
  { name: 'Letter', format: 'Letter', width: Math.floor((8.5 - 28 / 25.4) * 96) },
] as const;

test('keeps the Test step’s proof on its items, and the report shows the mail flow proven, printable on A4 and Letter', async ({ page, browser }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso evidence');
  await dialog.getByLabel(/Email domains/).fill('contoso.test');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('button', { name: /^Test/ }).click();

  // Headers of a message from outside: kept as proof of the way in, the connector hop named.
  const headersTool = page.getByRole('region', { name: 'Where did the message go?' });
  await headersTool.getByLabel('Message headers').fill(inboundHeaders);
  await headersTool.getByRole('button', { name: 'Analyse' }).click();
  await expect(headersTool.getByRole('status').filter({ hasText: 'Kept as proof' })).toContainText('Kept as proof of the Internet → your server on the item “Send from an Internet mailbox to your server”.');
  await expect(headersTool.getByRole('list', { name: 'Hops, oldest first' }).getByText('Outbound connector: Office 365 → your server')).toHaveCount(1);
  const inboundItem = page.locator('.item').filter({ hasText: 'Send from an Internet mailbox to your server' });
  const inboundProof = inboundItem.getByRole('list', { name: 'Proof from the Test step' });
  await expect(inboundProof.locator('.status-pass')).toBeVisible();
  await expect(inboundProof).toContainText('Arrived through Office 365 and the outbound connector: Exchange Online handed it to mail.contoso.test');
  await expect(inboundItem).toContainText('The delivered message’s headers above prove it.');

  // A bounce for an outside recipient: a failure of the way out, its fix in the engagement's names.
  await page.getByLabel('Open a bounce file').setInputFiles('test/fixtures/ndr/5.7.64-tenant-attribution.eml');
  const bounce = page.getByRole('article', { name: 'What the bounce means' });
  await expect(bounce).toContainText('Set-InboundConnector "On-premises mail server to Office 365"');
  await expect(bounce).not.toContainText('<inbound connector>');
  const outboundItem = page.locator('.item').filter({ hasText: 'Send from your server to an Internet mailbox' });
  await expect(outboundItem.getByRole('list', { name: 'Proof from the Test step' }).locator('.status-fail')).toBeVisible();
  await expect(outboundItem).toContainText('The latest test shows a problem: Bounced for judy@example.test (5.7.64)');

  // Headers within the organisation prove neither way: not kept, and it says why.
  await headersTool.getByLabel('Message headers').fill(fixture('headers/postfix-from-office365.eml'));
  await headersTool.getByRole('button', { name: 'Analyse' }).click();
  await expect(headersTool.getByRole('status').filter({ hasText: 'Not kept' })).toContainText('proves neither way');

  await page.reload();
  await expect(inboundItem.getByRole('list', { name: 'Proof from the Test step' }).locator('.item-evidence')).toHaveCount(1);
  await inboundItem.getByText('Path', { exact: true }).click();
  await expect(inboundItem.locator('pre')).toContainText('[outbound connector: Office 365 → your server]');
  await page.locator('.items').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/test-evidence-items-1280x800.png' });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export handover report' }).click();
  const path = join(mkdtempSync(join(tmpdir(), 'mailflow-report-')), 'report.html');
  await (await download).saveAs(path);
  const html = readFileSync(path, 'utf8');
  expect(html).toContain('<h2>Mail flow proven</h2>');

  const reader = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await reader.goto(`file://${path}`);
  const summary = reader.locator('#summary');
  await expect(summary.locator('.glance')).toContainText('Send from an Internet mailbox to your server (the delivered message’s headers)');
  await expect(summary.locator('.glance')).toContainText(/Consultant: \d+ open, 1 failing/);
  // The summary fits on the first screen, under the cover.
  const glanceBottom = await reader.evaluate<number>("document.querySelector('#summary .glance').getBoundingClientRect().bottom");
  expect(glanceBottom).toBeLessThanOrEqual(800 * 1.6);
  await reader.screenshot({ path: 'test-results/screenshots/handover-summary-1280x800.png' });
  await expect(reader.locator('#mail-flow h3').filter({ hasText: 'Send from an Internet mailbox' }).locator('.label-pass')).toBeVisible();
  await expect(reader.locator('#mail-flow h3').filter({ hasText: 'Send from your server' }).locator('.label-fail')).toBeVisible();

  // Printed on either paper, nothing is wider than the page: no table, code block or line is cut.
  await reader.emulateMedia({ media: 'print' });
  for (const paper of PAPER) {
    await reader.setViewportSize({ width: paper.width, height: 1000 });
    const overflowing = await reader.evaluate<string[]>(`(() => {
      const limit = ${String(paper.width)} + 1;
      const wide = [...document.querySelectorAll('table, pre, section, h1, h2, h3, p, li')].filter((element) => element.getBoundingClientRect().right > limit || element.scrollWidth > element.clientWidth + 1);
      return wide.map((element) => element.tagName + ' ' + (element.textContent || '').slice(0, 60));
    })()`);
    expect(overflowing, `${paper.name}: elements wider than the page`).toEqual([]);
    expect(await reader.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(paper.width);
    const pdf = await reader.pdf({ format: paper.format, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(`test-results/screenshots/handover-report-${paper.name}.pdf`, pdf);
  }
  await reader.setViewportSize({ width: PAPER[0].width, height: 1100 });
  await reader.screenshot({ path: 'test-results/screenshots/handover-report-print-A4.png' });
  await reader.close();
});
