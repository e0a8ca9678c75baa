/**
 * A small workforce for comparing recomputes row for row: three organisations (two sharing their
 * dates, one with a date of its own), people who join and leave between months, some with two
 * assignments, completions met, lapsed and missing, and an AI product. Used by the recompute tests.
 */
import { DataSource, EntityManager } from 'typeorm';
import { insertTestSnapshot, FixturePerson } from '@aiwr/server-archetypes';
import type { SnapshotRef } from '@aiwr/server-core';

export const ORGS = ['RJ1', 'RJ2', 'RTD'];
// RJ1 and RJ2 share their dates; RTD has a date of its own (a scope spanning more pairs than it holds).
export const SNAPSHOTS: SnapshotRef[] = [
  { orgCode: 'RJ1', asAt: '2032-01-31' },
  { orgCode: 'RJ2', asAt: '2032-01-31' },
  { orgCode: 'RJ1', asAt: '2032-02-29' },
  { orgCode: 'RJ2', asAt: '2032-02-29' },
  { orgCode: 'RTD', asAt: '2032-02-15' },
];
export const DERIVED = [
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

export async function writeFixture(m: EntityManager): Promise<void> {
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
export async function derived(m: EntityManager): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of DERIVED)
    out[table] = (
      await m.query(`select to_jsonb(t)::text as row from ${table} t where org_code = any($1) order by 1`, [
        ORGS,
      ])
    ).map((r: { row: string }) => r.row);
  return out;
}

export async function rolledBack<T>(db: DataSource, work: (m: EntityManager) => Promise<T>): Promise<T> {
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
