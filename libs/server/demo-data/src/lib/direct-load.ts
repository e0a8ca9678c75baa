import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { EntityManager } from 'typeorm';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Loads generated demo files straight into the snapshot tables. Used only until the import pipeline
 * (libs/server/ingest) is available; the generator's files are clean, so this trusts them.
 */
export async function loadStaffFileDirect(
  m: EntityManager,
  file: string,
  asAt: string,
  key: string,
): Promise<void> {
  await m.query(
    `create temp table demo_staff_raw (employee text, assignment text, org text, staff_group text, job_role text, occupation text, area text, title text, band text, department text, fte text, status text) on commit drop`,
  );
  const client = (m.queryRunner as any).databaseConnection;
  await pipeline(
    fs.createReadStream(file),
    client.query(copyFrom(`copy demo_staff_raw from stdin with (format csv, header true)`)),
  );
  await m.query(
    `delete from staff_snapshot where as_at = $1 and org_code in (select distinct org from demo_staff_raw)`,
    [asAt],
  );
  await m.query(
    `
    insert into staff_snapshot(org_code, as_at, headcount, assignments)
    select org, $1, count(distinct employee), count(*) from demo_staff_raw
    where status in ('Active Assignment', 'Acting Up', 'Secondment') group by org`,
    [asAt],
  );
  await m.query(
    `
    insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, job_role, occupation_code, area_of_work,
      clinical_area_code, position_title, pay_band, department, fte)
    select r.org, $1, encode(hmac(r.org || ':' || r.employee, $2, 'sha256'), 'hex'), r.assignment,
      coalesce(sg.code, r.staff_group), r.job_role, r.occupation, r.area, coalesce(map.clinical_area_code, 'unmapped'), r.title,
      case when r.band ilike 'band %' then 'B' || upper(substr(r.band, 6)) else case r.band when 'Consultant' then 'M-CON' when 'Specialty Registrar' then 'M-STR'
        when 'FY1' then 'M-FY1' when 'FY2' then 'M-FY2' when 'Specialty Doctor' then 'M-SAS' when 'Core Trainee' then 'M-CT' else r.band end end,
      r.department, r.fte::numeric
    from demo_staff_raw r
    left join staff_group sg on sg.esr_label = r.staff_group
    left join area_of_work_mapping map on map.area_of_work_key = lower(regexp_replace(trim(r.area), '[\\s_]+', ' ', 'g'))
    where r.status in ('Active Assignment', 'Acting Up', 'Secondment')`,
    [asAt, key],
  );
}

export async function loadCompletionsFileDirect(m: EntityManager, file: string, key: string): Promise<void> {
  await m.query(
    `create temp table demo_completion_raw (employee text, org text, course text, completed text, status text) on commit drop`,
  );
  const client = (m.queryRunner as any).databaseConnection;
  await pipeline(
    fs.createReadStream(file),
    client.query(copyFrom(`copy demo_completion_raw from stdin with (format csv, header true)`)),
  );
  await m.query(
    `
    insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course)
    select r.org, encode(hmac(r.org || ':' || r.employee, $1, 'sha256'), 'hex'), tm.code, r.completed::date,
      case when tm.renewal_months is null then null else (r.completed::date + make_interval(months => tm.renewal_months))::date end, r.course
    from demo_completion_raw r
    join training_module tm on tm.code = r.course or lower(tm.title) = lower(r.course) or lower(r.course) = any(select lower(a) from unnest(tm.aliases) a)
    where r.status in ('Complete', 'Completed', 'Passed', 'Achieved')
    on conflict do nothing`,
    [key],
  );
}
