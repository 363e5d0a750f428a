/**
 * Starting from what really exists, in the app: the read-only inventory scripts, importing their
 * documents (a damaged one refused in place, nothing lost), the edit scripts that then target the
 * wizard-made connectors, and Microsoft's own proof pasted back and shown on the checklist apart
 * from this computer's checks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { previewForEachTest } from './preview';

const OUTBOUND = 'Outbound to 5d9a8c1e-2b7f-4d4e-9a61-0c3f2e7b8a90';
const fixture = (name: string): string => join('test/fixtures', name);
const preview = previewForEachTest();

async function createContoso(page: Page): Promise<void> {
  await page.goto(preview().url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso');
  await dialog.getByLabel(/Email domains/).fill('contoso.com');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.com');
  await dialog.getByLabel(/Test addresses/).fill('postmaster@contoso.com');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Prerequisites/ })).toBeVisible();
}

const step = (page: Page, name: string) => page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();

test('imports the inventory, refuses a damaged file in place, and the edit scripts target the wizard-made connectors', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createContoso(page);
  await step(page, 'Part 1');
  const panel = page.getByRole('region', { name: 'What already exists' });
  await expect(panel.getByText(/Not imported/)).toHaveCount(2);

  await panel.getByRole('button', { name: 'Show the script for Exchange Online' }).click();
  await expect(panel.getByRole('region', { name: /read the connectors \(read-only\)/ })).toContainText('Get-OutboundConnector');
  await expect(panel.getByRole('button', { name: 'Save as mailflow-inventory-exchange-online.ps1' })).toBeVisible();

  const box = panel.getByLabel('Import an inventory document');
  const damaged = readFileSync(fixture('inventory/exchange-online-wizard.json'), 'utf8').slice(0, 300);
  await box.fill(damaged);
  await panel.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(panel.getByRole('alert')).toContainText('not JSON');
  await expect(panel.getByRole('alert')).toContainText('cut off or damaged');
  // The text stays, so the admin can see what came through; the banner stays out of it.
  await expect(box).toHaveValue(damaged);
  await expect(page.locator('.banner')).toHaveCount(0);

  await panel.getByLabel('Open an inventory file').setInputFiles(fixture('inventory/postfix-3.5.json'));
  await expect(panel.getByRole('alert')).toContainText("the engagement's server is Exchange");

  await panel.getByLabel('Open an inventory file').setInputFiles(fixture('inventory/exchange-online-wizard.json'));
  await expect(panel.getByText('1 outbound connector (1 made by the Hybrid Configuration Wizard)')).toBeVisible();
  await expect(panel.getByText(/from exchange-online-wizard\.json/)).toBeVisible();
  await expect(panel.getByRole('alert')).toHaveCount(0);
  await expect(box).toHaveValue('');
  await panel.getByLabel('Open an inventory file').setInputFiles(fixture('inventory/exchange-server.json'));
  await expect(panel.getByText(/^1 server: EX01/)).toBeVisible();
  await panel.screenshot({ path: 'test-results/screenshots/inventory-imported-1280x800.png' });

  // New connectors would duplicate the wizard's: the scripts say which one exists.
  const scripts = page.getByRole('region', { name: 'Scripts' });
  await expect(scripts).toContainText(`an outbound connector for contoso.com already exists ("${OUTBOUND}")`);
  const choices = page.getByRole('region', { name: /Connector choices|Your choices/ });
  await choices.getByLabel('Connectors').selectOption('edit');
  await choices.getByRole('button', { name: 'Save choices' }).click();
  await expect(scripts).toContainText(`Set-OutboundConnector -Identity '${OUTBOUND}' @outboundConnector`);
  await expect(scripts).toContainText("Set-AcceptedDomain -Identity 'contoso.com' -DomainType 'InternalRelay'");
  await expect(scripts).toContainText("Set-SendConnector -Identity 'Internet' -Enabled $false");

  // Kept with the engagement: a reload shows the same imports, and Part 2 shows them too.
  await page.reload();
  await step(page, 'Part 2');
  await expect(page.getByRole('region', { name: 'What already exists' }).getByText('1 outbound connector (1 made by the Hybrid Configuration Wizard)')).toBeVisible();
  await page.getByRole('region', { name: 'What already exists' }).getByRole('button', { name: 'Remove this inventory (Exchange Online)' }).click();
  await expect(page.getByRole('region', { name: 'What already exists' }).getByText(/Not imported/)).toHaveCount(1);
});

test('Microsoft’s validation and message trace prove items on the checklist, apart from this computer’s checks', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await createContoso(page);
  await step(page, 'Part 1');
  const proof = page.getByRole('region', { name: 'Proof from Office 365' });
  await expect(proof).toContainText('Validate-OutboundConnector -Identity "<your outbound connector>" -Recipients postmaster@contoso.com');
  await proof.getByLabel('Paste the cmdlet output (JSON)').fill('Resolve: ok');
  await proof.getByRole('button', { name: 'Read the proof' }).click();
  await expect(proof.getByRole('alert')).toContainText('This is not JSON');

  await proof.getByLabel('Open a file with the cmdlet output').setInputFiles(fixture('validation/validate-failed-connection.json'));
  await expect(proof.getByRole('table')).toContainText('Connection');
  await expect(proof.getByRole('table')).toContainText('open port 25 on the firewall');
  const outbound = page.getByRole('listitem').filter({ has: page.getByLabel('Create the connector from Office 365 to your server', { exact: true }) });
  await expect(outbound.getByRole('list', { name: 'Proof from Office 365' })).toContainText('Office 365 could not complete Connection for mail.contoso.com');

  await proof.getByLabel('Open a file with the cmdlet output').setInputFiles(fixture('validation/validate-passed.json'));
  await expect(outbound.getByRole('list', { name: 'Proof from Office 365' })).toContainText('Office 365 reached mail.contoso.com on port 25 and delivered a test message to it over TLS');
  await expect(outbound.getByText('From Office 365', { exact: true })).toBeVisible();
  await outbound.screenshot({ path: 'test-results/screenshots/office-proof-item-1280x800.png' });
  await proof.screenshot({ path: 'test-results/screenshots/office-proof-panel-1280x800.png' });

  await step(page, 'Prerequisites');
  const port25 = page.getByRole('listitem').filter({ has: page.getByLabel('Port 25 is open on your firewall', { exact: true }) });
  await expect(port25.getByRole('list', { name: 'Proof from Office 365' })).toContainText('Office 365 connected to mail.contoso.com on port 25 from the Internet');
  await expect(port25).toContainText('Office 365’s validation above proves it');

  await step(page, 'Test');
  const testProof = page.getByRole('region', { name: 'Proof from Office 365' });
  await testProof.getByLabel('Open a file with the cmdlet output').setInputFiles(fixture('validation/message-trace.json'));
  await expect(testProof.getByRole('heading', { name: 'Message trace' })).toBeVisible();
  // The validation pasted in Part 1 is still there: a trace replaces only the trace.
  await expect(testProof.getByRole('heading', { name: 'Connector validation' })).toBeVisible();
  const inbound = page.getByRole('listitem').filter({ has: page.getByLabel('Send from an Internet mailbox to your server', { exact: true }) });
  await expect(inbound.getByRole('list', { name: 'Proof from Office 365' })).toContainText('Message trace: delivered to postmaster@contoso.com');
  await page.screenshot({ path: 'test-results/screenshots/office-proof-test-step-1280x800.png', fullPage: true });

  await testProof.getByRole('button', { name: 'Remove the connector validation' }).click();
  await expect(testProof.getByRole('heading', { name: 'Connector validation' })).toHaveCount(0);
  await expect(testProof.getByRole('heading', { name: 'Message trace' })).toBeVisible();
});
