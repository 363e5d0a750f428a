import { expect, type Page } from '@playwright/test';

export interface NewEngagementAnswers {
  readonly name?: string;
  readonly domains?: string;
  readonly smartHosts?: string;
  readonly testAddresses?: string;
}

/** Opens the app at `url` and creates an engagement through the New engagement dialog; its Prerequisites page is then open. */
export async function newEngagement(page: Page, url: string, answers: NewEngagementAnswers = {}): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'New engagement' }).click();
  const dialog = page.getByRole('dialog', { name: 'New engagement' });
  await dialog.getByLabel('Customer or engagement name').fill(answers.name ?? 'Contoso Ltd');
  await dialog.getByLabel(/Email domains/).fill(answers.domains ?? 'contoso.test');
  await dialog.getByLabel(/smart host/).fill(answers.smartHosts ?? 'mail.contoso.test');
  if (answers.testAddresses !== undefined) await dialog.getByLabel(/Test addresses/).fill(answers.testAddresses);
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { name: 'Prerequisites', level: 1 })).toBeVisible();
}
