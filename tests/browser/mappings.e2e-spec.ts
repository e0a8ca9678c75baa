import { Browser, Page } from 'playwright-core';
import { appUrl, launchBrowser, screenshot } from '../support/browser';
import { openSignedIn, settled } from './dashboard-support';

jest.setTimeout(90_000);

/** The unmapped areas of work the data-quality page lists (each a link to its fix). */
async function unmappedAreaLinks(page: Page): Promise<string[]> {
  await page.goto(appUrl('/data-quality'));
  await settled(page);
  await page.getByTestId('dq-fix-area').first().waitFor();
  return (await page.getByTestId('dq-fix-area').allTextContents()).map((t) => t.trim());
}

/** The coverage matrix's Unmapped row, one line per staff group, from the figure's table (searched). */
async function unmappedMatrixRows(page: Page): Promise<string[]> {
  await page.goto(appUrl('/coverage'));
  await settled(page);
  const figure = page.getByTestId('chart-matrix');
  await figure.getByText('Show the figures as a table').click();
  await figure.locator('.aiwr-table-tools input').first().fill('Unmapped');
  // Evaluated in the page: every row left after the search is an Unmapped one.
  await page.waitForFunction(`(() => {
    const rows = [...document.querySelectorAll('[data-testid="chart-matrix"] tbody tr')];
    return rows.length > 0 && rows.every((r) => (r.textContent || '').startsWith('Unmapped'));
  })()`);
  return figure.locator('tbody tr').allTextContents();
}

describe('fixing an unmapped area of work from the data-quality page, in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await page?.context().close();
    await browser.close();
  });

  it('a trust lead follows the fix link, previews, saves, and the matrix changes', async () => {
    page = await openSignedIn(browser, 'trust_lead', '/coverage');
    const matrixBefore = await unmappedMatrixRows(page);
    await screenshot(page, 'flow-matrix-unmapped-before');
    const before = await unmappedAreaLinks(page);
    const link = page.getByTestId('dq-fix-area').first();
    await link.waitFor();
    const value = (await link.textContent())!.trim();
    await screenshot(page, 'flow-data-quality-fix-links');
    await link.click();
    await settled(page);
    expect(page.url()).toContain('/mappings?');
    expect(await page.locator('#mapping-value').inputValue()).toBe(value);
    expect(await page.locator('#mapping-org').inputValue()).toBe('RJ1');

    await page.locator('#mapping-target').fill('medicine');
    await page.locator('#mapping-reason').fill('Run by our medical division');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('mapping-preview').waitFor();
    const previewRows = await page.getByTestId('mapping-preview-rows').locator('tbody tr').allTextContents();
    expect(previewRows).toHaveLength(1);
    expect(previewRows[0]).toContain("Guy's and St Thomas'");
    expect(await page.getByTestId('mapping-preview').textContent()).toMatch(/Would move [1-9]\d* people/);
    await screenshot(page, 'flow-mapping-preview');

    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('mapping-saved').waitFor();
    expect(await page.getByTestId('mapping-saved').textContent()).toMatch(/version 1; 1 organisation/);
    await page.getByTestId('mapping-history').locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('mapping-history').locator('tbody tr').first().textContent()).toContain(
      'Run by our medical division',
    );
    await screenshot(page, 'trust_lead-mappings');

    // The trust's snapshot was re-evaluated in the same transaction: the value is no longer unmapped.
    const after = await unmappedAreaLinks(page);
    expect(after).toEqual(before.filter((v) => v !== value));
    // ... and the coverage matrix shows fewer people in Unmapped (its rollups were refreshed too).
    const matrixAfter = await unmappedMatrixRows(page);
    await screenshot(page, 'flow-matrix-unmapped-after');
    // Each line reads "Unmapped", the staff group, then its headcount first among the figures.
    const headcount = (rows: string[]) =>
      rows.reduce((n, r) => n + Number(r.match(/^Unmapped\D+?([\d,]+)/)![1].replace(/,/g, '')), 0);
    expect(headcount(matrixAfter)).toBeLessThan(headcount(matrixBefore));
    expect(headcount(matrixAfter)).toBeGreaterThanOrEqual(0);
  });
});
