import { expect, test } from '@playwright/test';
import { createTestPki } from '../lab/ca.js';
import { startDnsServer, type LabDnsServer } from '../lab/dns-server.js';
import { startGoodSmtpServer, type LabSmtpServer } from '../lab/smtp-scenarios.js';
import { previewForEachTest } from './preview';

/** mx1 answers on 127.0.2.201 and ::1 (A and AAAA); mx2 has 127.0.2.211, which answers, and 127.0.2.212, where nothing listens. */
const MX1 = 'mx1.contoso.test';
const MX2 = 'mx2.contoso.test';
const DNS_HOST = '127.0.2.200';

const preview = previewForEachTest();
const pki = createTestPki();
let dns: LabDnsServer;
const servers: LabSmtpServer[] = [];

test.beforeAll(async () => {
  const cert = pki.issue({ commonName: MX1, dnsNames: [MX1, MX2, 'contoso.test'] });
  for (let attempt = 0; servers.length === 0; attempt += 1) {
    const first = await startGoodSmtpServer({ host: '127.0.2.201', cert, name: MX1 });
    try {
      servers.push(first, await startGoodSmtpServer({ host: '::1', port: first.port, cert, name: MX1 }), await startGoodSmtpServer({ host: '127.0.2.211', port: first.port, cert, name: MX2 }));
    } catch (error) {
      await Promise.all([first, ...servers.splice(0)].map((server) => server.close()));
      if (attempt === 4) throw error;
    }
  }
  dns = await startDnsServer({
    address: DNS_HOST,
    zone: {
      [MX1]: [
        { type: 'A', value: '127.0.2.201' },
        { type: 'AAAA', value: '::1' },
      ],
      [MX2]: [
        { type: 'A', value: '127.0.2.211' },
        { type: 'A', value: '127.0.2.212' },
      ],
    },
  });
});
test.afterAll(async () => {
  await Promise.all([...servers.map((server) => server.close()), dns.close()]);
});

test('checks every smart host and every address of each: one result per host, and the address that fails is named', async ({ page }) => {
  await page.goto(preview().url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso, two servers');
  await dialog.getByLabel(/Email domains/).fill('contoso.test');
  await dialog.getByLabel(/smart host/).fill(`${MX1}\n${MX2}`);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Prerequisites', level: 1 })).toBeVisible();

  await page.getByLabel('SMTP port of the smart host').fill(String(servers[0]?.port ?? 0));
  await page.getByLabel('DNS server to ask').fill(`${DNS_HOST}:${String(dns.port)}`);
  await page.getByLabel('Timeout per check (seconds)').fill('3');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Run checks' }).click();
  await expect(page.getByRole('button', { name: 'Run again' })).toBeVisible({ timeout: 30_000 });

  const checks = page.locator('.step-checks');
  const toFix = checks.getByRole('list', { name: 'To fix first' });
  const mx2Connect = toFix.locator('.check-result').filter({ hasText: 'TCP connection to the smart host’s SMTP port' }).filter({ hasText: MX2 });
  await expect(mx2Connect).toHaveCount(1);
  await expect(mx2Connect).toContainText(MX2);
  await expect(mx2Connect).toContainText(/1 of 2 addresses of mx2\.contoso\.test fails\. 127\.0\.2\.212: .*refused the connection/);
  await checks.evaluate((card: { scrollIntoView(options: { readonly block: 'start' }): void }) => {
    card.scrollIntoView({ block: 'start' });
  });
  await page.screenshot({ path: 'test-results/screenshots/two-smart-hosts-1280x800.png' });

  // mx1 connected on both of its addresses, IPv6 included: loopback addresses, so a warning that Office 365 reaches the server elsewhere.
  const mx1Connect = toFix.locator('.check-result').filter({ hasText: 'TCP connection to the smart host’s SMTP port' }).filter({ hasText: MX1 });
  await expect(mx1Connect).toContainText(/Both addresses of mx1\.contoso\.test warn\. .*a loopback address of this computer/);
  await mx1Connect.getByText('Evidence').click();
  await expect(mx1Connect).toContainText('::1');
});
