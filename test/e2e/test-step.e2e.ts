import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startSmtpSink } from '../lab/smtp-sink.js';
import { startPreview, type RunningPreview } from './preview';

let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview();
});
test.afterEach(async () => {
  await preview.stop();
});

const fixture = (path: string): string => `test/fixtures/${path}`;

/** This file's own loopback address for the SMTP sink the test message goes to. */
const SINK_HOST = '127.0.0.171';

async function openTestStep(page: Page): Promise<void> {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso Ltd');
  await dialog.getByLabel(/Test addresses/).fill('it@contoso.com');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('button', { name: /^Test/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Test' })).toBeVisible();
}

test('reads the path of a message from its headers, keeping bad input for correction', async ({ page }) => {
  await openTestStep(page);
  const section = page.getByRole('region', { name: 'Where did the message go?' });
  const headers = section.getByLabel('Message headers');

  await headers.fill('this is not a header block at all');
  await section.getByRole('button', { name: 'Analyse' }).click();
  await expect(section.getByRole('alert')).toContainText('No message headers found');
  await expect(headers).toHaveValue('this is not a header block at all');

  await headers.fill(readFileSync(fixture('headers/exchange-online-inbound.eml'), 'utf8'));
  await section.getByRole('button', { name: 'Analyse' }).click();
  const hops = section.getByRole('list', { name: 'Hops, oldest first' }).getByRole('listitem');
  await expect(hops).toHaveCount(5);
  await expect(hops.nth(0)).toContainText('laptop.example.test');
  await expect(hops.nth(0)).toContainText('The first server to receive the message.');
  await expect(hops.nth(1)).toContainText('DB1PEPF000509E5.mail.protection.outlook.com');
  await expect(hops.nth(1)).toContainText('Microsoft / EOP');
  await expect(hops.nth(1)).toContainText('Encrypted (TLS 1.3, TLS_AES_256_GCM_SHA384)');
  await expect(hops.nth(1)).toContainText('3 seconds after the previous hop.');
  await expect(section.getByText('Total time on the way: 6 seconds')).toBeVisible();
  await expect(section.getByText('Passed through Exchange Online Protection (from hop 2).')).toBeVisible();
  await expect(section.getByRole('alert')).toHaveCount(0);

  const auth = section.getByRole('list', { name: 'Authentication verdicts' });
  for (const verdict of ['SPF pass', 'DKIM pass', 'DMARC pass', 'compauth pass']) await expect(auth).toContainText(verdict);
  await expect(section.getByText(/treated the message as anonymous Internet mail/)).toBeVisible();

  await section.getByText(/^Exchange organisation headers/).click();
  await expect(section.getByText('X-MS-Exchange-Organization-AuthAs', { exact: true })).toBeVisible();
});

test('decodes a bounce opened from a file, with the fix and a command to copy', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: preview.origin });
  await openTestStep(page);

  await page.getByLabel('Open a bounce file').setInputFiles(fixture('ndr/5.7.64-tenant-attribution.eml'));
  const result = page.getByRole('article', { name: 'What the bounce means' });
  await expect(result).toContainText('550 5.7.64');
  await expect(result).toContainText('Office 365 no longer recognises your server (TenantAttribution)');
  await expect(result).toContainText('could not be matched to your organisation');
  await expect(result).toContainText('Update the inbound connector with the current public IP address');
  await expect(result).toContainText('Your server → Office 365');
  await expect(page.getByLabel('Bounce message (non-delivery report)')).toHaveValue(/5\.7\.64/);

  const command = result.getByRole('listitem').filter({ hasText: 'Set-InboundConnector' }).first();
  await command.getByRole('button', { name: 'Copy' }).click();
  await expect(command.getByRole('button', { name: 'Copied' })).toBeVisible();
  // A string runs in the page: this file is type-checked without the DOM library.
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain('Set-InboundConnector');

  await page.screenshot({ path: 'test-results/screenshots/test-step-bounce-1280x800.png', fullPage: true });

  await page.getByLabel('Open a bounce file').setInputFiles(fixture('ndr/5.3.4-unknown-code.txt'));
  await expect(result).toContainText('552 5.3.4');
  await expect(result).toContainText('What RFC 3463 says about it');
  await expect(result).toContainText('larger than the system accepts');

  const bounceText = page.getByLabel('Bounce message (non-delivery report)');
  await page.getByLabel('Open a bounce file').setInputFiles({ name: 'huge.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(2_100_000, 'a') });
  await expect(page.getByRole('region', { name: 'Why did it bounce?' }).getByRole('alert')).toContainText('huge.eml is 2.1 MB; files up to 2.0 MB can be opened.');
  await expect(bounceText).toHaveValue(/552 5\.3\.4/);
});

test('sends a test message to a loopback server and reports its answer, or why it failed', async ({ page }) => {
  const sink = await startSmtpSink({ host: SINK_HOST, transport: 'plain' });
  try {
    await openTestStep(page);
    const form = page.getByRole('form', { name: 'Send a test message' });
    await expect(form.getByLabel('To', { exact: true })).toHaveValue('it@contoso.com');
    await expect(form.getByText(/never typed here/)).toBeVisible();
    await form.getByLabel('Server', { exact: true }).fill(SINK_HOST);
    await form.getByLabel('Port', { exact: true }).fill(String(sink.port));
    await form.getByLabel('From', { exact: true }).fill('test@contoso.com');

    await form.getByRole('button', { name: 'Send test message' }).click();
    const failure = page.getByRole('alert', { name: 'Test message result' });
    await expect(failure).toContainText('Not sent: Encryption (TLS) problem');
    await expect(failure).toContainText('does not offer STARTTLS');
    expect(sink.messages).toHaveLength(0);

    await form.getByLabel('Security').selectOption('starttls-opportunistic');
    await form.getByRole('button', { name: 'Send test message' }).click();
    const result = page.getByRole('status', { name: 'Test message result' });
    await expect(result).toContainText(`Accepted by ${SINK_HOST}`);
    await expect(result).toContainText('None: the message crossed the network unencrypted.');
    await expect(result).toContainText('it@contoso.com');
    expect(sink.messages).toHaveLength(1);
    expect(sink.messages[0]?.rcptTo).toEqual(['it@contoso.com']);
    await result.getByText(/^SMTP conversation/).click();
    await expect(result.getByText(/^C: MAIL FROM/m)).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/test-step-send-1280x800.png', fullPage: true });

    await form.getByLabel('Security').selectOption('none');
    await expect(form.getByRole('note')).toContainText('Without encryption');
    await form.getByLabel('User name (optional)').fill('relay-user');
    await form.getByRole('button', { name: 'Send test message' }).click();
    await expect(form.getByRole('alert')).toContainText('A password is never sent unencrypted');
    expect(sink.connections()).toBe(2);

    await form.getByRole('button', { name: 'Passwords in Details' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Prerequisites' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Passwords (kept in the system keychain)' })).toBeInViewport();
  } finally {
    await sink.close();
  }
});

test('shows the Test step tools at 1280x800 and 1024x700', async ({ page }) => {
  await openTestStep(page);
  await page.getByLabel('Message headers').fill(readFileSync(fixture('headers/exchange-online-inbound.eml'), 'utf8'));
  await page.getByRole('button', { name: 'Analyse' }).click();
  await page.getByLabel('Open a bounce file').setInputFiles(fixture('ndr/5.7.3-starttls-required.eml'));
  await expect(page.getByRole('article', { name: 'What the bounce means' })).toBeVisible();
  await page.getByRole('heading', { name: 'Where did the message go?' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/test-step-1280x800.png', fullPage: true });

  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByRole('heading', { name: 'Where did the message go?' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/test-step-1024x700.png', fullPage: true });
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  expect(overflow).toBeLessThanOrEqual(0);
});
