import { DataSource } from 'typeorm';
import { databaseBefore } from './testing/database-before';
import { MonthPartitions1764800000001 } from './1764800000001-month-partitions';

/**
 * The partitioning migration on a database that already holds snapshots: a database of its own, migrated
 * up to the migration before, with rows in two months; then partitioned, undone and partitioned again.
 */
describe('migration: staff_assignment and the person tables partitioned by month', () => {
  let db: Awaited<ReturnType<typeof databaseBefore>>;
  let ds: DataSource;
  const TABLES = ['person_archetype', 'person_need', 'person_snapshot', 'staff_assignment'];
  const kinds = async () =>
    (
      await ds.query(`select relname, relkind::text from pg_class where relname = any($1) order by relname`, [
        TABLES,
      ])
    ).map((r: { relkind: string }) => r.relkind);
  const stored = () =>
    ds.query(`
      select (select count(*)::int from staff_assignment) as assignments,
             (select count(*)::int from person_archetype) as archetypes,
             (select count(*)::int from person_need) as needs,
             (select count(*)::int from person_snapshot where fully_trained) as trained`);

  beforeAll(async () => {
    db = await databaseBefore(MonthPartitions1764800000001, 'partition');
    ds = db.ds;
    await ds.query(`
      insert into training_module(code, title, layer) values ('AIF-01', 'Foundations', 'foundation');
      insert into staff_snapshot(org_code, as_at, headcount, assignments) values ('RJ1', '2026-08-31', 1, 1), ('RJ1', '2026-09-30', 1, 1);
      insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, fte)
        values ('RJ1', '2026-08-31', 'k1', 'a1', '03', 'unmapped', 1), ('RJ1', '2026-09-30', 'k1', 'a1', '03', 'unmapped', 1);
      insert into person_archetype(org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no)
        values ('RJ1', '2026-09-30', 'k1', 'user', 'r', 1, 'a1');
      insert into person_need(org_code, as_at, person_key, module_code, layer, met)
        values ('RJ1', '2026-08-31', 'k1', 'AIF-01', 'foundation', false), ('RJ1', '2026-09-30', 'k1', 'AIF-01', 'foundation', true);
      insert into person_snapshot(org_code, as_at, person_key, assignments, fte, modules_needed, modules_met)
        values ('RJ1', '2026-08-31', 'k1', 1, 1, 1, 0), ('RJ1', '2026-09-30', 'k1', 1, 1, 1, 1);`);
  });
  afterAll(() => db?.drop());

  it('keeps every row, in one partition per table covering the months it held, and undoes cleanly', async () => {
    const all = await db.withAllMigrations();
    try {
      const before = await stored();
      await all.runMigrations({ transaction: 'each' });
      expect(await kinds()).toEqual(['p', 'p', 'p', 'p']);
      expect(await stored()).toEqual(before);
      const parts = await ds.query(
        `select c.relname, pg_get_expr(c.relpartbound, c.oid) as bound
         from pg_inherits i join pg_class c on c.oid = i.inhrelid
         where i.inhparent = 'staff_assignment'::regclass`,
      );
      expect(parts).toEqual([
        {
          relname: 'staff_assignment_2026_08_to_2026_09',
          bound: "FOR VALUES FROM ('2026-08-01') TO ('2026-10-01')",
        },
      ]);
      // The old table's indexes serve as the parent's (attached, not rebuilt).
      const [{ unattached }] = await ds.query(`
        select count(*)::int as unattached from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'staff_assignment_2026_08_to_2026_09'::regclass and not c.relispartition`);
      expect(unattached).toBe(0);

      await all.undoLastMigration({ transaction: 'each' });
      expect(await kinds()).toEqual(['r', 'r', 'r', 'r']);
      expect(await stored()).toEqual(before);

      await all.runMigrations({ transaction: 'each' });
      expect(await kinds()).toEqual(['p', 'p', 'p', 'p']);
      // Deleting or truncating snapshots still removes their rows (statement triggers, not a foreign key).
      await ds.query(`delete from staff_snapshot where as_at = '2026-08-31'`);
      expect(await stored()).toEqual([{ assignments: 1, archetypes: 1, needs: 1, trained: 1 }]);
      await ds.query(`truncate staff_snapshot cascade`);
      expect(await stored()).toEqual([{ assignments: 0, archetypes: 0, needs: 0, trained: 0 }]);
    } finally {
      await all.destroy();
    }
  });
});
