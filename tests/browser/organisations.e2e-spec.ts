import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { signInAsThroughForm } from '../support/browser-auth';

// Sign-in, a lazily loaded page and a busy CI machine: more than jest's default 5 s.
jest.setTimeout(30_000);

describe('organisations page (real Chromium, real API, embedded PostgreSQL)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  beforeEach(async () => {
    page = await browser.newPage();
  });
  afterEach(() => page.close());

  it('lists the NHS regions and the open trusts read from PostgreSQL', async () => {
    // A national analyst sees every trust; scoped roles are covered by sign-in.e2e-spec.ts.
    await signInAsThroughForm(page, 'analyst', '/organisations');
    await page.getByRole('heading', { name: 'NHS regions and trusts' }).waitFor();
    const table = page.getByTestId('organisations');
    await table.waitFor();
    expect(await table.locator('caption').textContent()).toBe('199 open trusts');
    const options = await page.locator('#region option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['London', 'North West', 'South West']));
    expect(await table.textContent()).toContain("Guy's and St Thomas' NHS Foundation Trust");
    await screenshot(page, 'organisations-all');
  });

  it('filters by region and keeps the filter in the URL', async () => {
    await signInAsThroughForm(page, 'analyst', '/organisations');
    await page.locator('#region').selectOption({ label: 'London' });
    await page.waitForURL(/region=Y56/);
    await page.getByText(/^\d+ open trusts$/).waitFor();
    const caption = await page.getByTestId('organisations').locator('caption').textContent();
    const count = Number(caption!.split(' ')[0]);
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThan(199);
    expect(await page.getByTestId('organisations').textContent()).not.toContain('Manchester University');
    await screenshot(page, 'organisations-london');
  });
});
