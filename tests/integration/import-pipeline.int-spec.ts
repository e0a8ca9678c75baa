import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { assignmentKey, importProgress, pseudonymise, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { AS_AT, fixture, importedDataChecksum, importFixture, resetImportState } from './import-support';

const KEY = process.env.PSEUDONYMISATION_KEY!;

describe('imports: the pipeline end to end against PostgreSQL', () => {
  let ds: DataSource;
  let tmp: string;
  beforeAll(async () => {
    ds = await openDataSource();
    await resetImportState(ds);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-import-'));
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
    await ds.destroy();
  });

  // Fixtures number assignments E1001-1, E1002-1, ...: recover each stored key's number to keep file order.
  const numberOf = new Map(
    Array.from({ length: 20 }, (_, i) => {
      const employee = `E${1001 + i}`;
      return [assignmentKey(KEY, pseudonymise(KEY, 'RJ1', employee), `${employee}-1`), `${employee}-1`];
    }),
  );
  const assignments = async (asAt = AS_AT) => {
    const rows = await ds.query(
      `select person_key, assignment_no, staff_group_code, clinical_area_code, pay_band, fte::text, position_title, department
       from staff_assignment where org_code = 'RJ1' and as_at = $1`,
      [asAt],
    );
    const number = (r: any) => numberOf.get(r.assignment_no) ?? r.assignment_no;
    return rows.sort((a: any, b: any) => number(a).localeCompare(number(b)));
  };

  it('imports a staff snapshot: pseudonymised, mapped, skipped-by-rule counted, recomputed', async () => {
    const result = await importFixture(ds, 'staff', 'staff-valid.csv', { asAt: '2026-09-29' });
    expect(result).toMatchObject({
      outcome: 'succeeded',
      orgCodes: ['RJ1'],
      asAt: '2026-09-29',
      rowsRead: 5,
      rowsImported: 4,
      rowsSkippedByRule: 1,
      rowsRejected: 0,
      errorCount: 0,
    });
    const rows = await assignments('2026-09-29');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      person_key: pseudonymise(KEY, 'RJ1', 'E1001'),
      assignment_no: assignmentKey(KEY, pseudonymise(KEY, 'RJ1', 'E1001'), 'E1001-1'),
      staff_group_code: '03',
      pay_band: 'B5',
      clinical_area_code: 'urgent-care',
      fte: '1.0000',
    });
    // ESR abbreviation, code "08", bare "8a", medical grade
    expect(rows.map((r: any) => [r.staff_group_code, r.pay_band])).toEqual([
      ['03', 'B5'],
      ['01', 'M-CON'],
      ['05', 'B8A'],
      ['08', 'B6'],
    ]);
    // No employee or assignment number is stored (tests/integration/privacy-leak.int-spec.ts checks everywhere).
    const [{ leaked }] = await ds.query(
      `select count(*)::int as leaked from staff_assignment where person_key like '%E100%' or assignment_no like '%E100%'`,
    );
    expect(leaked).toBe(0);
    const [snapshot] = await ds.query(
      `select headcount, assignments, import_id from staff_snapshot where org_code = 'RJ1' and as_at = '2026-09-29'`,
    );
    expect(snapshot).toEqual({ headcount: 4, assignments: 4, import_id: result.id });
    const [{ people }] = await ds.query(
      `select count(*)::int as people from person_snapshot where org_code = 'RJ1' and as_at = '2026-09-29'`,
    );
    expect(people).toBe(4);
  });

  it('replaces the (organisation, as-at) snapshot atomically and keeps other dates', async () => {
    const again = await importFixture(ds, 'staff', 'staff-bom.csv', { asAt: '2026-09-29' });
    expect(again.outcome).toBe('succeeded');
    expect(await assignments('2026-09-29')).toHaveLength(3);
    const other = await importFixture(ds, 'staff', 'staff-crlf.csv', { asAt: '2026-08-31' });
    expect(other.outcome).toBe('succeeded');
    expect(await assignments('2026-09-29')).toHaveLength(3);
    expect(await assignments('2026-08-31')).toHaveLength(3);
  });

  it('accepts a BOM and CRLF line endings on the fast path', async () => {
    for (const file of ['staff-bom.csv', 'staff-crlf.csv']) {
      const r = await importFixture(ds, 'staff', file, { mode: 'validate_only' });
      expect(r).toMatchObject({ outcome: 'validated', rowsRead: 3, errorCount: 0 });
      expect(r.summary.path).toBe('postgres-copy');
    }
  });

  it('reads a Windows-1252 file correctly and says so', async () => {
    const r = await importFixture(ds, 'staff', 'staff-windows-1252.csv', { asAt: '2026-07-31' });
    expect(r.outcome).toBe('succeeded');
    expect(r.warnings.join(' ')).toMatch(/read as Windows-1252/);
    const rows = await assignments('2026-07-31');
    expect(rows.map((x: any) => x.position_title)).toContain('Infirmière Ré-enablement £');
    expect(rows.map((x: any) => x.department)).toContain('Ré-enablement');
  });

  it('stores cells starting with = + - @ as plain text', async () => {
    const r = await importFixture(ds, 'staff', 'staff-formula-cells.csv', { asAt: '2026-06-30' });
    expect(r.outcome).toBe('succeeded');
    const rows = await assignments('2026-06-30');
    expect(rows.map((x: any) => [x.position_title, x.department])).toEqual([
      ['=HYPERLINK("http://x")', '+44 ward'],
      ['@SUM(A1)', '-Imaging'],
    ]);
  });

  it('drops personal-data columns before anything is stored, warns, and never echoes them', async () => {
    const r = await importFixture(ds, 'staff', 'staff-personal-data.csv', { asAt: '2026-05-31' });
    expect(r.outcome).toBe('succeeded');
    expect(r.rowsImported).toBe(2);
    const warnings = r.warnings.join('\n');
    for (const column of ['Forename', 'Surname', 'Date of Birth', 'NI Number', 'Postcode', 'Email Address'])
      expect(warnings).toContain(`"${column}" looks like personal data`);
    expect(r.summary.path).toBe('careful'); // PostgreSQL never sees the file itself
    const everything = JSON.stringify([
      await ds.query(`select * from staff_assignment where org_code = 'RJ1' and as_at = '2026-05-31'`),
      await ds.query(`select * from import_record where id = $1`, [r.id]),
    ]);
    for (const secret of ['Alice', 'Zebedee', '1980', 'QQ123456C', 'SE1 7EH', 'alice.secret', 'Quixote'])
      expect(everything).not.toContain(secret);
  });

  it('reads the first worksheet of an XLSX: header after a blank row, Excel date cells, sheet rows', async () => {
    const r = await importFixture(ds, 'staff', 'staff-several-sheets.xlsx', {
      asAt: null,
      mode: 'skip_invalid',
    });
    expect(r).toMatchObject({
      outcome: 'succeeded',
      asAt: '2026-09-30',
      rowsRead: 3,
      rowsImported: 2,
      rowsRejected: 1,
    });
    expect(r.errors).toEqual([
      expect.objectContaining({ line: 5, column: 'FTE', code: 'FTE_OUT_OF_RANGE', value: '1.5' }),
    ]);
    expect(r.warnings.join(' ')).toMatch(/only the first \("Staff"\)/);
  });

  it('skip-invalid mode writes the valid rows and records the rejected ones', async () => {
    const r = await importFixture(ds, 'staff', 'staff-fte-too-high.csv', {
      asAt: '2026-04-30',
      mode: 'skip_invalid',
    });
    expect(r).toMatchObject({
      outcome: 'succeeded',
      rowsRead: 2,
      rowsImported: 1,
      rowsRejected: 1,
      errorCount: 1,
    });
    expect(await assignments('2026-04-30')).toHaveLength(1);
    const [rec] = await ds.query(`select rows_rejected, errors from import_record where id = $1`, [r.id]);
    expect(rec.rows_rejected).toBe(1);
    expect(rec.errors[0]).toMatchObject({ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE', value: '1.2' });
  });

  it('skip-invalid mode finds duplicate assignments during the write and keeps the first copy', async () => {
    const r = await importFixture(ds, 'staff', 'staff-duplicate-assignment.csv', {
      asAt: '2026-03-30',
      mode: 'skip_invalid',
    });
    expect(r).toMatchObject({ outcome: 'succeeded', rowsRead: 3, rowsImported: 2, rowsRejected: 1 });
    expect(r.errors).toEqual([expect.objectContaining({ line: 4, code: 'DUPLICATE_ASSIGNMENT' })]);
    const rows = await assignments('2026-03-30');
    expect(rows.map((x: any) => x.fte)).toEqual(['1.0000', '0.8000']);
    const [snapshot] = await ds.query(
      `select headcount, assignments from staff_snapshot where org_code = 'RJ1' and as_at = '2026-03-30'`,
    );
    expect(snapshot).toEqual({ headcount: 2, assignments: 2 });
  });

  it('a dry run reports the same as a real import and writes nothing', async () => {
    const before = await importedDataChecksum(ds);
    const r = await importFixture(ds, 'staff', 'staff-valid.csv', {
      asAt: '2026-03-31',
      mode: 'validate_only',
    });
    expect(r).toMatchObject({ outcome: 'validated', rowsRead: 5, rowsSkippedByRule: 1, errorCount: 0 });
    expect(r.summary.wouldImport).toBe(4);
    expect(await importedDataChecksum(ds)).toBe(before);
    const bad = await importFixture(ds, 'staff', 'staff-fte-zero.csv', { mode: 'validate_only' });
    expect(bad).toMatchObject({ outcome: 'validated', errorCount: 1 });
  });

  it('a repeat of an imported file with the same parameters is a no-op that says so', async () => {
    const first = await importFixture(ds, 'staff', 'staff-valid.csv', { asAt: '2026-02-28' });
    expect(first.outcome).toBe('succeeded');
    const before = await importedDataChecksum(ds);
    const second = await importFixture(ds, 'staff', 'staff-valid.csv', { asAt: '2026-02-28' });
    expect(second.outcome).toBe('duplicate');
    expect(second.summary.duplicateOf).toBe(first.id);
    expect(second.warnings[0]).toMatch(/already imported .* nothing was changed/);
    expect(await importedDataChecksum(ds)).toBe(before);
    // Different parameters are a different import.
    const other = await importFixture(ds, 'staff', 'staff-valid.csv', { asAt: '2026-01-31' });
    expect(other.outcome).toBe('succeeded');
  });

  it('imports completions: code, title or alias; unknown courses and statuses skipped by rule; expiry defaulted', async () => {
    await importFixture(ds, 'staff', 'staff-valid.csv');
    const r = await importFixture(ds, 'completions', 'completions-valid.csv');
    expect(['succeeded', 'duplicate']).toContain(r.outcome);
    const record =
      r.outcome === 'duplicate'
        ? (await ds.query(`select summary from import_record where id = $1`, [r.summary.duplicateOf]))[0]
        : r;
    expect(record.summary.skippedCourses).toEqual([{ course: 'Fire Safety Level 1', rows: 1 }]);
    const rows = await ds.query(
      `select person_key, module_code, completed_on::text, expires_on::text, source_course from training_completion
       where org_code = 'RJ1' and person_key = any($1) order by completed_on`,
      [['E1001', 'E1002', 'E1003', 'E9999'].map((e) => pseudonymise(KEY, 'RJ1', e))],
    );
    expect(rows.map((x: any) => [x.module_code, x.completed_on, x.expires_on])).toEqual([
      ['AIE-01', '2026-02-02', '2029-02-02'],
      ['AIF-01', '2026-03-15', '2028-03-15'],
      ['AIF-01', '2026-04-15', '2028-04-15'],
      ['AIF-01', '2026-05-05', '2028-05-05'],
    ]);
  });

  it('re-importing the same completions (even as a different file) changes nothing', async () => {
    const copy = path.join(tmp, 'completions-again.csv');
    fs.writeFileSync(copy, fs.readFileSync(fixture('completions-valid.csv'), 'utf8').replace(/\n/g, '\r\n'));
    await runImport(ds, {
      kind: 'completions',
      filePath: fixture('completions-valid.csv'),
      fileName: 'c.csv',
      allowedOrgCodes: null,
      recompute,
    });
    const [before] = await ds.query(
      `select md5(string_agg(t::text, ',' order by t::text)) as sum from training_completion t`,
    );
    const r = await runImport(ds, {
      kind: 'completions',
      filePath: copy,
      fileName: 'completions-again.csv',
      allowedOrgCodes: null,
      recompute,
    });
    expect(r).toMatchObject({ outcome: 'succeeded', rowsImported: 4, rowsSkippedByRule: 2 });
    expect(r.summary).toMatchObject({ added: 0, updated: 0, unmatchedPeople: 1 });
    const [after] = await ds.query(
      `select md5(string_agg(t::text, ',' order by t::text)) as sum from training_completion t`,
    );
    expect(after.sum).toBe(before.sum);
  });

  it('reports progress per import id while running', async () => {
    let seen: ReturnType<typeof importProgress> = null;
    const r = await importFixture(ds, 'staff', 'staff-valid.csv', {
      asAt: '2025-12-31',
      onStarted: (id) => {
        seen = importProgress(id);
      },
    });
    expect(seen).toMatchObject({ importId: r.id, totalBytes: fs.statSync(fixture('staff-valid.csv')).size });
    expect(importProgress(r.id)).toMatchObject({ done: true, percent: 100, phase: 'succeeded' });
  });

  it('serialises two imports of the same organisation and date (advisory lock), never interleaving them', async () => {
    // Hold the organisation's import lock from another connection: the import must wait for it.
    const blocker = ds.createQueryRunner();
    await blocker.connect();
    await blocker.startTransaction();
    await blocker.query(`select pg_advisory_xact_lock(hashtextextended('aiwr-import:' || 'RJ1', 0))`);
    let finished = false;
    const waiting = importFixture(ds, 'staff', 'staff-crlf.csv', { asAt: '2025-11-30' }).then((r) => {
      finished = true;
      return r;
    });
    let waits = 0;
    for (let i = 0; i < 100 && !waits; i++) {
      await new Promise((res) => setTimeout(res, 50));
      [{ waits }] = await ds.query(
        `select count(*)::int as waits from pg_locks where locktype = 'advisory' and not granted`,
      );
    }
    expect(waits).toBe(1);
    expect(finished).toBe(false);
    await blocker.commitTransaction();
    await blocker.release();
    expect((await waiting).outcome).toBe('succeeded');

    // Two at once: both succeed, one after the other, and the snapshot is exactly one of the files.
    const [a, b] = await Promise.all([
      importFixture(ds, 'staff', 'staff-valid.csv', { asAt: '2025-10-31' }),
      importFixture(ds, 'staff', 'staff-bom.csv', { asAt: '2025-10-31' }),
    ]);
    expect([a.outcome, b.outcome]).toEqual(['succeeded', 'succeeded']);
    const [snap] = await ds.query(
      `select s.assignments, s.import_id, (select count(*)::int from staff_assignment x where x.org_code = 'RJ1' and x.as_at = s.as_at) as rows
       from staff_snapshot s where org_code = 'RJ1' and as_at = '2025-10-31'`,
    );
    expect([a.id, b.id]).toContain(snap.import_id);
    expect(snap.rows).toBe(snap.assignments);
    expect(snap.rows).toBe(snap.import_id === a.id ? 4 : 3);
  });
});
