import { DataSource } from 'typeorm';
import { HashAssignmentNumbers1764100000001 } from './1764100000001-hash-assignment-numbers';
import { databaseBefore } from './testing/database-before';
import crypto from 'node:crypto';

const KEY = process.env.PSEUDONYMISATION_KEY!;
// The definitions of docs/security.md, written out here (the db project may not depend on the ingest lib).
const hmac = (text: string) => crypto.createHmac('sha256', KEY).update(text).digest('hex');
const pseudonymise = (_key: string, org: string, employee: string) => hmac(`${org}:${employee}`);
const assignmentKey = (_key: string, person: string, assignment: string) =>
  hmac(`${person}:${assignment}`).slice(0, 16);

/**
 * The re-keying migration on a database that already holds assignment numbers in clear: a database of
 * its own, migrated up to the migration before, loaded with rows as the old import wrote them.
 */
describe('migration: assignment numbers re-keyed in place', () => {
  let db: Awaited<ReturnType<typeof databaseBefore>>;
  let ds: DataSource;

  beforeAll(async () => {
    db = await databaseBefore(HashAssignmentNumbers1764100000001, 'rekey');
    ds = db.ds;
    await ds.query(
      `insert into staff_snapshot(org_code, as_at, headcount, assignments) values ('RJ1', '2026-09-30', 1, 2)`,
    );
    const person = pseudonymise(KEY, 'RJ1', '10013727');
    await ds.query(
      `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, fte)
       values ('RJ1', '2026-09-30', $1, '10013727-1', '03', 'unmapped', 1), ('RJ1', '2026-09-30', $1, '10013727-2', '03', 'unmapped', 0.5)`,
      [person],
    );
    await ds.query(
      `insert into person_archetype(org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no)
       values ('RJ1', '2026-09-30', $1, 'user', 'r', 1, '10013727-2')`,
      [person],
    );
  });
  afterAll(() => db?.drop());

  it('replaces every stored number by the key the import now writes, keeping the rows joined', async () => {
    const all = await db.withAllMigrations();
    try {
      await all.runMigrations({ transaction: 'each' });
    } finally {
      await all.destroy();
    }
    const person = pseudonymise(KEY, 'RJ1', '10013727');
    const stored = await ds.query(`select assignment_no from staff_assignment order by fte desc`);
    expect(stored.map((r: any) => r.assignment_no)).toEqual([
      assignmentKey(KEY, person, '10013727-1'),
      assignmentKey(KEY, person, '10013727-2'),
    ]);
    const [joined] = await ds.query(
      `select count(*)::int as n from person_archetype pa join staff_assignment a using (org_code, as_at, person_key, assignment_no)`,
    );
    expect(joined.n).toBe(1);
    const [{ clear }] = await ds.query(
      `select count(*)::int as clear from (select assignment_no from staff_assignment union all select assignment_no from person_archetype) x
       where assignment_no like '%10013727%'`,
    );
    expect(clear).toBe(0);
    // The SQL function the import calls is the same hash.
    const [{ sql }] = await ds.query(`select pseudonym_assignment_key($1, '10013727-1', $2) as sql`, [
      person,
      KEY,
    ]);
    expect(sql).toBe(assignmentKey(KEY, person, '10013727-1'));
  });
});
