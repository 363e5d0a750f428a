/** Creates an engagement through the New engagement dialog and waits for its first step. */
import { expect, type Page } from '@playwright/test';

export async function createEngagement(page: Page, url: string, testAddress?: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill('Contoso Ltd');
  await dialog.getByLabel(/Email domains/).fill('contoso.test');
  await dialog.getByLabel(/smart host/).fill('mail.contoso.test');
  if (testAddress !== undefined) await dialog.getByLabel(/Test addresses/).fill(testAddress);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Prerequisites', level: 1 })).toBeVisible();
}
