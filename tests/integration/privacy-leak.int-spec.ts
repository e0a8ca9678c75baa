import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { INestApplication } from '@nestjs/common';
import { createApp } from '@aiwr/server-app';
import { signIn, ensureDemoUsers, demoEmail, SignedIn } from '../support/auth';
import { DEMO_PASSWORD } from '@aiwr/server-access';
import type { TestApp } from '../support/test-app';
import { resetImportState } from './import-support';
import { resetPrimaryCare } from './primary-care-support';
import {
  CapturingLogger,
  dumpDatabase,
  identifyingValues,
  PRIVACY_FIXTURES,
  stringify,
  valuesFoundIn,
} from './privacy-support';

jest.setTimeout(120_000); // three CLI runs, each a fresh Node process

const ROOT = path.resolve(__dirname, '../..');
const PRIMARY_CARE_ORGS = ['A81005', 'U99021'];
const FILES = [
  'staff-snapshot.csv',
  'staff-rejected.csv',
  'staff-skip-invalid.csv',
  'completions.csv',
  'staff-broken.csv',
  'primary-care.csv',
];

/**
 * The promise "pseudonymised at ingest", checked end to end: files full of realistic personal data go
 * through every way in (HTTP upload, upload + GraphQL mutation, the CLI), accepted, rejected, skip-invalid
 * and broken; then every place a value could end up is read whole and searched for every identifying
 * value of the files, as is, trimmed, in another case or without its spaces.
 */
describe('privacy: no staff identifier survives an import', () => {
  const values = identifyingValues(FILES);
  const logger = new CapturingLogger();
  const seen = new Map<string, string[]>(); // source → texts to search
  const keep = (source: string, text: string) => seen.set(source, [...(seen.get(source) ?? []), text]);
  let app: INestApplication;
  let t: TestApp;
  let admin: SignedIn;
  let ds: DataSource;
  const printed: string[] = [];
  const consoleSpies: jest.SpyInstance[] = [];
  const requestLog = process.env.AIWR_LOG_REQUESTS;

  beforeAll(async () => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      consoleSpies.push(
        jest
          .spyOn(console, level)
          .mockImplementation((...args) => void printed.push(args.map(stringify).join(' '))),
      );
    process.env.AIWR_LOG_REQUESTS = '1';
    app = await createApp({ logger });
    await app.listen(0, '127.0.0.1');
    // Longer than a CLI run, so the client's kept-alive connection is not closed under it.
    app.getHttpServer().keepAliveTimeout = 120_000;
    const url = `http://127.0.0.1:${app.getHttpServer().address().port}`;
    t = { app, url, gql: undefined as never, close: () => app.close() };
    ds = app.get(DataSource);
    await resetImportState(ds, ['RYJ']);
    await resetPrimaryCare(ds, PRIMARY_CARE_ORGS);
    await ensureDemoUsers(t);
    admin = await signIn(t, demoEmail('admin'), DEMO_PASSWORD);
  });
  afterAll(async () => {
    // No primary-care figures left behind for the suites that count general practice nationally.
    if (ds) await resetPrimaryCare(ds, PRIMARY_CARE_ORGS);
    await app?.close();
    consoleSpies.forEach((s) => s.mockRestore());
    if (requestLog === undefined) delete process.env.AIWR_LOG_REQUESTS;
    else process.env.AIWR_LOG_REQUESTS = requestLog;
  });

  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...admin.headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    keep('GraphQL responses', text);
    return JSON.parse(text);
  };
  const upload = async (route: string, file: string, fields: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.set(k, v);
    body.set('file', new Blob([fs.readFileSync(path.join(PRIVACY_FIXTURES, file))]), file);
    const res = await fetch(`${t.url}${route}`, { method: 'POST', body, headers: admin.headers });
    const text = await res.text();
    keep('HTTP responses', text);
    return { status: res.status, body: JSON.parse(text) };
  };
  const get = async (route: string) => {
    const res = await fetch(`${t.url}${route}`, { headers: admin.headers });
    const text = await res.text();
    expect(res.status).toBe(200);
    return text;
  };
  const cli = (...args: string[]) => {
    const r = spawnSync(
      process.execPath,
      ['-r', './scripts/register.cjs', 'apps/cli/src/import.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, AIWR_LOG_REQUESTS: undefined },
        encoding: 'utf8',
      },
    );
    keep('CLI output', `${r.stdout}\n${r.stderr}`);
    return r;
  };

  it('the fixtures are full of identifying values, and the database holds none of them beforehand', async () => {
    expect(values.length).toBeGreaterThan(150);
    const before = await dumpDatabase(process.env.DATABASE_URL!);
    expect(valuesFoundIn([...before.values()].join('\n'), values)).toEqual([]);
  });

  it('imports them through every way in: accepted, rejected, skip-invalid and broken files', async () => {
    const accepted = await upload('/api/imports', 'staff-snapshot.csv', {
      kind: 'staff',
      asAt: '2026-10-31',
    });
    expect(accepted.body).toMatchObject({ outcome: 'succeeded', rowsImported: 20, rowsSkippedByRule: 1 });

    const stored = await upload('/api/uploads', 'staff-rejected.csv');
    const rejected = await gql(
      `mutation($input: RunImportInput!) { runImport(input: $input) {
         id outcome errorCount errors { line column value code message } warnings summaryJson } }`,
      { input: { uploadId: stored.body.uploadId, kind: 'staff', asAt: '2026-10-31' } },
    );
    expect(rejected.data.runImport.outcome).toBe('rejected');
    const codes = rejected.data.runImport.errors.map((e: any) => e.code);
    for (const code of ['FTE_OUT_OF_RANGE', 'UNKNOWN_STAFF_GROUP', 'EMPLOYEE_NUMBER_TOO_LONG', 'RAGGED_ROW'])
      expect(codes).toContain(code);

    const skip = cli(
      'staff',
      path.join(PRIVACY_FIXTURES, 'staff-skip-invalid.csv'),
      '--as-at',
      '2026-11-30',
      '--skip-invalid',
    );
    expect(skip.stdout).toMatch(/SUCCEEDED/);
    expect(skip.stdout).toMatch(/DUPLICATE_ASSIGNMENT/);
    const dryRun = cli(
      'staff',
      path.join(PRIVACY_FIXTURES, 'staff-rejected.csv'),
      '--as-at',
      '2026-10-31',
      '--dry-run',
    );
    expect(dryRun.stdout).toMatch(/VALIDATED/);
    const broken = cli('staff', path.join(PRIVACY_FIXTURES, 'staff-broken.csv'), '--as-at', '2026-10-31');
    expect(broken.stdout + broken.stderr).toMatch(/REJECTED[\s\S]*not valid CSV/);

    const completions = await upload('/api/imports', 'completions.csv', {
      kind: 'completions',
      mode: 'skip_invalid',
    });
    expect(completions.body).toMatchObject({ outcome: 'succeeded', rowsRejected: 1 });

    // A GP practice's list (NWRS identifiers, names and the rest) and its PCN-employed pharmacist.
    const primaryCare = await upload('/api/imports', 'primary-care.csv', {
      kind: 'primary_care',
      asAt: '2026-10-31',
    });
    expect(primaryCare.body).toMatchObject({ outcome: 'succeeded', rowsImported: 5 });
  });

  it('then reads back every report, export, log and response a user or operator could see', async () => {
    const history = await gql(
      `{ imports(first: 50) { items { id fileName outcome errors { line column value code message } warnings summaryJson } } }`,
    );
    for (const item of history.data.imports.items)
      keep('error reports (CSV)', await get(`/api/imports/${item.id}/errors.csv`));
    await gql(`{ auditLog(first: 100) { nodes { action target details scope } } }`);
    const people = await gql(
      `{ people(filter: { orgCodes: ["RYJ"] }, first: 50) { edges { node { personKey orgCode assignments { department } } } } }`,
    );
    const someone = people.data.people.edges[0].node.personKey;
    expect(someone).toBeTruthy();
    keep('exports', await get('/api/exports/people.csv?orgCodes=A81005,U99021'));
    for (const route of [
      '/api/exports/people.csv?orgCodes=RYJ',
      '/api/exports/coverage.csv?orgCodes=RYJ&groupBy=DEPARTMENT',
      '/api/exports/trend.csv?orgCodes=RYJ',
      '/api/exports/planning.csv?orgCodes=RYJ&groupBy=ORGANISATION&targetDate=2030-12-31',
    ])
      keep('exports', await get(route));
    // Workbooks too: every cell of every sheet (data and provenance).
    for (const route of [
      '/api/exports/people.xlsx?orgCodes=RYJ',
      '/api/exports/coverage.xlsx?orgCodes=RYJ&groupBy=DEPARTMENT',
      '/api/exports/planning.xlsx?orgCodes=RYJ&targetDate=2030-12-31',
    ]) {
      const res = await fetch(`${t.url}${route}`, { headers: admin.headers });
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await res.arrayBuffer());
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text)))));
      expect(cells.length).toBeGreaterThan(20);
      keep('exports', cells.join('\n'));
    }
  });

  it('finds none of the values anywhere: database (every table), reports, exports, logs, responses, CLI', async () => {
    const dump = await dumpDatabase(process.env.DATABASE_URL!);
    expect(dump.size).toBeGreaterThan(20);
    expect(dump.get('public.staff_assignment')).toMatch(/RYJ/); // the data is there, as hashes
    expect(dump.get('public.staff_assignment')).toMatch(/A81005[\s\S]*U99021|U99021[\s\S]*A81005/);
    for (const [table, text] of dump) keep(`table ${table}`, text);
    keep('server log (every level)', logger.lines.join('\n'));
    keep('console', printed.join('\n'));
    expect(logger.lines.some((l) => l.includes('mutation'))).toBe(true); // the request log was on

    const found: Record<string, string[]> = {};
    for (const [source, texts] of seen) {
      const hits = valuesFoundIn(texts.join('\n'), values);
      if (hits.length) found[source] = hits;
    }
    expect(found).toEqual({});
  });
});
