import { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, screenshot } from '../support/browser';
import { settled, openSignedIn } from './dashboard-support';

jest.setTimeout(60_000);

/**
 * General practice beside trusts, in Chromium against the real API and the demo data (whose primary care
 * is loaded through the primary-care import): drill from a region to a practice, and the matrix with the
 * general practice staff groups.
 */
describe('general practice and community pharmacy in the dashboard', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  afterEach(() => page.context().close());

  const rowLinks = () => page.getByTestId('drill-rows').locator('tbody tr td:first-child a');

  it('drills from a region to an ICB, a PCN, a practice and its people', async () => {
    page = await openSignedIn(browser, 'admin', '/drill-down');
    await page.getByTestId('drill-rows').getByRole('link', { name: 'London' }).click();
    await page.waitForURL(/drill-down\?region=Y56$/);
    await page
      .getByTestId('drill-rows')
      .getByRole('link', { name: /South East London/ })
      .click();
    await page.waitForURL(/region=Y56&icb=QKK$/);
    await settled(page);
    await rowLinks()
      .filter({ hasText: /^Demo PCN/ })
      .first()
      .waitFor();
    // Below the ICB: trusts, PCNs (a practice rolls up to its PCN) and pharmacies side by side.
    const below = await rowLinks().allTextContents();
    expect(below.some((l) => l.startsWith('Demo PCN'))).toBe(true);
    expect(below.some((l) => l.startsWith('Demo Community Pharmacy'))).toBe(true);
    expect(below).toContain("Guy's and St Thomas' NHS Foundation Trust");
    await screenshot(page, 'primary-care-drill-icb');

    const pcn = rowLinks()
      .filter({ hasText: /^Demo PCN/ })
      .first();
    const pcnName = (await pcn.textContent())!;
    await pcn.click();
    await page.waitForURL(/region=Y56&icb=QKK&pcn=U9\d{4}$/);
    await page.getByRole('heading', { level: 1, name: `Drill-down: ${pcnName}` }).waitFor();
    await settled(page);
    await page
      .getByTestId('drill-rows')
      .locator('caption', { hasText: /^Practices in / })
      .waitFor();
    expect(await page.getByTestId('drill-rows').locator('caption').textContent()).toMatch(
      /^Practices in Demo PCN/,
    );
    const practices = await rowLinks().allTextContents();
    expect(practices.length).toBeGreaterThanOrEqual(2);
    // The PCN's own row: the ARRS staff it employs, counted there and in no practice.
    expect(practices.filter((l) => l === `${pcnName}: staff the PCN employs`)).toHaveLength(1);
    await screenshot(page, 'primary-care-drill-pcn');

    // The first row that is a practice (the PCN's own ARRS staff are a row too).
    const practice = rowLinks()
      .filter({ hasNotText: /^Demo PCN/ })
      .first();
    const practiceName = (await practice.textContent())!;
    await practice.click();
    await page.waitForURL(/pcn=U9\d{4}&org=[A-Z]\d{5}$/);
    await page.getByRole('heading', { level: 1, name: `Drill-down: ${practiceName}` }).waitFor();
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).locator('li').allTextContents();
    expect(crumbs).toEqual([
      'England',
      'London',
      expect.stringMatching(/South East London/),
      pcnName,
      practiceName,
    ]);
    await settled(page);
    await page
      .getByTestId('drill-rows')
      .locator('caption', { hasText: /^Job roles in / })
      .waitFor();
    // A practice has no departments: its job roles (NWRS roles) come next, with its people.
    expect(await page.getByTestId('drill-rows').locator('caption').textContent()).toMatch(/^Job roles in /);
    const roles = await page.getByTestId('drill-rows').locator('tbody tr td:first-child').allTextContents();
    expect(roles).toEqual(
      expect.arrayContaining(['GP Partner/Provider', 'Practice Manager', 'Receptionist']),
    );
    // An administrator sees the practice's pseudonymised people.
    await page
      .getByRole('heading', { name: /people/i })
      .first()
      .waitFor();
    await screenshot(page, 'primary-care-drill-practice');

    // Compare: the practice beside its PCN and general practice in its ICB, region and England.
    const code = /org=([A-Z]\d{5})$/.exec(page.url())![1];
    await page.goto(appUrl(`/compare?setting=general_practice&org=${code}`));
    await settled(page);
    await page.getByTestId('comparators').locator('tbody tr').nth(5).waitFor();
    const labels = await page.getByTestId('comparators').locator('tbody tr td:first-child').allTextContents();
    expect(labels).toEqual([
      practiceName,
      pcnName,
      expect.stringMatching(/South East London.*\(general practice\)$/),
      'London (general practice)',
      'England (general practice)',
      expect.stringMatching(/^Practices with /),
    ]);
    await page.getByTestId('chart-funnel').waitFor();
    await screenshot(page, 'primary-care-compare');
  });

  it('the London planner drills to a practice and sees controlled figures but no people', async () => {
    page = await openSignedIn(browser, 'planner', '/drill-down?region=Y56&icb=QKK');
    await settled(page);
    await rowLinks()
      .filter({ hasText: /^Demo PCN/ })
      .first()
      .click();
    await page.waitForURL(/pcn=U9\d{4}$/);
    await settled(page);
    await rowLinks()
      .filter({ hasNotText: /^Demo PCN/ })
      .first()
      .click();
    await page.waitForURL(/org=[A-Z]\d{5}$/);
    await settled(page);
    const total = await page.getByTestId('drill-total').locator('tbody').textContent();
    expect(total).toMatch(/\d|\*/);
    await page.getByText(/Record-level \(pseudonymised\) data is shown only/).waitFor();
  });

  it('a trust lead cannot open a practice', async () => {
    page = await openSignedIn(browser, 'trust_lead', '/drill-down?region=Y56');
    await settled(page);
    await rowLinks().first().click();
    await page.waitForURL(/region=Y56&icb=\w+$/);
    await settled(page);
    await page
      .getByTestId('drill-rows')
      .locator('caption', { hasText: /^Trusts, PCNs and pharmacies in / })
      .waitFor();
    await rowLinks().first().waitFor();
    // Below the trust lead's ICB: their trust only, no PCN, practice or pharmacy of the ICB.
    const below = await rowLinks().allTextContents();
    expect(below).toEqual(["Guy's and St Thomas' NHS Foundation Trust"]);
    await page.goto(appUrl('/drill-down?region=Y56&icb=QKK&setting=general_practice'));
    await settled(page);
    expect(await rowLinks().count()).toBe(0);
  });

  it('the matrix shows GP roles and staff groups when the setting is general practice', async () => {
    page = await openSignedIn(browser, 'admin', '/coverage?setting=general_practice');
    await page.getByTestId('chart-matrix-summary').waitFor();
    await page.getByText('Show the figures as a table').click();
    const table = page.getByTestId('chart-matrix');
    await table.locator('tbody tr').first().waitFor();
    const text = (await table.textContent())!;
    for (const group of [
      'General practitioners',
      'General practice nurses',
      'General practice direct patient care',
      'General practice admin and non-clinical',
    ])
      expect(text).toContain(group);
    // In general practice the matrix rows are the NWRS job roles (one clinical area only).
    for (const role of ['GP Partner/Provider', 'Salaried GP', 'Practice Nurse', 'Practice Manager'])
      expect(text).toContain(role);
    expect(text).not.toContain('Medical and Dental');
    expect(await page.getByTestId('chart-matrix-summary').textContent()).toMatch(
      /combinations of job role and staff group/,
    );
    expect(await page.locator('#filter-setting').inputValue()).toBe('general_practice');
    await screenshot(page, 'primary-care-matrix');
  });
});
