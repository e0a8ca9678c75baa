import { DataSource } from 'typeorm';
import { ensureMonthPartitions } from '@aiwr/db';
import { refreshRollups } from '@aiwr/server-coverage';

/**
 * A small history small enough to count by hand (docs/api.md "Planning: the method" works through it).
 * Each trust has 40 people at four month-ends; each month persons 2k-1 and 2k leave and two join:
 *   snapshot k (1..4) holds persons 2k-1 .. 2k+38.
 * Everyone needs PLN-F (foundation, renewed every 12 months). Completions:
 *   persons 1-10 on 2025-03-15 (expire 2026-03-15), 11-20 on 2025-09-15 (expire 2026-09-15),
 *   21-25 on 2026-02-10, 26-30 on 2026-03-10, 31-36 on 2026-04-10 (each expiring a year later).
 * Person 20 becomes an AI user at the third snapshot (gains an archetype).
 */
export const MODULE = 'PLN-F';
export const DATES = ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'];

const completedOn = (p: number) =>
  p <= 10
    ? '2025-03-15'
    : p <= 20
      ? '2025-09-15'
      : p <= 25
        ? '2026-02-10'
        : p <= 30
          ? '2026-03-10'
          : p <= 36
            ? '2026-04-10'
            : null;
const plusYear = (d: string) => `${Number(d.slice(0, 4)) + 1}${d.slice(4)}`;
const key = (org: string, p: number) => `${org}-pln-${String(p).padStart(3, '0')}`;

export async function insertPlanningHistory(db: DataSource, orgs: string[]) {
  await db.query(
    `insert into training_module(code, title, layer, renewal_months) values ($1, 'Planning test foundation', 'foundation', 12)
     on conflict do nothing`,
    [MODULE],
  );
  await db.transaction(async (m) => {
    await m.query(`delete from staff_snapshot`);
    await m.query(`delete from training_completion`);
    for (const org of orgs) {
      for (let p = 1; p <= 36; p++)
        await m.query(
          `insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
           values ($1, $2, $3, $4, $5, 'test')`,
          [org, key(org, p), MODULE, completedOn(p), plusYear(completedOn(p)!)],
        );
      for (const [i, asAt] of DATES.entries()) {
        const k = i + 1;
        const people = Array.from({ length: 40 }, (_, j) => 2 * k - 1 + j);
        await m.query(
          `insert into staff_snapshot(org_code, as_at, headcount, assignments) values ($1, $2, 40, 40)`,
          [org, asAt],
        );
        await ensureMonthPartitions(m, [asAt]);
        await m.query(
          `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, clinical_area_code, department, pay_band, fte)
           select $1, $2, k, 'A1', '01', 'imaging', 'Radiology', 'B5', 1 from unnest($3::text[]) k`,
          [org, asAt, people.map((p) => key(org, p))],
        );
        const met = people.map((p) => {
          const done = completedOn(p);
          return done !== null && done <= asAt && plusYear(done) > asAt;
        });
        await m.query(
          `insert into person_snapshot(org_code, as_at, person_key, assignments, fte, archetypes, modules_needed, modules_met)
           select $1, $2, k, 1, 1, case when k = $5 then '{user}'::text[] else '{}' end, 1, m::int
           from unnest($3::text[], $4::boolean[]) as t(k, m)`,
          [org, asAt, people.map((p) => key(org, p)), met, k >= 3 ? key(org, 20) : ''],
        );
        await m.query(
          `insert into person_need(org_code, as_at, person_key, module_code, layer, met, met_on, expires_on)
           select $1, $2, k, $5, 'foundation', m, case when m then d end, case when m then (d + interval '1 year')::date end
           from unnest($3::text[], $4::boolean[], $6::date[]) as t(k, m, d)`,
          [org, asAt, people.map((p) => key(org, p)), met, MODULE, people.map((p) => completedOn(p))],
        );
      }
    }
  });
  for (const org of orgs) await db.transaction((m) => refreshRollups(m, org));
}

export async function removePlanningHistory(db: DataSource, orgs: string[]) {
  await db.query(`delete from staff_snapshot where org_code = any($1)`, [orgs]);
  await db.query(`delete from training_completion where module_code = $1`, [MODULE]);
  await db.query(`delete from training_module where code = $1`, [MODULE]);
}
