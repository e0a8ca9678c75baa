import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions, ensureMonthPartitions, MonthWrite } from './index';

/**
 * staff_assignment and the person tables are partitioned by month (db/month-partitions.ts). Months far in
 * the future keep these tests apart from every other suite's data; each test works in a transaction it
 * rolls back, except the concurrency test, which commits and cleans up after itself.
 */
describe('month partitions', () => {
  let ds: DataSource;
  let org: string;
  let staffGroup: string;
  let area: string;
  beforeAll(async () => {
    ds = await new DataSource(
      dataSourceOptions(process.env.DATABASE_URL!, { extra: { max: 4 } }),
    ).initialize();
    [{ org }] = await ds.query(
      `select code as org from organisation where kind = 'trust' order by code limit 1`,
    );
    [{ staffGroup }] = await ds.query(`select code as "staffGroup" from staff_group order by code limit 1`);
    [{ area }] = await ds.query(`select code as area from clinical_area order by code limit 1`);
  });
  afterAll(() => ds.destroy());

  const inTransaction = async (work: (q: QueryRunner) => Promise<void>) => {
    const q = ds.createQueryRunner();
    await q.startTransaction();
    try {
      await work(q);
    } finally {
      await q.rollbackTransaction();
      await q.release();
    }
  };
  const snapshot = (q: QueryRunner, asAt: string) =>
    q.query(`insert into staff_snapshot(org_code, as_at, headcount, assignments) values ($1, $2, 1, 1)`, [
      org,
      asAt,
    ]);
  const assignments = (q: QueryRunner, table: string, asAt: string, people: string[]) =>
    q.query(
      `insert into ${table}(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, fte)
       select $1, $2, p, 'a', $3, $4, 1 from unnest($5::text[]) p`,
      [org, asAt, staffGroup, area, people],
    );
  const partitionOf = async (q: QueryRunner | DataSource, asAt: string) =>
    (
      await q.query(
        `select distinct tableoid::regclass::text as name from staff_assignment where org_code = $1 and as_at = $2`,
        [org, asAt],
      )
    ).map((r: { name: string }) => r.name);
  const indexCount = async (q: QueryRunner, table: string) =>
    (await q.query(`select count(*)::int as n from pg_index where indrelid = $1::regclass`, [table]))[0].n;

  it("writes a month's first rows into a partition of their own, attached with the parent's indexes and checks", async () => {
    await inTransaction(async (q) => {
      await snapshot(q, '2099-01-31');
      const first = await MonthWrite.open(q, 'staff_assignment', ['2099-01-31']);
      expect([first.bulk, first.target]).toEqual([true, 'staff_assignment_2099_01']);
      await assignments(q, first.target, '2099-01-31', ['p1', 'p2']);
      await first.close(q);
      expect(await partitionOf(q, '2099-01-31')).toEqual(['staff_assignment_2099_01']);
      expect(await indexCount(q, 'staff_assignment_2099_01')).toBe(await indexCount(q, 'staff_assignment'));

      // A later file of the same month inserts through the parent into that partition.
      const later = await MonthWrite.open(q, 'staff_assignment', ['2099-01-15']);
      expect([later.bulk, later.target]).toEqual([false, 'staff_assignment']);
      await snapshot(q, '2099-01-15');
      await assignments(q, later.target, '2099-01-15', ['p3']);
      expect(await partitionOf(q, '2099-01-15')).toEqual(['staff_assignment_2099_01']);

      // The parent's foreign keys hold on the attached partition.
      await q.query('savepoint fk');
      await expect(
        q.query(
          `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, fte)
           values ($1, '2099-01-31', 'p4', 'a', 'no-such-group', $2, 1)`,
          [org, area],
        ),
      ).rejects.toMatchObject({ code: '23503' });
      await q.query('rollback to savepoint fk');
    });
  });

  it('refuses duplicate rows of a new month with the unique violation, and leaves no partition behind', async () => {
    await inTransaction(async (q) => {
      await snapshot(q, '2099-02-28');
      await q.query('savepoint swap');
      const write = await MonthWrite.open(q, 'staff_assignment', ['2099-02-28']);
      await assignments(q, write.target, '2099-02-28', ['p1', 'p1']);
      await expect(write.close(q)).rejects.toMatchObject({ code: '23505' });
      await q.query('rollback to savepoint swap');
      const [{ left }] = await q.query(`select to_regclass('staff_assignment_2099_02')::text as left`);
      expect(left).toBeNull();
    });
  });

  it('refuses rows whose snapshot is not stored, inserted through the parent or into a new partition', async () => {
    await inTransaction(async (q) => {
      await snapshot(q, '2099-07-31');
      await ensureMonthPartitions(q, ['2099-07-31'], ['staff_assignment']);
      await q.query('savepoint parent');
      await expect(assignments(q, 'staff_assignment', '2099-07-15', ['p1'])).rejects.toMatchObject({
        code: '23503',
      });
      await q.query('rollback to savepoint parent');
      const write = await MonthWrite.open(q, 'staff_assignment', ['2099-08-31']);
      await assignments(q, write.target, '2099-08-31', ['p1']);
      await expect(write.close(q)).rejects.toMatchObject({ code: '23503' });
    });
  });

  it('refuses rows for a month that has no partition rather than putting them anywhere', async () => {
    await inTransaction(async (q) => {
      await snapshot(q, '2099-03-31');
      await expect(assignments(q, 'staff_assignment', '2099-03-31', ['p1'])).rejects.toThrow(
        /no partition of relation "staff_assignment" found for row/,
      );
    });
  });

  it('writes rows of several months through the parent, after giving each month its partition', async () => {
    await inTransaction(async (q) => {
      const write = await MonthWrite.open(q, 'person_snapshot', ['2099-04-30', '2099-05-31']);
      expect([write.bulk, write.target]).toEqual([false, 'person_snapshot']);
      const parts = await q.query(
        `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'person_snapshot'::regclass and c.relname like 'person_snapshot_2099%' order by 1`,
      );
      expect(parts.map((p: { relname: string }) => p.relname)).toEqual([
        'person_snapshot_2099_04',
        'person_snapshot_2099_05',
      ]);
      await ensureMonthPartitions(q, ['2099-04-30']); // nothing left to create: no error, no duplicate
    });
  });

  it('lets two imports open the same new month at once: the second waits, then inserts into the first one’s partition', async () => {
    const [a, b] = [ds.createQueryRunner(), ds.createQueryRunner()];
    try {
      await a.startTransaction();
      await snapshot(a, '2099-06-30');
      const first = await MonthWrite.open(a, 'staff_assignment', ['2099-06-30']);
      await assignments(a, first.target, '2099-06-30', ['p1']);

      // The second import has written its snapshot row already (as the swap does) when it asks for the month.
      await b.startTransaction();
      await snapshot(b, '2099-06-15');
      let secondOpened = false;
      const second = MonthWrite.open(b, 'staff_assignment', ['2099-06-15']).then((w) => {
        secondOpened = true;
        return w;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(secondOpened).toBe(false);

      await first.close(a);
      await a.commitTransaction();
      const write = await second;
      expect([write.bulk, write.target]).toEqual([false, 'staff_assignment']);
      await assignments(b, write.target, '2099-06-15', ['p2']);
      await b.commitTransaction();

      const rows = await ds.query(
        `select as_at::text, tableoid::regclass::text as part from staff_assignment
         where org_code = $1 and as_at between '2099-06-01' and '2099-06-30' order by as_at`,
        [org],
      );
      expect(rows).toEqual([
        { as_at: '2099-06-15', part: 'staff_assignment_2099_06' },
        { as_at: '2099-06-30', part: 'staff_assignment_2099_06' },
      ]);
    } finally {
      for (const q of [a, b]) {
        if (q.isTransactionActive) await q.rollbackTransaction();
        await q.release();
      }
      await ds.query(`delete from staff_snapshot where org_code = $1 and as_at >= '2099-01-01'`, [org]);
      await ds.query(`drop table if exists staff_assignment_2099_06`);
    }
  });
});
