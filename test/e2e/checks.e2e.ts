import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createTestPki, toPkcs12 } from '../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../lab/smtp-scenarios.js';
import { newEngagement } from './new-engagement';
import { previewForEachTest } from './preview';

const SMTP_HOST = '127.0.0.200';
const DNS_HOST = '127.0.0.201';

const preview = previewForEachTest();
let dns: LabDnsServer;
let smtp: LabSmtpServer;
const pki = createTestPki();
const files = mkdtempSync(join(tmpdir(), 'mailflow-e2e-files-'));

test.beforeAll(async () => {
  smtp = await startGoodSmtpServer({ host: SMTP_HOST, cert: pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test', 'contoso.test'] }) });
  dns = await startDnsServer({
    address: DNS_HOST,
    zone: {
      'mail.contoso.test': [{ type: 'A', value: SMTP_HOST }],
      '200.0.0.127.in-addr.arpa': [{ type: 'PTR', value: 'mail.contoso.test' }],
      'contoso.test': [
        { type: 'MX', priority: 10, exchange: 'mail.contoso.test' },
        { type: 'TXT', value: 'v=spf1 ip4:127.0.0.200 -all' },
      ],
    },
  });
});
test.afterAll(async () => {
  await smtp.close();
  await dns.close();
});

const createEngagement = (page: Page): Promise<void> => newEngagement(page, preview().url, { testAddresses: 'it@contoso.test' });

/** Points the checks at the lab (DNS server, short timeout, and the SMTP port when given), then runs them. */
async function runChecksAgainstLab(page: Page, smtpPort?: number): Promise<void> {
  if (smtpPort !== undefined) await page.getByLabel('SMTP port of the smart host').fill(String(smtpPort));
  await page.getByLabel('DNS server to ask').fill(`${DNS_HOST}:${dns.port}`);
  await page.getByLabel('Timeout per check (seconds)').fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 20_000 });
}

test('runs the prerequisite checks with progress, shows evidence and advice, and keeps them after a reload', async ({ page }) => {
  await createEngagement(page);
  // The tenant MX hint speaks of this engagement's own domain.
  await expect(page.getByText(/^Empty: derived from contoso\.test /)).toBeVisible();
  await runChecksAgainstLab(page, smtp.port);
  const checks = page.locator('.step-checks');
  // Problems first: the failure is the first result, the passes are folded into one line below.
  await expect(checks.locator('.check-tally')).toContainText(/\d+ to fix.*\d+ passed/);
  await expect(checks.getByRole('list', { name: 'To fix first' }).locator('.check-result').first()).toContainText('Certificate chain is trusted');
  const starttls = checks.locator('.check-result').filter({ hasText: 'STARTTLS offered and accepted' });
  await expect(starttls).toBeHidden();
  // The e2e project has no DOM types: the element is described by the one method used.
  await checks.evaluate((card: { scrollIntoView(options: { readonly block: 'start' }): void }) => {
    card.scrollIntoView({ block: 'start' });
  });
  await page.screenshot({ path: 'test-results/screenshots/prerequisites-problems-first-1280x800.png' });
  await checks.locator('.check-group > summary', { hasText: /passed$/ }).click();
  await expect(starttls.getByText('Pass')).toBeVisible();
  await starttls.getByText('Evidence').click();
  await expect(starttls.locator('.transcript')).toContainText('STARTTLS');
  const trusted = checks.locator('.check-result').filter({ hasText: 'Certificate chain is trusted' });
  await expect(trusted.getByText('Fail')).toBeVisible();
  await expect(trusted.locator('.check-advice')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/prerequisites-checks-1280x800.png', fullPage: false });

  // The steps say where their checks stand; switching steps starts at the top, focus on the heading.
  const steps = page.getByRole('navigation', { name: 'Checklist steps' });
  // The failing chain and the connection to a loopback address (the lab), which proves nothing of what Office 365 reaches.
  await expect(steps.getByRole('button', { name: /Prerequisites/ })).toContainText('2 to fix');
  await expect(steps.getByRole('button', { name: /Part 2/ })).toContainText('not checked yet');
  await steps.getByRole('button', { name: /Part 2/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Part 2/);
  await steps.getByRole('button', { name: /Prerequisites/ }).click();

  await page.reload();
  await expect(page.getByText(/^Last run /)).toBeVisible();
  await expect(page.locator('.check-tally')).toHaveText(/^1 to fix, 1 warning, \d+ passed/);
  // Chips carry the check's name, not its id.
  await expect(page.locator('.item').filter({ hasText: 'Port 25 is open' }).locator('.item-check', { hasText: 'TCP connection to the smart host’s SMTP port' })).toBeVisible();
  // This computer's connection supports the item; only Office 365's own validation proves it.
  await expect(page.locator('.item').filter({ hasText: 'Port 25 is open' })).toContainText('only Office 365’s own validation proves port 25 is open to it from the Internet');

  // Another smart host: the results of the first one are out of date and prove nothing any more.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const details = page.getByRole('dialog', { name: 'Edit details' });
  await details.getByLabel(/smart host/).fill('mail2.contoso.test');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();
  await expect(checks.getByRole('status')).toContainText(/\d+ results are out of date: run for mail\.contoso\.test, which this engagement no longer checks/);
  await expect(checks.locator('.check-group > summary', { hasText: /out of date$/ })).toBeVisible();
  await expect(checks.getByRole('list', { name: 'To fix first' })).toBeHidden();
  await expect(steps.getByRole('button', { name: /Prerequisites/ })).toContainText('not checked yet');
  await expect(page.locator('.item').filter({ hasText: 'Port 25 is open' }).getByText(/no longer count/)).toBeVisible();
  await checks.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/prerequisites-out-of-date-1280x800.png' });
});

test('inspects a certificate file, and offers no receive connector command for one Office 365 would refuse', async ({ page }) => {
  await createEngagement(page);
  const notAfter = new Date(Date.now() + 10 * 86_400_000);
  const cert = pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'], notAfter });
  const path = join(files, 'mail.contoso.test.pem');
  writeFileSync(path, cert.certPem + cert.chainPem.join(''));
  await page.getByRole('region', { name: 'Certificate file' }).locator('input[type=file]').setInputFiles(path);
  const inspector = page.getByRole('region', { name: 'Certificate file' });
  await expect(inspector.getByText(/mail\.contoso\.test\.pem, inspected/)).toBeVisible();
  await expect(inspector.locator('.check-result').filter({ hasText: 'Certificate is within its validity period' }).getByText('Warning')).toBeVisible();
  // The lab's private CA is not trusted by the inspector, so the certificate fails and must not be bound.
  await expect(inspector.locator('.check-result .status-fail').first()).toBeVisible();
  await expect(inspector.getByText('Set-ReceiveConnector')).toBeHidden();
  // Dates in the reader's locale (the browser's: en-US here), not ISO strings.
  const day = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(notAfter);
  await expect(inspector.locator('.check-summary').filter({ hasText: /expires in 9 days|expires in 10 days/ })).toContainText(day);
  await expect(inspector.locator('.check-summary').filter({ hasText: /\d{4}-\d{2}-\d{2}T/ })).toHaveCount(0);
  await inspector.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/certificate-inspector-1280x800.png' });
});

test('asks a PFX for its password in place, and a new file replaces the last result at once', async ({ page }) => {
  await createEngagement(page);
  const good = pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test', 'contoso.test'] });
  const pfxPath = join(files, 'mail.contoso.test.pfx');
  writeFileSync(pfxPath, toPkcs12(good, 'Pfx-Pass-1'));
  const chooser = page.getByRole('region', { name: 'Certificate file' }).locator('input[type=file]');
  const inspector = page.getByRole('region', { name: 'Certificate file' });
  await chooser.setInputFiles(pfxPath);
  const password = inspector.getByLabel('Password of mail.contoso.test.pfx');
  await expect(password).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/certificate-pfx-password-1280x800.png' });
  await password.fill('wrong');
  await inspector.getByRole('button', { name: 'Open the file' }).click();
  await expect(inspector.locator('.inline-problem')).toContainText('wrong password');
  await password.fill('Pfx-Pass-1');
  await inspector.getByRole('button', { name: 'Open the file' }).click();
  await expect(inspector.getByText(/mail\.contoso\.test\.pfx, inspected/)).toBeVisible();

  // An expired certificate: the earlier result goes at once, and no command binds a failing certificate.
  const expired = pki.issue({ commonName: 'mail.contoso.test', dnsNames: ['mail.contoso.test'], notBefore: new Date(Date.now() - 40 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
  const expiredPath = join(files, 'expired.pem');
  writeFileSync(expiredPath, expired.certPem + expired.chainPem.join(''));
  await chooser.setInputFiles(expiredPath);
  await expect(inspector.getByText(/expired\.pem, inspected/)).toBeVisible();
  await expect(inspector.getByText(/mail\.contoso\.test\.pfx, inspected/)).toBeHidden();
  await expect(inspector.locator('.check-result').filter({ hasText: 'Certificate is within its validity period' }).locator('.status-fail')).toBeVisible();
  await inspector.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/certificate-inspector-expired-1280x800.png' });
});

test('gives firewall rules in every format and the scripts of Part 1', async ({ page }) => {
  await createEngagement(page);
  const firewall = page.getByRole('region', { name: 'Firewall rules for Office 365' });
  await expect(firewall.locator('pre')).toContainText('40.92.0.0/15');
  await firewall.getByLabel('Format').selectOption('nftables');
  await expect(firewall.locator('pre')).toContainText('table inet mailflow_eop');
  await firewall.getByLabel('Format').selectOption('windows');
  await expect(firewall.locator('pre')).toContainText('New-NetFirewallRule');

  await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('button', { name: /Part 1/ }).click();
  const scripts = page.getByRole('region', { name: 'Scripts' });
  await expect(scripts).toContainText('New-OutboundConnector');
  await expect(scripts).toContainText('New-SendConnector');
  await page.getByRole('radio', { name: /public IPv4 address/ }).check();
  await page.getByLabel(/public IPv4 addresses/).fill('203.0.113.10');
  await page.getByRole('button', { name: 'Save choices' }).click();
  await expect(scripts).toContainText('SenderIPAddresses');
  await page.setViewportSize({ width: 1024, height: 700 });
  await scripts.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/part1-scripts-1024x700.png' });
});

test('a fix in the advice opens the field it names, on its page and in its form', async ({ page }) => {
  await createEngagement(page);
  // Port 25 of the lab address is closed: the connection is refused, and the advice names the port.
  await runChecksAgainstLab(page);

  const checks = page.locator('.step-checks');
  const row = (title: string) => checks.locator('.check-result').filter({ has: page.locator('.check-title', { hasText: title }) });
  const connect = row('TCP connection to the smart host’s SMTP port');
  await expect(connect.locator('.status-fail')).toBeVisible();
  await connect.getByRole('button', { name: 'Open Check settings: SMTP port of the smart host' }).click();
  await expect(page.getByLabel('SMTP port of the smart host')).toBeFocused();

  // A smart host that does not exist: the advice opens the details form at the smart host field.
  await page.getByRole('button', { name: 'Edit details' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit details' });
  await edit.getByLabel(/smart host/).fill('missing.contoso.test');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toBeHidden();
  await page.getByRole('button', { name: 'Run again' }).click();
  const resolve = row('Smart host name resolves');
  await expect(resolve.locator('.status-fail')).toBeVisible({ timeout: 20_000 });
  await resolve.getByRole('button', { name: /Open Engagement details: .*smart host/ }).click();
  const reopened = page.getByRole('dialog', { name: 'Edit details' });
  await expect(reopened.getByLabel(/smart host/)).toBeFocused();
  await page.screenshot({ path: 'test-results/screenshots/fix-opens-smart-host-1280x800.png' });
});

test('trusts an extra root CA for the checks, and refuses a certificate that is no root', async ({ page }) => {
  await createEngagement(page);
  await runChecksAgainstLab(page, smtp.port);
  const checks = page.locator('.step-checks');
  const trusted = checks.locator('.check-result').filter({ has: page.locator('.check-title', { hasText: 'Certificate chain is trusted' }) });
  await expect(trusted.locator('.status-fail')).toBeVisible();
  const field = page.getByLabel('Extra trusted CA certificates (PEM)');

  // A server certificate is not a CA: saving says so and keeps what was typed.
  const leaf = pki.issue({ commonName: 'not-a-ca.contoso.test' });
  await field.fill(leaf.certPem);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not-a-ca.contoso.test is not a CA certificate; add the root CA that issued it instead' })).toBeVisible();
  await expect(field).toHaveValue(leaf.certPem);

  const caFile = join(mkdtempSync(join(tmpdir(), 'mailflow-ca-')), 'lab-root.pem');
  writeFileSync(caFile, pki.rootPem);
  await field.fill('');
  await page.getByLabel('Open a CA certificate file (PEM)').setInputFiles(caFile);
  await expect(page.getByText('1 certificate added.')).toBeVisible();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  // The certificate results ran without that CA: out of date until run again; the others still count.
  await expect(checks.getByRole('status').filter({ hasText: 'out of date' })).toContainText(/results? (is|are) out of date: run before the check settings, inventory or tenant read they depend on changed/);
  await expect(checks.locator('.check-group > summary', { hasText: /out of date$/ })).toBeVisible();
  await expect(page.locator('.item').filter({ hasText: 'TLS with a CA-signed certificate' }).getByText(/no longer count/)).toBeVisible();
  await page.getByRole('button', { name: 'Run again' }).click();
  // Passing now, so folded in with the passes, out of the problems listed first.
  await expect(trusted.locator('.status-pass')).toBeAttached({ timeout: 20_000 });
  await expect(checks.getByRole('list', { name: 'To fix first' }).filter({ hasText: 'Certificate chain is trusted' })).toHaveCount(0);
  await page.locator('#check-settings-heading').scrollIntoViewIfNeeded();
  await page.getByRole('region', { name: 'Check settings' }).screenshot({ path: 'test-results/screenshots/extra-ca-settings-1280x800.png' });
});

test('offline, the network checks are shown as not runnable with the reason, and the last results stay', async ({ page }) => {
  await createEngagement(page);
  await runChecksAgainstLab(page, smtp.port);
  const checks = page.locator('.step-checks');
  await expect(checks.locator('.check-tally')).toBeVisible();
  const tally = await checks.locator('.check-tally').textContent();

  // The core reports this computer offline (no network interface up).
  await page.route('**/api/getNetworkStatus', (route) =>
    route.fulfill({ json: { ok: true, value: { online: false, detail: 'No network connection: only checks that need no network can run.' } } }),
  );
  await page.reload();
  await expect(page.locator('.pill.offline')).toHaveText(/^Offline/);
  // The lab's DNS server is on this computer, so the run stays here: nothing is held back.
  await expect(checks.getByRole('status').filter({ hasText: 'Not runnable now' })).toBeHidden();
  await expect(checks.locator('.check-tally')).toHaveText(tally ?? '');
  await expect(page.getByRole('button', { name: 'Run again' })).toBeEnabled();

  // With a DNS server elsewhere, the checks that need the network cannot run from here.
  await page.getByLabel('DNS server to ask').fill('192.0.2.53');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  const notice = checks.getByRole('status').filter({ hasText: 'Not runnable now' });
  await expect(notice).toContainText('No network connection: only checks that need no network can run.');
  await expect(notice).toContainText('TCP connection to the smart host’s SMTP port');
  await expect(notice).toContainText('are not run (the run shows them as skipped), and their last results stay as they were.');
  await expect(notice).toContainText('The 2 checks that work offline still run.');
  // The earlier results are kept, not replaced by failures: they ran with the lab's DNS server, so they are out of date now.
  await expect(checks.locator('.check-group > summary', { hasText: /out of date$/ })).toBeVisible();
  await checks.screenshot({ path: 'test-results/screenshots/offline-checks-1280x800.png' });
});
