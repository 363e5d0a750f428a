/**
 * The run history on a step's checks panel: after two runs, "Changes since the previous run" says
 * what newly fails and which inputs changed, and the history lists both runs with their counts.
 * Lab on this suite's own loopback addresses (127.0.5.200–201).
 */
import { expect, test, type Page } from '@playwright/test';
import { createTestPki } from '../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../lab/smtp-scenarios.js';
import { newEngagement } from './new-engagement';
import { previewForEachTest } from './preview';

const SMTP_HOST = '127.0.5.200';
const DNS_HOST = '127.0.5.201';
/** Nothing listens on this port of the lab address: the connection is refused. */
const CLOSED_PORT = '1';

const preview = previewForEachTest();
const pki = createTestPki();
let dns: LabDnsServer;
let smtp: LabSmtpServer;

test.beforeAll(async () => {
  smtp = await startGoodSmtpServer({ host: SMTP_HOST, cert: pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test', 'contoso.test'] }) });
  dns = await startDnsServer({ address: DNS_HOST, zone: { 'mail.contoso.test': [{ type: 'A', value: SMTP_HOST }] } });
});
test.afterAll(async () => {
  await smtp.close();
  await dns.close();
});

/** Saves the check settings with this SMTP port (the lab DNS, 3 s per check), then runs the step's checks and waits for the run to be saved. */
async function runWithPort(page: Page, port: string, runs: number): Promise<void> {
  await page.getByLabel('SMTP port of the smart host').fill(port);
  await page.getByLabel('DNS server to ask').fill(`${DNS_HOST}:${String(dns.port)}`);
  await page.getByLabel('Timeout per check (seconds)').fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: runs === 1 ? 'Run checks' : 'Run again' }).click();
  await expect(page.locator('.step-checks .run-history > summary')).toHaveText(`Run history (${String(runs)})`, { timeout: 20_000 });
}

test('after two runs, the checks panel shows the changes since the previous run and the run history', async ({ page }) => {
  await newEngagement(page, preview().url);

  const checks = page.locator('.step-checks');
  await runWithPort(page, String(smtp.port), 1);
  // One run: nothing to compare with yet.
  await expect(checks.getByRole('heading', { name: 'Changes since the previous run' })).toBeHidden();

  await runWithPort(page, CLOSED_PORT, 2);
  const changes = checks.getByRole('region', { name: 'Changes since the previous run' });
  await expect(changes).toBeVisible();
  const failing = changes.locator('.run-change-failing');
  await expect(failing.getByRole('heading')).toHaveText('Newly failing');
  await expect(failing).toContainText('TCP connection to the smart host’s SMTP port (mail.contoso.test): warned, now failed');
  await expect(changes.locator('.run-change-passing')).toHaveCount(0);
  // What the new failure stopped shares one line.
  await expect(changes.locator('.run-change-changed li').filter({ hasText: 'SMTP greeting (220) from the smart host (mail.contoso.test), EHLO accepted' })).toContainText(
    'now skipped — Skipped because “TCP connection to the smart host’s SMTP port” failed.',
  );
  await expect(changes.locator('.run-change-inputs')).toContainText('Check settings changed');

  const history = checks.locator('.run-history');
  await history.locator('summary').click();
  const rows = history.locator('.run-history-list > li');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('failed');
  await expect(rows.nth(0)).not.toContainText('ran with other');
  // The first run used another port: its results would be out of date now.
  await expect(rows.nth(1)).toContainText('ran with other check settings than now');
  await expect(rows.nth(1)).toContainText('compared');

  // The e2e project has no DOM types: the element is described by the one method used.
  await changes.evaluate((section: { scrollIntoView(options: { readonly block: 'start' }): void }) => {
    section.scrollIntoView({ block: 'start' });
  });
  // Out from under the sticky top bar, the section's heading in view.
  await page.mouse.wheel(0, -120);
  await expect(changes.getByRole('heading', { name: 'Changes since the previous run' })).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/run-history-changes-1280x800.png' });
});
