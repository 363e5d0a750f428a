import { expect, test, type WebSocketRoute } from '@playwright/test';
import { startPreview, type RunningPreview } from './preview';

let preview: RunningPreview;

test.beforeEach(async () => {
  preview = await startPreview();
});
test.afterEach(async () => {
  await preview.stop();
});

test('creates an engagement, ticks an item, and finds it still ticked after a reload', async ({ page }) => {
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Engagements', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso Ltd');
  await dialog.getByLabel(/Email domains/).fill('contoso.com\nfabrikam.com');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.com');
  await dialog.getByLabel(/Test addresses/).fill('it@contoso.com');
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(page.getByRole('heading', { name: 'Prerequisites' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Port 25 is open' })).toBeVisible();
  const tick = page.getByLabel('Port 25 is open on your firewall');
  await tick.check();
  await expect(page.getByText('1 of 7 done')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/prerequisites-1280x800.png' });

  await page.reload();
  await expect(page.getByLabel('Port 25 is open on your firewall')).toBeChecked();
  await expect(page.getByText(/ticked /)).toBeVisible();

  await page.getByRole('button', { name: '← Engagements' }).click();
  await expect(page.getByText('1 of 14 items done')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/engagements-1280x800.png' });
});

test('walks every step of the checklist outline', async ({ page }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByLabel('Customer or engagement name').fill('Walkthrough');
  await page.getByRole('button', { name: 'Create' }).click();
  const steps = [
    ['Part 1: Office 365 to your server', ['Configure Office 365', 'Create the connector from Office 365 to your server', 'Change the MX record to Office 365']],
    ['Part 2: your server to Office 365', ['Create the connector from your server to Office 365', 'Relay your server’s mail through Office 365']],
    ['Test', ['Send from your server to an Internet mailbox', 'Send from an Internet mailbox to your server']],
  ] as const;
  for (const [step, items] of steps) {
    await page.getByRole('navigation', { name: 'Checklist steps' }).getByRole('button', { name: new RegExp(step.replace(/[()]/g, '.')) }).click();
    await expect(page.getByRole('heading', { level: 1, name: step })).toBeVisible();
    for (const item of items) await expect(page.getByLabel(item, { exact: true })).toBeVisible();
  }
});

test('renames and deletes with confirmation, from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Fabrikam');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Prerequisites' })).toBeVisible();
  await page.getByRole('button', { name: '← Engagements' }).click();

  await page.getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: 'Rename engagement' });
  await rename.getByLabel('Customer or engagement name').fill('Fabrikam Inc');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Fabrikam Inc', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/engagements-1024x700.png' });

  await page.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete engagement?' });
  await expect(confirm).toContainText('Fabrikam Inc');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Fabrikam Inc', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete engagement?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('No engagements yet')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No engagements yet')).toBeVisible();
});

test('says so when the machine is offline, and everything still works', async ({ page }) => {
  // Chromium's offline emulation would also cut the loopback preview; report "no network" as the
  // browser does when the machine's connections drop.
  await page.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'onLine', { get: () => false });" });
  await page.goto(preview.url);
  await expect(page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByLabel('Customer or engagement name').fill('Offline visit');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByLabel('One test address per domain').check();
  await expect(page.getByText('1 of 7 done')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/offline-1024x700.png' });
});

test('refuses to work without the access token', async ({ page }) => {
  await page.goto(preview.origin);
  await expect(page.getByText(/needs its access token/)).toBeVisible();
});

test('says when the preview loses its server and reconnects when asked', async ({ page }) => {
  let refuse = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/events/, (socket) => {
    sockets.push(socket);
    if (refuse) void socket.close();
    else socket.connectToServer();
  });
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Engagements', exact: true })).toBeVisible();
  const lost = page.getByRole('alert').filter({ hasText: 'The connection to the preview server was lost' });
  await expect(lost).toBeHidden();

  refuse = true;
  await Promise.all(sockets.map((socket) => socket.close()));
  await expect(lost).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/preview-lost-1280x800.png' });

  refuse = false;
  await lost.getByRole('button', { name: 'Reconnect now' }).click();
  await expect(lost).toBeHidden();
  await page.getByRole('button', { name: 'New engagement' }).click();
  await page.getByLabel('Customer or engagement name').fill('After the drop');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Prerequisites', level: 1 })).toBeVisible();
});

test('the new-engagement form shows every problem at once under its field, in plain words, and saves once they are fixed', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Northwind');
  await dialog.getByLabel(/Email domains/).fill('northwind');
  await dialog.getByLabel(/smart host/).fill('mail.northwind.com:25\nhttps://mx2.northwind.com');
  await dialog.getByLabel(/Test addresses/).fill('bob\nit@fabrikam.com');
  const problems = (label: RegExp) => dialog.locator('.field').filter({ has: page.getByLabel(label) }).locator('.field-problems');
  // A field is checked as soon as it is left; the one still being typed in waits.
  await expect(problems(/Email domains/)).toBeVisible();
  await expect(problems(/Test addresses/)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create' }).click();

  await expect(problems(/Email domains/)).toHaveText('"northwind" needs at least two labels, like contoso.com.');
  await expect(problems(/smart host/)).toContainText('mail.northwind.com:25: a port goes in Check settings (SMTP port of the smart host), not in the host name. Enter mail.northwind.com here.');
  await expect(problems(/smart host/)).toContainText('https://mx2.northwind.com is a web address: enter only the server name, without https://.');
  await expect(problems(/Test addresses/)).toContainText('"bob" is not an email address (expected name@domain).');
  await expect(dialog.getByRole('alert')).toHaveText('3 fields need a change: see under each.');
  await expect(dialog.getByLabel(/Email domains/)).toBeFocused();
  await expect(dialog.getByLabel(/Email domains/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.banner')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Create' })).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/new-engagement-problems-1024x700.png' });

  // Fixing a field clears its problems as it is typed; the address outside the domains is named next.
  await dialog.getByLabel(/Email domains/).fill('northwind.com');
  await expect(problems(/Email domains/)).toHaveCount(0);
  await dialog.getByLabel(/smart host/).fill('mail.northwind.com\nmx2.northwind.com');
  await dialog.getByLabel(/Test addresses/).fill('it@fabrikam.com');
  await expect(problems(/Test addresses/)).toHaveText('it@fabrikam.com is not in one of the email domains above: Office 365’s validation sends only to addresses in them.');
  await dialog.getByLabel(/Test addresses/).fill('it@northwind.com');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Prerequisites/ })).toBeVisible();
  await expect(page.getByText('mail.northwind.com, mx2.northwind.com')).toBeVisible();
});

test('a tick shows at once and, when saving it fails, comes back off with a message that clears once a tick is saved', async ({ page }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso Ltd');
  await dialog.getByRole('button', { name: 'Create' }).click();
  const tick = page.getByLabel('Port 25 is open on your firewall');
  await expect(tick).toBeVisible();

  // The settings file is busy in another window: the core refuses the save.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/setItemDone', async (route) => {
    await held;
    await route.fulfill({ json: { ok: false, error: { code: 'conflict', message: 'The settings are being saved by another window; try again.' } } });
  });
  await tick.check();
  // Shown at once, before the core has answered.
  await expect(tick).toBeChecked();
  await expect(page.getByText('1 of 7 done')).toBeVisible();
  release();
  await expect(tick).not.toBeChecked();
  // Said on the item itself, where the user is looking, not in a banner scrolled out of view.
  const item = page.getByRole('listitem').filter({ has: tick });
  await expect(item.getByRole('alert')).toHaveText('Not saved, so it is unticked again: The settings are being saved by another window; try again.');
  await expect(page.locator('.banner')).toHaveCount(0);
  await item.screenshot({ path: 'test-results/screenshots/tick-rolled-back-1280x800.png' });

  await page.unroute('**/api/setItemDone');
  await tick.check();
  await expect(tick).toBeChecked();
  await expect(item.getByRole('alert')).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel('Port 25 is open on your firewall')).toBeChecked();
});
