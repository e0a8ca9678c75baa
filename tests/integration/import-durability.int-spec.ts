import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { closeAbandonedImports, getImportRecord, listImports, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { importedDataChecksum, resetImportState } from './import-support';

// An organisation no other suite imports for, so this suite's locks and snapshots are its own.
const ORG = 'RRK';
const ROOT = path.join(__dirname, '../..');
const HEADER =
  'Employee Number,Assignment Number,Organisation Code,Staff Group,Job Role,Occupation Code,Area of Work,Position Title,Pay Band,Department,FTE,Assignment Status';

function staffFile(dir: string, name: string, people: number): string {
  const lines = [HEADER];
  for (let i = 1; i <= people; i++)
    lines.push(
      `D${i},D${i}-1,${ORG},Nursing and Midwifery Registered,Staff Nurse,N0A,Emergency Medicine,Staff Nurse,Band 5,Ward ${i % 7},1,Active Assignment`,
    );
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const orgLockFree = async (c: Client) =>
  (await c.query(`select pg_try_advisory_lock(hashtextextended('aiwr-import:' || $1, 0)) as free`, [ORG]))
    .rows[0].free as boolean;

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The backend blocked on the table lock this suite holds on staff_snapshot (an import mid-write). */
const blockedOnSnapshots = (ds: DataSource) =>
  until('an import blocked on staff_snapshot', async () => {
    const rows = await ds.query(
      `select pid from pg_locks where not granted and relation = 'staff_snapshot'::regclass limit 1`,
    );
    return rows[0]?.pid as number | undefined;
  });

// The CLI child compiles its sources on start: allow it time (the 10 s bound is asserted separately).
jest.setTimeout(60_000);

describe('imports: nothing left half-done', () => {
  let ds: DataSource;
  let tmp: string;
  let blocker: Client;
  beforeAll(async () => {
    ds = await openDataSource();
    await resetImportState(ds, [ORG]);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-durability-'));
    blocker = new Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker.end();
    fs.rmSync(tmp, { recursive: true, force: true });
    await ds.destroy();
  });

  const snapshotRows = async (asAt: string) =>
    (
      await ds.query(
        `select (select count(*) from staff_assignment where org_code = $1 and as_at = $2)::int
              + (select count(*) from staff_snapshot where org_code = $1 and as_at = $2)::int
              + (select count(*) from person_snapshot where org_code = $1 and as_at = $2)::int as n`,
        [ORG, asAt],
      )
    )[0].n as number;

  it('two concurrent uploads of one file: the second waits, then gets the first record; one record in all', async () => {
    const file = staffFile(tmp, 'concurrent.csv', 40);
    // Hold the first import inside its transaction (blocked on the snapshot table) so the second
    // certainly starts while the first is running.
    await blocker.query(`begin; lock table staff_snapshot in share mode`);
    const request = {
      kind: 'staff' as const,
      filePath: file,
      fileName: 'concurrent.csv',
      asAt: '2026-05-31',
      allowedOrgCodes: null,
      recompute,
    };
    const first = runImport(ds, request);
    await blockedOnSnapshots(ds);
    const second = runImport(ds, request);
    // The second is waiting on the repeat lock, not running its own import.
    await until('the second import waiting for the first', async () => {
      const [{ n }] = await ds.query(
        `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      );
      return n > 0;
    });
    await blocker.query('commit');
    const [a, b] = await Promise.all([first, second]);
    expect(a.outcome).toBe('succeeded');
    expect(b).toMatchObject({
      outcome: 'duplicate',
      id: a.id,
      summary: expect.objectContaining({ duplicateOf: a.id }),
    });
    const records = await ds.query(`select id, outcome from import_record where file_sha256 = $1`, [
      a.fileSha256,
    ]);
    expect(records).toEqual([{ id: a.id, outcome: 'succeeded' }]);
  });

  it('a killed CLI import releases the organisation lock and is closed as abandoned within 10 s, writing nothing', async () => {
    const asAt = '2026-06-30';
    const file = staffFile(tmp, 'killed.csv', 60);
    const before = await importedDataChecksum(ds);
    await blocker.query(`begin; lock table staff_snapshot in share mode`);
    let child: ChildProcess | null = null;
    try {
      child = spawn(
        process.execPath,
        ['-r', './scripts/register.cjs', 'apps/cli/src/import.ts', 'staff', file, '--as-at', asAt, '--quiet'],
        { cwd: ROOT, env: process.env, stdio: 'ignore' },
      );
      const backend = await blockedOnSnapshots(ds);
      // The child holds the organisation's lock now, mid-write.
      const probe = new Client({ connectionString: process.env.DATABASE_URL });
      await probe.connect();
      try {
        expect(await orgLockFree(probe)).toBe(false);
        const [running] = await ds.query(
          `select id from import_record where file_name = 'killed.csv' and outcome = 'running'`,
        );
        expect((await getImportRecord(ds, running.id))?.outcome).toBe('running');

        child.kill('SIGKILL');
        const killedAt = Date.now();
        // The table lock is still held by this suite: the backend stops because its client is gone,
        // not because its statement ended.
        await until('the backend gone', async () => {
          const rows = await ds.query(`select 1 from pg_stat_activity where pid = $1`, [backend]);
          return rows.length === 0;
        });
        await until('the organisation lock free', () => orgLockFree(probe));
        await until(
          'the record shown as abandoned',
          async () => (await getImportRecord(ds, running.id))?.outcome === 'abandoned',
        );
        expect(Date.now() - killedAt).toBeLessThan(10_000);
        expect(await closeAbandonedImports(ds)).toBeGreaterThanOrEqual(1);
        const [stored] = await ds.query(`select outcome, errors from import_record where id = $1`, [
          running.id,
        ]);
        expect(stored.outcome).toBe('abandoned');
        expect(stored.errors[0].code).toBe('IMPORT_ABANDONED');
      } finally {
        await probe.end();
      }
    } finally {
      await blocker.query('commit');
      child?.kill('SIGKILL');
    }
    expect(await snapshotRows(asAt)).toBe(0);
    expect(await importedDataChecksum(ds)).toBe(before);
  });

  it('a database connection that dies mid-import leaves no rows and a failed record', async () => {
    const asAt = '2026-07-31';
    const file = staffFile(tmp, 'crashed.csv', 30);
    const before = await importedDataChecksum(ds);
    await blocker.query(`begin; lock table staff_snapshot in share mode`);
    const running = runImport(ds, {
      kind: 'staff',
      filePath: file,
      fileName: 'crashed.csv',
      asAt,
      allowedOrgCodes: null,
      recompute,
    });
    const outcome = running.then(
      () => 'resolved',
      () => 'threw',
    );
    try {
      const backend = await blockedOnSnapshots(ds);
      await ds.query(`select pg_terminate_backend($1)`, [backend]);
    } finally {
      await blocker.query('commit');
    }
    expect(await outcome).toBe('threw');
    const [record] = await ds.query(`select outcome from import_record where file_name = 'crashed.csv'`);
    expect(record.outcome).toBe('failed');
    expect(await snapshotRows(asAt)).toBe(0);
    expect(await importedDataChecksum(ds)).toBe(before);
  });

  it('a stale running record (its process gone) is closed as abandoned on the next start and shown so in the history', async () => {
    const [stale] = await ds.query(
      `insert into import_record(kind, mode, file_name, file_sha256, org_codes, as_at, outcome)
       values ('staff', 'all_or_nothing', 'stale.csv', repeat('0', 64), $1, '2026-04-30', 'running') returning id`,
      [[ORG]],
    );
    // A running import that is alive (its transaction holds the record's lock) is left alone.
    const live = new Client({ connectionString: process.env.DATABASE_URL });
    await live.connect();
    const [alive] = await ds.query(
      `insert into import_record(kind, mode, file_name, file_sha256, org_codes, as_at, outcome)
       values ('staff', 'all_or_nothing', 'alive.csv', repeat('1', 64), $1, '2026-04-30', 'running') returning id`,
      [[ORG]],
    );
    try {
      await live.query(`begin`);
      await live.query(`select pg_advisory_xact_lock(hashtextextended('aiwr-import-record:' || $1, 0))`, [
        alive.id,
      ]);
      const history = await listImports(ds, {
        first: 100,
        visibility: { ranBy: '00000000-0000-0000-0000-000000000000', orgCodes: [ORG] },
      });
      expect(history.items.find((r) => r.id === stale.id)?.outcome).toBe('abandoned');
      expect(history.items.find((r) => r.id === alive.id)?.outcome).toBe('running');
      // Any import start (CLI, API, or the API's own start-up) stores it.
      await runImport(ds, {
        kind: 'staff',
        filePath: staffFile(tmp, 'next.csv', 5),
        fileName: 'next.csv',
        asAt: '2026-08-31',
        allowedOrgCodes: null,
        recompute,
        mode: 'validate_only',
      });
      const rows = await ds.query(
        `select id, outcome from import_record where id = any($1) order by file_name`,
        [[stale.id, alive.id]],
      );
      expect(rows).toEqual([
        { id: alive.id, outcome: 'running' },
        { id: stale.id, outcome: 'abandoned' },
      ]);
    } finally {
      await live.query('rollback');
      await live.end();
      await ds.query(`delete from import_record where id = any($1)`, [[stale.id, alive.id]]);
    }
  });
});
