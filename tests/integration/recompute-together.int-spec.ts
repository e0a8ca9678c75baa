/**
 * The recompute evaluates many snapshots together (one set of statements for a national file or a
 * broad rule edit). These tests prove that doing so writes exactly the rows that recomputing the same
 * snapshots one at a time writes: every derived table compared in full, for snapshots whose
 * organisations share a date and for organisations with different dates (the two ways a scope reads
 * its rows), with several assignments per person, completions met, lapsed and missing, an AI product
 * and flows between consecutive snapshots. Each side runs in its own rolled-back transaction.
 */
import { DataSource, EntityManager } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { insertTestSnapshot, FixturePerson } from '@aiwr/server-archetypes';
import { recompute } from '@aiwr/server-coverage';
import type { SnapshotRef } from '@aiwr/server-core';

const ORGS = ['RJ1', 'RJ2', 'RTD'];
// RJ1 and RJ2 share their dates; RTD has a date of its own (a scope spanning more pairs than it holds).
const SNAPSHOTS: SnapshotRef[] = [
  { orgCode: 'RJ1', asAt: '2032-01-31' },
  { orgCode: 'RJ2', asAt: '2032-01-31' },
  { orgCode: 'RJ1', asAt: '2032-02-29' },
  { orgCode: 'RJ2', asAt: '2032-02-29' },
  { orgCode: 'RTD', asAt: '2032-02-15' },
];
const DERIVED = [
  'person_archetype',
  'person_need',
  'person_snapshot',
  'coverage_rollup',
  'coverage_module_rollup',
  'coverage_filter_option',
  'workforce_flow',
  'module_flow',
  'module_expiry',
];
// [staff group, job role, position title, area of work, pay band]: a mix the default rules map to every
// archetype, and roles they map to none.
const ROLES: FixturePerson['assignments'] = [
  ['08', 'Senior Manager', 'Head of AI Policy and Regulation', 'Strategy and Planning', 'B8C'],
  ['08', 'Other Executive Director', 'Director of Strategy and Partnerships', 'Executive', 'VSM'],
  ['08', 'Manager', 'Digital Standards Lead', 'Informatics', 'B8A'],
  ['01', 'Consultant', 'Consultant Radiologist', 'Clinical Radiology', 'M-CON'],
  ['04', 'Radiographer - Diagnostic', 'Radiographer', 'Radiography', 'B6'],
  ['03', 'Staff Nurse', 'Staff Nurse', 'Emergency Department', 'B5'],
  ['08', 'Administrator', 'Policy Officer', 'Corporate Services', 'B4'],
  ['08', 'Senior Manager', 'Head of HR Policy', 'Human Resources', 'B8B'],
  ['08', 'Personal Assistant', 'PA to the Director of Strategy', 'Executive', 'B4'],
  ['02', 'Healthcare Assistant', 'Healthcare Assistant', 'General Medicine', 'B3'],
  ['06', 'Porter', 'Porter', 'Estates', 'B2'],
  ['08', 'Manager', 'Data Scientist', 'Informatics', 'B7'],
  ['01', 'Specialty Registrar', 'Specialty Registrar', 'Histopathology', null],
];

/** A month's people: a rolling window over every example role (so people join and leave), some with two. */
function peopleOf(org: string, month: number): FixturePerson[] {
  return Array.from({ length: 60 }, (_, i) => {
    const n = i + 5 * month;
    const role = ROLES[n % ROLES.length];
    return {
      personKey: `${org}-tog-${n}`,
      assignments: n % 7 === 0 ? [role, ROLES[(n * 3 + 1) % ROLES.length]] : [role],
      department: n % 5 === 0 ? undefined : `Dept ${n % 4}`,
      fte: n % 3 === 0 ? 0.5 : 1,
    };
  });
}

async function writeFixture(m: EntityManager): Promise<void> {
  await m.query(`delete from staff_snapshot where org_code = any($1)`, [ORGS]);
  await m.query(`delete from training_completion where org_code = any($1)`, [ORGS]);
  for (const s of SNAPSHOTS)
    await insertTestSnapshot(m, s.orgCode, s.asAt, peopleOf(s.orgCode, s.asAt < '2032-02-01' ? 0 : 1));
  // Completions: current, lapsed (two-year renewal, done long ago) and between the two month-ends.
  await m.query(
    `insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
     select o, o || '-tog-' || n, m, d::date, null, 'test'
     from unnest($1::text[]) o, generate_series(0, 70) n,
          lateral (values ('AIF-01', case when n % 3 = 0 then '2029-05-01' else '2032-02-10' end),
                          ('AIU-01', '2031-12-01')) c(m, d)
     where n % 2 = 0`,
    [ORGS],
  );
  await m.query(
    `insert into training_module(code, title, layer, renewal_months) values ('TOG-P1', 'Together product', 'product', 12)
     on conflict do nothing`,
  );
  await m.query(
    `insert into ai_product(org_code, product_code, name, module_code, live_from) values ('RJ1', 'tog', 'Together', 'TOG-P1', '2032-02-01')`,
  );
  await m.query(
    `insert into ai_product_audience(org_code, product_code, department) values ('RJ1', 'tog', 'dept 1')`,
  );
}

/** Every derived row of the fixture's organisations, as sorted JSON text per table. */
async function derived(m: EntityManager): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of DERIVED)
    out[table] = (
      await m.query(`select to_jsonb(t)::text as row from ${table} t where org_code = any($1) order by 1`, [
        ORGS,
      ])
    ).map((r: { row: string }) => r.row);
  return out;
}

async function rolledBack<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
  const qr = db.createQueryRunner();
  await qr.connect();
  await qr.startTransaction();
  try {
    return await work(qr.manager);
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
  }
}

let db: DataSource;
beforeAll(async () => {
  db = await openDataSource();
});
afterAll(() => db.destroy());

test('recomputing snapshots together writes exactly the rows recomputing them one by one writes', async () => {
  const oneByOne = await rolledBack(db, async (m) => {
    await writeFixture(m);
    for (const s of SNAPSHOTS) await recompute(m, { snapshots: [s] });
    return derived(m);
  });
  const together = await rolledBack(db, async (m) => {
    await writeFixture(m);
    await recompute(m, { snapshots: SNAPSHOTS });
    return derived(m);
  });
  for (const table of DERIVED)
    expect({ table, rows: together[table] }).toEqual({ table, rows: oneByOne[table] });
  // The comparison covers real content: every table has rows, flows between the two month-ends, a
  // product need, met and unmet needs, and someone with two assignments.
  for (const table of DERIVED)
    expect({ table, rows: together[table].length > 0 }).toEqual({ table, rows: true });
  expect(together.workforce_flow.length).toBe(2);
  expect(together.person_need.some((r) => r.includes('"product:tog"'))).toBe(true);
  expect(together.person_need.some((r) => r.includes('"met": true'))).toBe(true);
  expect(together.person_need.some((r) => r.includes('"met": false'))).toBe(true);
  expect(together.person_snapshot.some((r) => r.includes('"assignments": 2'))).toBe(true);
});

test('a completions recompute of several organisations together equals one organisation at a time', async () => {
  const run = (together: boolean) =>
    rolledBack(db, async (m) => {
      await writeFixture(m);
      await recompute(m, { snapshots: SNAPSHOTS });
      await m.query(
        `insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
         select o, o || '-tog-' || n, 'AIF-01', '2032-01-20', null, 'test' from unnest($1::text[]) o, generate_series(1, 70, 2) n`,
        [ORGS],
      );
      if (together) await recompute(m, { completionsOf: ORGS });
      else for (const org of ORGS) await recompute(m, { completionsOf: [org] });
      return derived(m);
    });
  const oneByOne = await run(false);
  const together = await run(true);
  for (const table of DERIVED)
    expect({ table, rows: together[table] }).toEqual({ table, rows: oneByOne[table] });
  expect(together.module_flow.length).toBeGreaterThan(0);
});

test('a recompute of snapshots on different dates touches those snapshots only, as one at a time does', async () => {
  // RJ1's January and RJ2's February: their organisations and dates also span RJ1's February and
  // RJ2's January, which must stay as they were.
  const diagonal = [SNAPSHOTS[0], SNAPSHOTS[3]];
  const run = (together: boolean) =>
    rolledBack(db, async (m) => {
      await writeFixture(m);
      await recompute(m, { snapshots: SNAPSHOTS });
      await m.query(
        `update staff_assignment set position_title = 'Head of AI Policy and Regulation', staff_group_code = '08'
         where org_code = any($1) and person_key like '%0'`,
        [ORGS],
      );
      if (together) await recompute(m, { snapshots: diagonal });
      else for (const s of diagonal) await recompute(m, { snapshots: [s] });
      return derived(m);
    });
  const oneByOne = await run(false);
  const together = await run(true);
  for (const table of DERIVED)
    expect({ table, rows: together[table] }).toEqual({ table, rows: oneByOne[table] });
});
