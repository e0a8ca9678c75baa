import fs from 'node:fs';
import { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, screenshot } from '../support/browser';
import { settled, openSignedIn } from './dashboard-support';

jest.setTimeout(60_000);

/** The option labels of a filter select, once its list has arrived from the API. */
async function optionLabels(page: Page, id: string): Promise<string[]> {
  await page.locator(`#${id} option`).nth(1).waitFor({ state: 'attached' });
  return page.locator(`#${id} option`).allTextContents();
}

describe('dashboard behaviour in Chromium against the real API and demo data', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  afterEach(() => page.context().close());

  async function open(role: 'admin' | 'planner' | 'analyst' | 'trust_lead', path: string) {
    page = await openSignedIn(browser, role, path);
  }

  it('a trust lead sees only their own trust, everywhere', async () => {
    await open('trust_lead', '/');
    expect(await optionLabels(page, 'filter-org')).toEqual([
      'All organisations',
      "Guy's and St Thomas' NHS Foundation Trust",
    ]);
    expect(await optionLabels(page, 'filter-region')).toEqual(['All regions', 'London']);
    await page.goto(appUrl('/drill-down'));
    await settled(page);
    const regions = await page.getByTestId('drill-rows').locator('tbody tr').allTextContents();
    expect(regions).toHaveLength(1);
    expect(regions[0]).toContain('London');
    await page.goto(appUrl('/compare'));
    await settled(page);
    await page.getByTestId('chart-ranked').waitFor();
    const summary = await page.getByTestId('chart-ranked-summary').textContent();
    expect(summary).toMatch(/^1 trust: Guy's and St Thomas' NHS Foundation Trust at \d+\.\d%/);
    expect(summary).not.toContain('Manchester');
  });

  /** Scripts the page has fetched since it was opened whose file name starts with `prefix`. */
  const scriptsNamed = (prefix: string) =>
    page.evaluate(
      (p) =>
        performance
          .getEntriesByType('resource')
          .filter((r) => new URL(r.name).pathname.startsWith(`/assets/${p}`)).length,
      prefix,
    );

  it('the overview draws its charts, figures written on them, before and without echarts', async () => {
    await open('planner', '/');
    const bars = page.locator('[data-testid="chart-archetypes"] [data-chart="static"][data-rendered]');
    await bars.waitFor();
    // The ranked bars carry their percentages as text, and each bar its tooltip (title) in words.
    const labels = await bars.locator('svg text').allTextContents();
    const table = page.getByTestId('chart-archetypes').locator('tbody tr');
    // One label per bar drawn (suppressed archetypes have no bar), each the figure in the table.
    const values = labels.filter((t) => /^\d+\.\d%$/.test(t));
    expect(values.length).toBeGreaterThan(0);
    expect(await bars.locator('svg rect:has(title)').count()).toBe(values.length);
    const rows = (await table.allTextContents()).join(' ');
    for (const v of values) expect(rows).toContain(v);
    expect(await bars.locator('svg rect title').first().textContent()).toMatch(/\d+\.\d%/);
    expect(await bars.getAttribute('role')).toBe('img');
    expect(await bars.getAttribute('aria-label')).toMatch(/^Coverage by archetype\. People holding/);
    // The trend: the first series' line, in NHS blue.
    const trend = page.locator('[data-testid="chart-trend"] [data-chart="static"][data-rendered]');
    expect(await trend.locator('svg path[stroke="#005eb8"]').count()).toBeGreaterThan(0);
    expect(await scriptsNamed('EChart-')).toBe(0);
    // A pointer on a chart brings echarts (tooltips, emphasis), which then draws that chart.
    await bars.hover();
    await page.locator('[data-testid="chart-archetypes"] [data-chart="echarts"][data-rendered]').waitFor();
    expect(await scriptsNamed('EChart-')).toBe(1);
    expect(await page.locator('[data-testid="chart-trend"] [data-chart="static"]').count()).toBe(1);
  });

  it('the funnel plot draws a dot for every trust it ranks, without echarts and with it', async () => {
    await open('admin', '/compare');
    await page.locator('[data-testid="chart-funnel"] [data-rendered]').waitFor();
    await page.getByTestId('chart-ranked').waitFor();
    const summary = (await page.getByTestId('chart-ranked-summary').textContent()) ?? '';
    const ranked = Number(/^(\d+) trusts?/.exec(summary)?.[1]);
    expect(ranked).toBeGreaterThan(1);
    // Dots and the legend's marker are the paths filled NHS blue; each dot names its trust.
    const selector = '[data-testid="chart-funnel"] svg path[fill="#005eb8"]';
    expect(await page.locator(selector).count()).toBe(ranked + 1);
    expect(await page.locator(`${selector} title`).count()).toBe(ranked);
    // echarts then: the scatter is registered on demand, and an echarts instance made before that drew
    // no dots at all.
    await page.locator('[data-testid="chart-funnel"] [data-chart="static"]').hover();
    await page.locator('[data-testid="chart-funnel"] [data-chart="echarts"][data-rendered]').waitFor();
    await page
      .waitForFunction(`document.querySelectorAll('${selector}').length >= ${ranked + 1}`, null, {
        timeout: 5000,
      })
      .catch(() => undefined); // the count below says what was drawn
    expect(await page.locator(selector).count()).toBe(ranked + 1);
  });

  it('a London planner sees London trusts only, and other roles see the nation', async () => {
    await open('planner', '/compare');
    expect(await optionLabels(page, 'filter-region')).toEqual(['All regions', 'London']);
    const trusts = await optionLabels(page, 'filter-org');
    expect(trusts).toContain("Guy's and St Thomas' NHS Foundation Trust");
    expect(trusts.join()).not.toContain('Manchester');
    await page.context().close();

    await open('analyst', '/');
    expect(await optionLabels(page, 'filter-region')).toEqual(
      expect.arrayContaining(['London', 'North West']),
    );
    expect((await optionLabels(page, 'filter-org')).join()).toContain('Manchester University');
  });

  it('drills from region to ICB to trust with breadcrumbs and the URL, and the back button goes up', async () => {
    await open('admin', '/drill-down');
    await page.getByTestId('drill-rows').getByRole('link', { name: 'London' }).click();
    await page.waitForURL(/drill-down\?region=Y56$/);
    await page.getByRole('heading', { level: 1, name: 'Drill-down: London' }).waitFor();
    await page.getByTestId('drill-rows').getByRole('link').first().click();
    await page.waitForURL(/region=Y56&icb=\w+$/);
    await page
      .getByTestId('drill-rows')
      .getByRole('link', { name: "Guy's and St Thomas' NHS Foundation Trust" })
      .click();
    await page.waitForURL(/region=Y56&icb=\w+&org=RJ1$/);
    await page
      .getByRole('heading', { level: 1, name: "Drill-down: Guy's and St Thomas' NHS Foundation Trust" })
      .waitFor();
    const crumbs = await page.getByRole('navigation', { name: 'Breadcrumb' }).locator('li').allTextContents();
    expect(crumbs[0]).toBe('England');
    expect(crumbs[1]).toBe('London');
    expect(crumbs[3]).toBe("Guy's and St Thomas' NHS Foundation Trust");
    await settled(page);
    expect(await page.getByTestId('drill-rows').locator('caption').textContent()).toMatch(
      /^Departments in Guy's/,
    );
    await screenshot(page, 'flow-drill-down-trust');

    await page.goBack();
    await page.waitForURL(/region=Y56&icb=\w+$/);
    await page
      .getByTestId('drill-rows')
      .getByRole('link', { name: "Guy's and St Thomas' NHS Foundation Trust" })
      .waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'England' }).click();
    await page.waitForURL(/drill-down$/);
  });

  it('changing a filter puts it in the URL and changes the figures; the URL alone reproduces the view', async () => {
    await open('admin', '/');
    const headcount = page.getByTestId('card-headcount').locator('.aiwr-headline__value');
    const before = await headcount.textContent();
    const groups = await optionLabels(page, 'filter-staffGroup');
    const nursing = groups.find((g) => /nursing/i.test(g))!;
    await page.locator('#filter-staffGroup').selectOption({ label: nursing });
    await page.waitForURL(/staffGroup=\w+/);
    let after = before;
    for (let i = 0; i < 100 && after === before; i++) {
      await page.waitForTimeout(100);
      after = await headcount.textContent();
    }
    expect(Number(after!.replace(/,/g, ''))).toBeLessThan(Number(before!.replace(/,/g, '')));
    const url = page.url();

    await page.getByRole('link', { name: 'Coverage matrix' }).click();
    await page.waitForURL(/\/coverage\?.*staffGroup=/);
    await page.goto(url);
    await settled(page);
    expect(await page.locator('#filter-staffGroup option:checked').textContent()).toBe(nursing);
    expect(await headcount.textContent()).toBe(after);
  });

  it('downloads a table as CSV with the figures on screen', async () => {
    await open('admin', '/drill-down');
    const download = page.waitForEvent('download');
    await page
      .getByTestId('drill-rows')
      .getByRole('button', { name: /Download this table \(CSV/ })
      .click();
    const file = await (await download).path();
    const csv = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe(
      'Region,Headcount,Foundation coverage,Fully trained,Unmet places,Requirement coverage,Rating',
    );
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(['London', 'North West']);
    const onScreen = await page
      .getByTestId('drill-rows')
      .locator('tbody tr')
      .first()
      .locator('td')
      .nth(1)
      .textContent();
    expect(lines.some((l) => l.split(',')[1] === onScreen!.replace(/,/g, ''))).toBe(true);
  });

  it('a coverage matrix cell leads to the drill-down for that clinical area and staff group', async () => {
    await open('admin', '/coverage');
    await page.getByTestId('chart-matrix-summary').waitFor();
    expect(await page.getByTestId('chart-matrix-summary').textContent()).toMatch(
      /combinations of clinical area and staff group/,
    );
    await page.getByText('Show the figures as a table').click();
    await page.getByTestId('chart-matrix').locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/drill-down\?staffGroup=\w+&clinicalArea=\w+/);
    await settled(page);
    expect(await page.locator('#filter-staffGroup').inputValue()).not.toBe('');
    expect(await page.locator('#filter-clinicalArea').inputValue()).not.toBe('');
  });

  it('the coverage matrix keeps working with a pay band or archetype chosen elsewhere, and says it shows them all', async () => {
    // Filters travel in the URL from page to page; the matrix's own axes leave no room for a third dimension.
    await open('admin', '/coverage?payBand=Band%205&archetype=users');
    await page.getByTestId('chart-matrix-summary').waitFor();
    expect(await page.getByTestId('chart-matrix-summary').textContent()).toMatch(
      /combinations of clinical area and staff group/,
    );
    expect(await page.getByTestId('matrix-ignored-filters').textContent()).toMatch(
      /every pay band and every archetype/,
    );
    expect(await page.getByText('could not be loaded').count()).toBe(0);
  });

  it('a trust lead reaches pseudonymised people in a department of their own trust', async () => {
    await open('trust_lead', '/drill-down?region=Y56');
    await page.getByTestId('drill-rows').getByRole('link').first().click();
    await page
      .getByTestId('drill-rows')
      .getByRole('link', { name: "Guy's and St Thomas' NHS Foundation Trust" })
      .click();
    await page.waitForURL(/org=RJ1$/);
    await page.getByTestId('drill-rows').getByRole('link').first().click();
    await page.waitForURL(/org=RJ1&department=/);
    const people = page.getByTestId('people');
    await people.waitFor();
    const first = await people.locator('tbody tr').first().locator('td').first().textContent();
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    await screenshot(page, 'flow-people-trust-lead');
  });

  it('an administrator previews a rule change before saving it', async () => {
    await open('admin', '/archetypes');
    const editor = page.getByTestId('rule-editor');
    await editor.waitFor();
    await editor.getByLabel('Users').check();
    await editor.getByRole('button', { name: 'Preview the change' }).click();
    const preview = page.getByTestId('rule-preview');
    await preview.waitFor({ timeout: 30_000 });
    expect(await preview.textContent()).toMatch(
      /\d[\d,]* people would gain an archetype and \d[\d,]* would lose one/,
    );
    await screenshot(page, 'flow-rule-preview');
    await editor.getByRole('button', { name: 'Save as a new version' }).click();
    expect(await editor.getByRole('alert').textContent()).toContain('Enter the reason for the change');
  });

  it('works from the keyboard: skip link first, sortable headings, and drill-down links', async () => {
    await open('analyst', '/drill-down');
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main-content$/);

    const header = page.getByTestId('drill-rows').getByRole('button', { name: /^Headcount/ });
    await header.focus();
    await page.keyboard.press('Enter');
    const sorted = page
      .getByTestId('drill-rows')
      .locator('th[aria-sort="descending"], th[aria-sort="ascending"]');
    expect(await sorted.textContent()).toMatch(/^Headcount/);

    await page.getByTestId('drill-rows').getByRole('link', { name: 'North West' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/region=Y62$/);
  });
});
