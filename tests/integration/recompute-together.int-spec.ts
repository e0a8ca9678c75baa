/**
 * The recompute evaluates many snapshots together (one set of statements for a national file or a
 * broad rule edit). These tests prove that doing so writes exactly the rows that recomputing the same
 * snapshots one at a time writes: every derived table compared in full, for snapshots whose
 * organisations share a date and for organisations with different dates (the two ways a scope reads
 * its rows), with several assignments per person, completions met, lapsed and missing, an AI product
 * and flows between consecutive snapshots. Each side runs in its own rolled-back transaction.
 */
import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { recompute } from '@aiwr/server-coverage';
import { DERIVED, derived, ORGS, rolledBack, SNAPSHOTS, writeFixture } from './recompute-support';

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
