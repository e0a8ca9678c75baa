/**
 * Benchmark: evaluateSnapshot and refreshNeedsMet on synthetic trusts, inside a transaction that is
 * rolled back (the database is left as it was). Prints figures; asserts nothing.
 *
 *   node scripts/with-db.mjs node -r ./scripts/register.cjs libs/server/archetypes/bench/evaluate-snapshot.bench.ts
 *   ... evaluate-snapshot.bench.ts --people 7500 --orgs 200     # the national scale, ~1.5M people
 */
import { ensureMonthPartitions, openDataSource } from '@aiwr/db';
import { evaluateSnapshot, refreshNeedsMet } from '../src';
import { DEFAULT_RULE_EXAMPLES, RoleExample } from '../src/lib/testing/default-rule-examples';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const PEOPLE = arg('people', 30_000);
const ORGS = arg('orgs', 1);
const AS_AT = '2031-03-31';

// Mostly everyday clinical and support roles, with every rule example mixed in at a low rate.
const COMMON: RoleExample[] = [
  ['03', 'Staff Nurse', 'Staff Nurse', 'General Medicine', 'B5'],
  ['03', 'Staff Nurse', 'Staff Nurse', 'Accident and Emergency', 'B5'],
  ['03', 'Midwife', 'Midwife', 'Maternity', 'B6'],
  ['07', 'Healthcare Assistant', 'Healthcare Assistant', 'Elderly Care', 'B3'],
  ['01', 'Consultant', 'Consultant Radiologist', 'Radiology', 'M-CON'],
  ['01', 'Specialty Registrar', 'Specialty Registrar', 'General Surgery', 'M-STR'],
  ['04', 'Physiotherapist', 'Physiotherapist', 'Physiotherapy', 'B6'],
  ['08', 'Clerical Worker', 'Ward Clerk', 'General Medicine', 'B2'],
  ['09', 'Porter', 'Porter', 'Portering', 'B2'],
  ['06', 'Healthcare Scientist', 'Biomedical Scientist', 'Haematology', 'B6'],
];
const EXAMPLES = Object.values(DEFAULT_RULE_EXAMPLES).flatMap((e) => [...e.allowed, ...e.notAllowed]);
const ROLES = [...Array.from({ length: 12 }, () => COMMON).flat(), ...EXAMPLES];

async function main() {
  const ds = await openDataSource();
  const qr = ds.createQueryRunner();
  await qr.startTransaction();
  const m = qr.manager;
  try {
    const orgs: string[] = (
      await m.query(
        `select code from organisation where close_date is null and region_code is not null order by code limit $1`,
        [ORGS],
      )
    ).map((r: any) => r.code);
    const t0 = Date.now();
    await m.query(
      `insert into staff_snapshot(org_code, as_at, headcount, assignments) select code, $2, $3, $3 from unnest($1::text[]) code`,
      [orgs, AS_AT, PEOPLE],
    );
    await ensureMonthPartitions(m, [AS_AT]);
    await m.query(
      `create temp table bench_role on commit drop as
       select (ord - 1)::int as i, r->>0 as sg, r->>1 as job, r->>2 as title, r->>3 as area, r->>4 as band
       from jsonb_array_elements($1::jsonb) with ordinality as x(r, ord)`,
      [JSON.stringify(ROLES)],
    );
    await m.query(
      `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, job_role, area_of_work,
         clinical_area_code, position_title, pay_band, fte)
       select o.code, $2, 'p' || g, '1', r.sg, r.job, r.area, coalesce(map.clinical_area_code, 'unmapped'), r.title, r.band, 1
       from unnest($1::text[]) o(code) cross join generate_series(1, $3) g
       join bench_role r on r.i = (g * 7919) % $4
       left join area_of_work_mapping map on map.area_of_work_key = lower(r.area)`,
      [orgs, AS_AT, PEOPLE, ROLES.length],
    );
    await m.query(
      `insert into training_completion(org_code, person_key, module_code, completed_on, source_course)
       select o.code, 'p' || g, 'AIF-01', date '2030-01-01' + (g % 700), 'bench'
       from unnest($1::text[]) o(code) cross join generate_series(1, $2) g where g % 5 <> 0`,
      [orgs, PEOPLE],
    );
    const loaded = Date.now() - t0;

    const times: number[] = [];
    for (const org of orgs) {
      const t = Date.now();
      await evaluateSnapshot(m, org, AS_AT);
      times.push(Date.now() - t);
    }
    const t1 = Date.now();
    await refreshNeedsMet(m, orgs);
    const refresh = Date.now() - t1;
    const [counts] = await m.query(
      `select (select count(*) from person_snapshot where as_at = $1)::int as people,
              (select count(*) from person_archetype where as_at = $1)::int as archetype_rows,
              (select count(*) from person_need where as_at = $1)::int as need_rows`,
      [AS_AT],
    );
    times.sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0);
    console.log(`synthetic load: ${ORGS} organisation(s) x ${PEOPLE} people in ${loaded} ms`);
    console.log(
      `evaluateSnapshot: total ${total} ms; per organisation median ${times[times.length >> 1]} ms, max ${times[times.length - 1]} ms`,
    );
    console.log(`refreshNeedsMet (all organisations): ${refresh} ms`);
    console.log(
      `rows: ${counts.people} people, ${counts.archetype_rows} person_archetype, ${counts.need_rows} person_need`,
    );
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
    await ds.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
