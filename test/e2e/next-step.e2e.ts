import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview } from './preview';

/** A result that passed, as a run saves it (Part 2's unless told). */
const passed = (id: string, title: string, target: string, step = 'part2') => ({
  id,
  title,
  step,
  target,
  status: 'pass',
  summary: `${title}: fine.`,
  evidence: {},
  durationMs: 3,
  ranAt: new Date().toISOString(),
});

test('a step whose checks all pass says so and leads to the next step', async ({ page }) => {
  // No loopback lab can make a whole step pass (Part 2 needs Office 365 on port 25), so the
  // engagement is saved with Part 2's results, as a run would have saved them.
  const first = await startPreview();
  await page.goto(first.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso Ltd');
  await dialog.getByLabel(/Email domains/).fill('contoso.test');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.test');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Prerequisites', level: 1 })).toBeVisible();
  const dataDir = mkdtempSync(join(tmpdir(), 'mailflow-e2e-next-'));
  cpSync(first.dataDir, dataDir, { recursive: true });
  await first.stop();
  const file = join(dataDir, 'settings.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as { engagements: { checkResults: unknown[] }[] };
  const [engagement] = document.engagements;
  if (engagement === undefined) throw new Error('the engagement was not saved');
  engagement.checkResults = [
    passed('dns.spf', 'SPF record authorises Office 365', 'contoso.test'),
    passed('dns.dmarc', 'DMARC record published', 'contoso.test'),
    passed('eop.smtp', 'This network reaches the tenant’s Office 365 MX host on port 25 with TLS', 'mail.contoso.test'),
    passed('eop.relay', 'Office 365 accepts relay from this network', 'mail.contoso.test'),
    // The inbound connector identifies the server by certificate: its item rests on this prerequisite too.
    passed('tls.certificate.accepted-domain', 'Certificate names one of your domains', 'mail.contoso.test', 'prerequisites'),
  ];
  writeFileSync(file, JSON.stringify(document));

  const preview = await startPreview(dataDir);
  try {
    await page.goto(preview.url);
    await page.getByText('Contoso Ltd').first().click();
    const steps = page.getByRole('navigation', { name: 'Checklist steps' });
    await steps.getByRole('button', { name: /Part 2/ }).click();
    await expect(steps.getByRole('button', { name: /Part 2/ })).toContainText('checks pass');
    await expect(page.locator('.check-tally')).toHaveText('4 passed');
    await expect(page.getByText('Nothing to fix here: every check of this step passed.')).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/part2-all-pass-next-step-1280x800.png' });
    await page.getByRole('button', { name: 'Next: Test →' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Test');
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  } finally {
    await preview.stop();
  }
});
