import type { PoolClient } from 'pg';
import { MonthWrite, rowTriggersOffIfAllowed, rowTriggersOn } from '@aiwr/db';

/**
 * Writing a validated import, inside the import's transaction. Imports of the same organisation are
 * serialised by `lockOrganisations` (@aiwr/db), which the pipeline takes before this runs; readers keep
 * seeing the previous snapshot until the transaction commits.
 */

/** Replaces the (organisation, as-at) snapshots named in the file; other dates are kept for trends. */
export async function swapStaffSnapshot(
  client: PoolClient,
  p: { importId: string; asAt: string; orgCodes: string[]; key: string; primaryCare?: boolean },
): Promise<{ assignments: number; people: number }> {
  // The primary key finds duplicate (organisation, employee, assignment) rows: undo this step and say so.
  await client.query('savepoint swap_staff');
  try {
    const written = await replaceSnapshot(client, p);
    await client.query('release savepoint swap_staff');
    return written;
  } catch (e: any) {
    if (e?.code !== '23505') throw e;
    await client.query('rollback to savepoint swap_staff');
    throw new DuplicateRows();
  }
}

export class DuplicateRows extends Error {}

async function replaceSnapshot(
  client: PoolClient,
  p: { importId: string; asAt: string; orgCodes: string[]; key: string; primaryCare?: boolean },
): Promise<{ assignments: number; people: number }> {
  await client.query(`delete from staff_snapshot where as_at = $1 and org_code = any($2)`, [
    p.asAt,
    p.orgCodes,
  ]);
  // Headcount counts people once (distinct employee numbers), assignments count rows.
  const { rows } = await client.query(
    `insert into staff_snapshot(org_code, as_at, import_id, headcount, assignments)
     select org_code, $1, $2, people, assignments from ingest_org_count
     returning headcount as people, assignments`,
    [p.asAt, p.importId],
  );
  // Per-row foreign-key checks off where allowed; the same references are verified set-based below.
  const bulk = await rowTriggersOffIfAllowed(client);
  // A primary-care row also says whether the role is advanced practice and whether a PCN employs it.
  const flags = p.primaryCare
    ? {
        columns: ', advanced_practitioner, employed_by_pcn',
        values: ', advanced_practitioner_value, employed_by_pcn_value',
      }
    : { columns: '', values: '' };
  // The first file of a month writes a partition of its own, attached with its index built in one pass
  // (db/month-partitions.ts); later files of the month insert into it. Sorted by the primary key so the
  // index is built by appending, not by random inserts. Neither the employee number nor the assignment
  // number is stored: both go only into keyed hashes (docs/security.md).
  const month = await MonthWrite.open(client, 'staff_assignment', [p.asAt]);
  await client.query(
    `insert into ${month.target}(org_code, as_at, person_key, assignment_no, staff_group_code, job_role, occupation_code,
                                  area_of_work, clinical_area_code, position_title, pay_band, department, fte${flags.columns})
     select org_code, as_at, person_key, pseudonym_assignment_key(person_key, assignment_number, $2::text) as assignment_key,
            staff_group_code, job_role, occupation_code,
            area_of_work, clinical_area_code, position_title, pay_band_code, department, fte_value${flags.values}
     from (select org_code, $1::date as as_at,
                  pseudonym_person_key(org_code, employee_number, $2::text) as person_key,
                  coalesce(assignment_no, '') as assignment_number, staff_group_code, job_role, upper(occupation_code) as occupation_code,
                  area_of_work, clinical_area_code, position_title, pay_band_code, department, fte_value${flags.values}
           from ingest_row where ok and row_class = 'count') r
     order by org_code, person_key, assignment_key`,
    [p.asAt, p.key],
  );
  await month.close(client);
  if (bulk) await verifyForeignKeysSetBased(client, p.asAt);
  return {
    assignments: rows.reduce((n, r) => n + r.assignments, 0),
    people: rows.reduce((n, r) => n + r.people, 0),
  };
}

/** The three foreign keys of staff_assignment, checked once per distinct value of the rows just inserted. */
async function verifyForeignKeysSetBased(client: PoolClient, asAt: string): Promise<void> {
  await rowTriggersOn(client);
  const { rows } = await client.query(
    `select count(*)::int as broken from (
       select distinct staff_group_code, clinical_area_code from ingest_row where ok and row_class = 'count') v
     where not exists (select 1 from staff_group g where g.code = v.staff_group_code)
        or not exists (select 1 from clinical_area c where c.code = v.clinical_area_code)`,
  );
  const { rows: snapshots } = await client.query(
    `select count(*)::int as missing from ingest_org_count o
     where not exists (select 1 from staff_snapshot s where s.org_code = o.org_code and s.as_at = $1)`,
    [asAt],
  );
  if (rows[0].broken || snapshots[0].missing)
    throw new Error(
      'Staged assignments failed the foreign-key check (staff group, clinical area or snapshot)',
    );
}

/** Completions are facts: upserted by (organisation, person, module, completion date), so a re-import changes nothing. */
export async function upsertCompletions(
  client: PoolClient,
  p: { importId: string; orgCodes: string[]; key: string },
): Promise<{ added: number; updated: number; unmatchedPeople: number; kept: number }> {
  await client.query(`drop table if exists ingest_completion`);
  await client.query(
    `create temp table ingest_completion on commit drop as
     select distinct on (org_code, person_key, module_code, completed_on) *
     from (select r.org_code, pseudonym_person_key(r.org_code, r.employee_number, $1::text) as person_key,
                  r.module_code, r.completed_on_value as completed_on,
                  coalesce(r.expires_on_value, (r.completed_on_value + make_interval(months => t.renewal_months))::date) as expires_on,
                  r.course as source_course
           from ingest_row r join training_module t on t.code = r.module_code
           where r.ok and r.row_class = 'count') c
     order by org_code, person_key, module_code, completed_on, expires_on desc nulls first`,
    [p.key],
  );
  const { rows } = await client.query(
    `with written as (
       insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course, import_id)
       select org_code, person_key, module_code, completed_on, expires_on, source_course, $1 from ingest_completion
       on conflict (org_code, person_key, module_code, completed_on) do update
         set expires_on = excluded.expires_on, source_course = excluded.source_course, import_id = excluded.import_id,
             via_equivalence = false
         where training_completion.expires_on is distinct from excluded.expires_on or training_completion.via_equivalence
       returning (xmax = 0) as inserted)
     select count(*) filter (where inserted)::int as added, count(*) filter (where not inserted)::int as updated from written`,
    [p.importId],
  );
  const kept = await keepUnmatchedCourses(client, p);
  const { rows: unmatched } = await client.query(
    `select count(*)::int as n from (select distinct org_code, person_key from ingest_completion) c
     where not exists (select 1 from staff_assignment a where a.org_code = c.org_code and a.person_key = c.person_key)`,
  );
  return { added: rows[0].added, updated: rows[0].updated, unmatchedPeople: unmatched[0].n, kept };
}

/**
 * Completions of courses not in the catalogue are skipped for now but kept, pseudonymised, in
 * unmatched_completion, so that an equivalence declared later counts them without the file again.
 */
const KEEPABLE_COURSE_ROW = `r.row_class = 'skip_course' and r.org_found is not null and r.employee_number is not null
  and r.course is not null and r.completed_on_value is not null
  and (r.allowed_orgs is null or r.org_code = any(r.allowed_orgs))`;

/** Organisations with completions to keep (a file of only unknown courses still has something to write). */
export async function organisationsWithKeptCourses(client: PoolClient): Promise<string[]> {
  const { rows } = await client.query(
    `select distinct r.org_code from ingest_row r where ${KEEPABLE_COURSE_ROW} order by 1`,
  );
  return rows.map((r) => r.org_code);
}

async function keepUnmatchedCourses(
  client: PoolClient,
  p: { importId: string; key: string },
): Promise<number> {
  const { rowCount } = await client.query(
    `insert into unmatched_completion(org_code, person_key, course_key, source_course, completed_on, expires_on, import_id)
     select distinct on (org_code, person_key, course_key, completed_on) * from (
       select r.org_code, pseudonym_person_key(r.org_code, r.employee_number, $1::text) as person_key,
              match_key(r.course) as course_key, r.course as source_course, r.completed_on_value as completed_on,
              r.expires_on_value as expires_on, $2::uuid as import_id
       from ingest_row r where ${KEEPABLE_COURSE_ROW}) k
     order by org_code, person_key, course_key, completed_on, expires_on desc nulls first
     on conflict (org_code, person_key, course_key, completed_on) do update
       set expires_on = excluded.expires_on, source_course = excluded.source_course, import_id = excluded.import_id`,
    [p.key, p.importId],
  );
  return rowCount ?? 0;
}
