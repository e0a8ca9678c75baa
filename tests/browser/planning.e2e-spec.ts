// The Planning page as a planner uses it: change the target date and see the places per month change.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { openSignedIn, seriousAxeViolations, settled } from './dashboard-support';

jest.setTimeout(90_000);

const monthEnd = (monthsAhead: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + monthsAhead + 1, 0))
    .toISOString()
    .slice(0, 10);
};

/** The "Places a month" column of the planning table, as shown. */
async function placesPerMonth(page: Page): Promise<string[]> {
  const table = page.getByTestId('planning-table').locator('table');
  const headers = await table.locator('thead th').allInnerTexts();
  const column = headers.findIndex((h) => h.trim().startsWith('Places a month'));
  expect(column).toBeGreaterThanOrEqual(0);
  return table
    .locator(`tbody tr td:nth-child(${column + 1}), tbody tr th:nth-child(${column + 1})`)
    .allInnerTexts();
}

describe('Planning page', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
    page = await openSignedIn(browser, 'admin', '/planning');
  });
  afterAll(async () => {
    await page.context().close();
    await browser.close();
  });

  it('changing the target date changes the places per month', async () => {
    await page.getByRole('heading', { level: 1, name: 'Planning' }).waitFor();
    await page.getByLabel(/^Target %/).fill('100');
    await page.getByLabel('Reach the target by').fill(monthEnd(3));
    await settled(page);
    const soon = await placesPerMonth(page);
    expect(soon.length).toBeGreaterThan(0);
    expect(soon.some((p) => /^\d[\d,]*$/.test(p.trim()) && p.trim() !== '0')).toBe(true);
    await screenshot(page, 'planning-target-soon');

    await page.getByLabel('Reach the target by').fill(monthEnd(24));
    await page
      .getByTestId('planning-table')
      .locator('caption', { hasText: monthEnd(24) })
      .waitFor();
    await settled(page);
    const later = await placesPerMonth(page);
    expect(later).toHaveLength(soon.length);
    expect(later).not.toEqual(soon);
    // More months to get there: never more places a month for any module.
    const n = (s: string) => Number(s.replace(/,/g, ''));
    soon.forEach((s, i) => {
      if (/^\d/.test(s) && /^\d/.test(later[i])) expect(n(later[i])).toBeLessThanOrEqual(n(s));
    });
    await screenshot(page, 'planning-target-later');
    expect(await page.getByTestId('forecast-chart').count()).toBeGreaterThan(0);
    // The coverage trend as an XmR chart, with its reading in words.
    await expect(page.getByTestId('xmr-chart-summary').innerText()).resolves.toMatch(
      /process limits .* target/,
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('places by ICB for a regional planner, controlled', async () => {
    const planner = await openSignedIn(browser, 'planner', '/planning');
    await planner.getByLabel('Places needed by').selectOption('ICB');
    await settled(planner);
    const rows = await planner.getByTestId('planning-table').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await screenshot(planner, 'planner-planning-by-icb');
    await planner.context().close();
  });
});
