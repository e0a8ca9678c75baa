/**
 * Re-evaluation writes its derived rows with per-row foreign-key triggers off when the role may (the
 * embedded server's superuser), and checks the same references set-based afterwards. These tests prove
 * the fast path is the one taken, that it leaves the transaction's trigger setting as it found it, and
 * that a derived row with a broken reference still fails the whole transaction.
 */
import { DataSource, EntityManager } from 'typeorm';
import { insertTestSnapshot } from '@aiwr/server-archetypes';
import { recompute } from '@aiwr/server-coverage';
import { TestApp, startTestApp } from '../support/test-app';

const ORG = 'RJ2';
const AS_AT = '2031-01-31'; // a date no other suite uses

let app: TestApp;
let db: DataSource;

async function writeFixture(m: EntityManager) {
  await insertTestSnapshot(m, ORG, AS_AT, [
    {
      personKey: 'bulk-radiographer',
      assignments: [['04', 'Radiographer - Diagnostic', 'Radiographer', 'Radiography', 'B6']],
    },
    {
      personKey: 'bulk-nurse',
      assignments: [['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5']],
    },
  ]);
}

const count = (m: EntityManager, table: string) =>
  m
    .query(`select count(*)::int as n from ${table} where org_code = $1 and as_at = $2`, [ORG, AS_AT])
    .then((r) => r[0].n as number);

beforeAll(async () => {
  app = await startTestApp();
  db = app.app.get(DataSource);
});

afterAll(async () => {
  await db.query(`delete from staff_snapshot where org_code = $1 and as_at = $2`, [ORG, AS_AT]);
  await app.close();
});

test('the superuser path writes every derived table and restores the trigger setting', async () => {
  await db.transaction(async (m) => {
    const [{ su }] = await m.query(`select current_setting('is_superuser') as su`);
    expect(su).toBe('on'); // the embedded test server: the trigger-free path is the one under test
    await writeFixture(m);
    await recompute(m, { snapshots: [{ orgCode: ORG, asAt: AS_AT }] });
    expect(await count(m, 'person_snapshot')).toBe(2);
    expect(await count(m, 'person_need')).toBeGreaterThanOrEqual(2); // foundation for both at least
    expect(await count(m, 'person_archetype')).toBeGreaterThan(0);
    expect(await count(m, 'coverage_rollup')).toBeGreaterThan(0);
    const [{ role }] = await m.query(`select current_setting('session_replication_role') as role`);
    expect(role).toBe('origin');
  });
});

test('a derived row with a broken reference fails the transaction, as the per-row check would', async () => {
  await db.query(`delete from staff_snapshot where org_code = $1 and as_at = $2`, [ORG, AS_AT]);
  const attempt = db.transaction(async (m) => {
    await writeFixture(m);
    // Every current rule now names an archetype that does not exist: person_archetype rows would
    // break their foreign key to archetype.
    await m.query(`update archetype_rule set archetypes = array['no-such-archetype'] where valid_to is null`);
    await recompute(m, { snapshots: [{ orgCode: ORG, asAt: AS_AT }] });
  });
  await expect(attempt).rejects.toThrow(/foreign-key check/);
  // Rolled back: the rules are untouched and nothing of the snapshot was kept.
  const [{ n: bogus }] = await db.query(
    `select count(*)::int as n from archetype_rule where 'no-such-archetype' = any(archetypes)`,
  );
  expect(bogus).toBe(0);
  expect(await count(db.manager, 'person_archetype')).toBe(0);
});
