import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { signInAsThroughForm } from '../support/browser-auth';

describe('report packs page (real Chromium, real API)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage();
  });
  afterAll(() => browser.close());

  it('a trust lead subscribes to a pack with the current filters, then unsubscribes', async () => {
    await signInAsThroughForm(page, 'trust_lead', '/reports?org=RJ1');
    await page.getByRole('heading', { name: 'Report packs by email' }).waitFor();
    await page.getByLabel('Title (the email subject)').fill('My weekly trust pack');
    await page.getByLabel('Data quality').check();
    await page.getByLabel('Planning', { exact: true }).check();
    await page.getByLabel('Monthly (the 1st)').check();
    await page.getByText('Filters: org RJ1').waitFor();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    const table = page.getByRole('table', { name: 'Your report packs' });
    const row = table.getByRole('row').filter({ hasText: 'My weekly trust pack' });
    await row.waitFor();
    // Listed (and printed) in the dashboard's order, not the order ticked.
    expect(await row.textContent()).toContain('Overview, Coverage matrix, Planning, Data quality');
    expect(await row.textContent()).toContain('Monthly (the 1st)');
    expect(await row.textContent()).toContain('org RJ1');
    expect(await row.textContent()).toContain('You receive it');
    await screenshot(page, 'report-subscriptions');

    await row.getByRole('button', { name: 'Unsubscribe from My weekly trust pack' }).click();
    await page.getByText('Unsubscribed from My weekly trust pack.').waitFor();
    await row.getByText('You do not receive it').waitFor();
    expect(await row.getByRole('button', { name: /Unsubscribe/ }).count()).toBe(0);
  });
});
