import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from '../support/browser';
import { openSignedIn } from './dashboard-support';

jest.setTimeout(60_000);

const FIXTURES = path.join(__dirname, '../fixtures/imports');

describe('imports and exports in the dashboard (real Chromium, real API)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());
  afterEach(() => page.context().close());

  async function open(role: 'admin' | 'trust_lead' | 'planner', pathname: string) {
    page = await openSignedIn(browser, role, pathname);
  }

  it('uploading a file with a bad row shows the row, column and message, imports nothing, and offers the report', async () => {
    await open('trust_lead', '/imports');
    await page.getByLabel('As-at date (YYYY-MM-DD)').fill('2026-10-31');
    await page
      .getByLabel('File (CSV, TSV or XLSX)')
      .setInputFiles(path.join(FIXTURES, 'staff-fte-negative.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByRole('heading').first().textContent()).toMatch(
      /^Not imported: the file has errors/,
    );
    expect(await report.textContent()).toContain('0 imported');
    const errorRows = await page.getByTestId('import-errors').locator('tbody tr').allTextContents();
    expect(errorRows).toHaveLength(1);
    expect(errorRows[0]).toMatch(/^3FTE-0\.5/);
    await screenshot(page, 'flow-import-rejected');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download the full error report (CSV)' }).click();
    const csv = fs.readFileSync(await (await download).path(), 'utf8');
    expect(csv).toMatch(/FTE/);
    expect(csv).toMatch(/-0\.5/);
  });

  it('checking a valid file follows the import on the server, reports no errors, and lists it in the history', async () => {
    await open('trust_lead', '/imports');
    await page.getByLabel('As-at date (YYYY-MM-DD)').fill('2026-10-31');
    await page.getByLabel('If any row has an error').selectOption('validate_only');
    await page.getByLabel('File (CSV, TSV or XLSX)').setInputFiles(path.join(FIXTURES, 'staff-valid.csv'));
    await page.getByRole('button', { name: 'Upload and check' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 30_000 });
    expect(await report.getByRole('heading').first().textContent()).toBe(
      'Checked: no errors (nothing was imported): staff-valid.csv',
    );
    const history = page.getByTestId('import-history');
    await history.getByText('staff-valid.csv').first().waitFor();
    expect(await history.locator('tbody tr').first().textContent()).toContain('staff-valid.csv');
  });

  it('planners and analysts are told who uploads, and get no upload form', async () => {
    await open('planner', '/imports');
    expect(await page.getByRole('button', { name: 'Upload and check' }).count()).toBe(0);
    expect(await page.getByText('Files are uploaded by trust training leads').count()).toBe(1);
  });

  it('downloads the drill-down figures as CSV and XLSX from the server, with every region and the provenance', async () => {
    await open('admin', '/drill-down');
    const onScreen = (
      await page.getByTestId('drill-rows').locator('tbody tr td:first-child').allTextContents()
    ).sort();

    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('export-coverage').getByRole('link', { name: /^CSV/ }).click();
    const csv = fs.readFileSync(await (await csvDownload).path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    const header = lines[0].split(',');
    expect(header.slice(0, 3)).toEqual(['Region code', 'Region', 'Headcount']);
    const csvRegions = lines.slice(1).map((l) => l.split(',')[1]);
    expect(csvRegions).toEqual(expect.arrayContaining(onScreen));

    const xlsxDownload = page.waitForEvent('download');
    await page
      .getByTestId('export-coverage')
      .getByRole('link', { name: /^Excel/ })
      .click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await (await xlsxDownload).path());
    const sheetText = workbook.worksheets.map((ws) => {
      const rows: string[] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).join('|')));
      return rows.join('\n');
    });
    const data = sheetText.find((t) => t.startsWith('Region code|Region|Headcount'));
    expect(data).toBeDefined();
    for (const region of onScreen) expect(data).toContain(region);
    expect(sheetText.join('\n')).toMatch(/As at/);
  });
});
