/**
 * Streamed CSV / XLSX exports through the real HTTP API: scoped by the access policy, disclosure control
 * applied, formula injection neutralised, no silent row cap, provenance included, audited.
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { refreshRollups } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, signInAs } from '../support/auth';
import {
  Catalogue,
  Person,
  ensureCatalogue,
  generateWorkforce,
  workforceOptions,
  insertWorkforce,
  removeCatalogue,
} from './coverage-workforce';

const ORGS = ['RJ1', 'RJZ', 'R0A'];
const DATES = ['2026-07-31'];
let app: TestApp;
let db: DataSource;
let catalogue: Catalogue;
let people: Person[];
const as: Record<string, SignedIn> = {};

const download = (role: string, path: string) => fetch(`${app.url}${path}`, { headers: as[role].headers });
const csvRows = async (res: Response) =>
  parse((await res.text()).replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

beforeAll(async () => {
  app = await startTestApp();
  db = app.app.get(DataSource);
  catalogue = await ensureCatalogue(db);
  people = generateWorkforce(
    await workforceOptions(db, catalogue, { seed: 11, orgs: ORGS, dates: DATES, peoplePerOrg: 260 }),
  );
  await insertWorkforce(db, people);
  // A department name a spreadsheet would evaluate as a formula.
  await db.query(
    `update staff_assignment set department = '=HYPERLINK("http://x","y")' where org_code = 'RJ1' and department = 'Pharmacy'`,
  );
  for (const o of ORGS) await db.transaction((m) => refreshRollups(m, o));
  await new Promise((r) => setTimeout(r, 100));
  for (const role of ['trust_lead', 'planner', 'admin']) as[role] = await signInAs(app, role as any);
});

afterAll(async () => {
  await db.query(`delete from staff_snapshot where org_code = any($1)`, [ORGS]);
  await removeCatalogue(db, catalogue);
  await app.close();
});

describe('coverage exports', () => {
  it('CSV by organisation for a London planner holds only London trusts, with disclosure control', async () => {
    const res = await download('planner', '/api/exports/coverage.csv?groupBy=ORGANISATION');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="coverage-.*\.csv"/);
    const rows = await csvRows(res);
    const orgs = rows.map((r) => r['Organisation code']).filter(Boolean);
    expect(orgs.sort()).toEqual(['RJ1', 'RJZ']);
    // Rounded to 5 below national level for a planner (not entitled to record level).
    for (const r of rows.filter((x) => x['Organisation code']))
      expect(Number(r.Headcount) % 5 === 0 || r.Headcount === '*').toBe(true);
  });

  it('a trust lead gets exact figures for their own trust and a refusal for another', async () => {
    const own = await csvRows(
      await download('trust_lead', '/api/exports/coverage.csv?groupBy=ORGANISATION&orgCodes=RJ1'),
    );
    expect(own).toHaveLength(2); // the trust and the total row
    expect(Number(own[0].Headcount)).toBe(people.filter((p) => p.org === 'RJ1').length);
    const other = await download('trust_lead', '/api/exports/coverage.xlsx?orgCodes=R0A');
    expect(other.status).toBe(403);
    expect(await other.text()).not.toContain('R0A');
  });

  it('neutralises spreadsheet formulas in text cells', async () => {
    const rows = await csvRows(
      await download('trust_lead', '/api/exports/coverage.csv?groupBy=DEPARTMENT&orgCodes=RJ1'),
    );
    const dept = rows.map((r) => r.Department).find((d) => d.includes('HYPERLINK'));
    expect(dept).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it('XLSX has the data sheet and an About sheet with the as-at date, filters and definitions', async () => {
    const res = await download(
      'admin',
      '/api/exports/coverage.xlsx?groupBy=ORGANISATION,STAFF_GROUP&asAt=2026-07-31',
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const data = wb.getWorksheet('Data')!;
    const header = (data.getRow(1).values as any[]).slice(1);
    expect(header.slice(0, 4)).toEqual([
      'Organisation code',
      'Organisation',
      'Staff group code',
      'Staff group',
    ]);
    const orgCodes = new Set<string>();
    data.eachRow((row, n) => n > 1 && row.getCell(1).value && orgCodes.add(String(row.getCell(1).value)));
    expect([...orgCodes].sort()).toEqual(['R0A', 'RJ1', 'RJZ']);
    const about = wb.getWorksheet('About')!;
    const text = JSON.stringify(about.getSheetValues());
    expect(text).toContain('2026-07-31');
    expect(text).toContain('asAt=2026-07-31');
    expect(text).toContain('Foundation coverage %');
  });

  it('rejects an unknown grouping with a clear message', async () => {
    const res = await download('admin', '/api/exports/coverage.csv?groupBy=SHOE_SIZE');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Unknown groupBy dimension');
  });
});

describe('trend exports', () => {
  it('one row per monthly snapshot in scope, as CSV and XLSX', async () => {
    const rows = await csvRows(await download('trust_lead', '/api/exports/trend.csv?orgCodes=RJ1'));
    expect(rows.map((r) => r['As at'])).toEqual(DATES);
    expect(Number(rows[0].Headcount)).toBe(people.filter((p) => p.org === 'RJ1').length);
    const res = await download('planner', '/api/exports/trend.xlsx?groupBy=ORGANISATION');
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const codes = new Set<string>();
    wb.getWorksheet('Data')!.eachRow(
      (row, n) => n > 1 && row.getCell(2).value && codes.add(String(row.getCell(2).value)),
    );
    expect([...codes].sort()).toEqual(['RJ1', 'RJZ']);
  });
});

describe('people exports (record level)', () => {
  it('streams every person of the trust lead’s own trust, past one page, pseudonymised', async () => {
    const res = await download('trust_lead', '/api/exports/people.csv?orgCodes=RJ1');
    expect(res.status).toBe(200);
    const rows = await csvRows(res);
    const expected = people.filter((p) => p.org === 'RJ1');
    expect(rows).toHaveLength(expected.length); // 260 > one 200-row page: no silent cap
    // Keys are shown shortened, as on screen: each row is one of the trust's people, none twice.
    const shown = rows.map((r) => r['Person (pseudonymised)']);
    expect(new Set(shown).size).toBe(expected.length);
    for (const k of shown) expect(expected.some((p) => p.key.startsWith(k))).toBe(true);
    expect(rows.every((r) => r.Organisation === 'RJ1')).toBe(true);
    const [audit] = await db.query(
      `select action, target from audit_log where target = 'people.csv' order by id desc limit 1`,
    );
    expect(audit).toEqual({ action: 'export', target: 'people.csv' });
  });

  it('refuses person-level exports to a planner', async () => {
    const res = await download('planner', '/api/exports/people.csv?orgCodes=RJ1');
    expect(res.status).toBe(403);
  });

  it('requires sign-in', async () => {
    const res = await fetch(`${app.url}/api/exports/coverage.csv`);
    expect(res.status).toBe(401);
  });
});
