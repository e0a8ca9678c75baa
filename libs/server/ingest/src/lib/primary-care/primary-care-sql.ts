import type { PoolClient } from 'pg';
import { anyCheckFails } from '../row-checks';
import { stageColumn } from '../staging';
import type { RowParams, StageShape } from '../set-based-sql';
import { PRIMARY_CARE_CHECKS } from './primary-care-checks';

/**
 * The primary-care staff list, set-based like the ESR staff list (set-based-sql.ts): organisations the
 * file introduces (PCNs, community pharmacies) are created first, in the import's transaction, so a
 * rejected file leaves none behind; then one pass builds `ingest_row` with the same columns the staff
 * snapshot swap reads, so the write, pseudonymisation and recomputation are the trust pipeline's own.
 */
const cell = (shape: StageShape, key: string) => {
  const p = shape.positions.get(key);
  return p === undefined ? 'null::text' : `nullif(btrim(s.${stageColumn(p)}), '')`;
};

/** Role names compare without case, spaces or punctuation ("GP Partner / Provider" = "gp partner/provider"). */
const roleKey = (expr: string) => `lower(regexp_replace(${expr}, '[^[:alnum:]]+', '', 'g'))`;
const yes = (expr: string) => `(lower(${expr}) in ('y', 'yes', 'true', '1'))`;
const PCN_CODE = `'^U[0-9]{5}$'`;
const PHARMACY_CODE = `'^F[A-Z0-9]{4}$'`;

/**
 * PCNs named in the file (PCN Code column, or an Organisation Code that is a PCN) and community
 * pharmacies (F codes) that are not organisations yet. A PCN takes the ICB of the practices that name it
 * (else the ICB Code column); a pharmacy needs the ICB Code column. Their open date is the earliest as-at
 * date imported for them (ODS lists neither here), moved back when an older list arrives.
 */
export async function createPrimaryCareOrganisations(
  client: PoolClient,
  shape: StageShape,
  p: { orgParam: string | null; asAt: string },
): Promise<string[]> {
  const org = `coalesce(upper(${cell(shape, 'org_code')}), $1::text)`;
  const pcn = `upper(${cell(shape, 'pcn_code')})`;
  const icb = `upper(${cell(shape, 'icb_code')})`;
  const { rows } = await client.query(
    `with named as (
       select ${org} as org, ${pcn} as pcn, ${icb} as icb,
              ${cell(shape, 'org_name')} as org_name, ${cell(shape, 'pcn_name')} as pcn_name
       from ingest_stage s),
     pcns as (
       select n.pcn as code, max(n.pcn_name) as name, mode() within group (order by o.icb_code) as icb_code
       from named n left join organisation o on o.code = n.org and o.kind = 'practice'
       where n.pcn ~ ${PCN_CODE} group by n.pcn
       union all
       select n.org, max(n.org_name), max(n.icb) from named n
       where n.org ~ ${PCN_CODE} and not exists (select 1 from named m where m.pcn = n.org) group by n.org),
     pharmacies as (
       select org as code, max(org_name) as name, max(icb) as icb_code from named
       where org ~ ${PHARMACY_CODE} group by org),
     wanted as (
       select code, coalesce(name, 'PCN ' || code) as name, icb_code, 'general_practice' as setting, 'pcn' as kind from pcns
       union all
       select code, coalesce(name, 'Community pharmacy ' || code), icb_code, 'community_pharmacy', 'pharmacy' from pharmacies)
     insert into organisation(code, name, region_code, icb_code, open_date, setting, kind)
     select w.code, left(w.name, 200), i.region_code, i.code, $2::date, w.setting, w.kind
     from wanted w join icb i on i.code = w.icb_code and i.valid_to is null
     where not exists (select 1 from organisation o where o.code = w.code)
     on conflict (code) do nothing
     returning code`,
    [p.orgParam, p.asAt],
  );
  // An organisation the import created earlier, now seen at an older date: it was open then too.
  await client.query(
    `update organisation o set open_date = $2::date
     where o.kind in ('pcn', 'pharmacy') and o.open_date > $2::date
       and o.code in (select ${org} from ingest_stage s union select upper(${cell(shape, 'pcn_code')}) from ingest_stage s)`,
    [p.orgParam, p.asAt],
  );
  return rows.map((r) => r.code);
}

/** One pass: normalised cells, look-ups, the organisation each row is stored under, and `ok`. */
export async function buildPrimaryCareRows(
  client: PoolClient,
  shape: StageShape,
  params: RowParams,
): Promise<void> {
  const c = (k: string) => cell(shape, k);
  const keys = [
    'employee_number',
    'org_name',
    'pcn_code',
    'pcn_name',
    'icb_code',
    'staff_group',
    'job_role',
    'advanced_practitioner',
    'fte',
    'hours',
    'employed_by_pcn',
    'as_at_date',
  ];
  const number = (expr: string) =>
    `case when ${expr} ~ '^[+-]?([0-9]{1,6}([.][0-9]*)?|[.][0-9]+)$' then ${expr}::numeric end`;
  await client.query(`drop table if exists ingest_pc_role`);
  await client.query(`
    create temp table ingest_pc_role on commit drop as
    select distinct ${roleKey('n')} as key, r.code, r.name, r.staff_group_code
    from primary_care_role r cross join lateral unnest(array[r.name, r.code] || r.aliases) n`);
  await client.query(`drop table if exists ingest_row`);
  await client.query(
    `create temp table ingest_row on commit drop as
     select x.*, not (${anyCheckFails(PRIMARY_CARE_CHECKS)}) as ok
     from (
       select y.*,
              o.code as org_found, o.open_date as org_open_date, o.close_date as org_close_date,
              case y.file_org_setting when 'general_practice' then 'primary-care'
                                      when 'community_pharmacy' then 'community-pharmacy' else 'unmapped' end as clinical_area_code,
              coalesce(y.role_code, '') as assignment_no
       from (
         select s.rn, coalesce(s.line_no, s.rn + 1)::int as line, s.field_count, ${shape.headerCount} as header_count,
                $1::text as org_param, $2::text[] as allowed_orgs, $3::date as as_at,
                ${keys.map((k) => `${c(k)} as ${k}`).join(',\n                ')},
                upper(${c('org_code')}) as org_in_file,
                f.file_org, fo.kind as file_org_kind, fo.setting as file_org_setting,
                fo.open_date as file_org_open, fo.close_date as file_org_close,
                po.kind as pcn_kind,
                ${yes(c('employed_by_pcn'))} as employed_by_pcn_value,
                ${yes(c('advanced_practitioner'))} as advanced_practitioner_value,
                case when ${yes(c('employed_by_pcn'))} and fo.kind = 'practice' and ${c('pcn_code')} is not null
                       then upper(${c('pcn_code')})
                     else f.file_org end as org_code,
                g.code as staff_group_code, g.setting as staff_group_setting,
                (select r.code from ingest_pc_role r where r.key = ${roleKey(c('job_role'))} limit 1) as role_any,
                rg.code as role_code, rg.name as job_role_name,
                ${number(c('fte'))} as fte_number,
                ${number(c('hours'))} as hours_number,
                coalesce(${number(c('fte'))}, round(${number(c('hours'))} / 37.5, 4)) as fte_value,
                ingest_parse_date(${c('as_at_date')}) as as_at_value,
                'count'::text as row_class,
                null::text as occupation_code, null::text as area_of_work, null::text as position_title,
                null::text as pay_band_code, null::text as department
         from ingest_stage s
         cross join lateral (select coalesce(upper(${c('org_code')}), $1::text) as file_org) f
         left join organisation fo on fo.code = f.file_org
         left join organisation po on po.code = upper(${c('pcn_code')})
         left join staff_group g on g.setting <> 'trust'
           and ${roleKey(c('staff_group'))} in (${roleKey('g.code')}, ${roleKey('g.name')}, ${roleKey('g.esr_label')})
         left join lateral (select r.code, r.name from ingest_pc_role r
                            where r.key = ${roleKey(c('job_role'))} and r.staff_group_code = g.code limit 1) rg on true
         offset 0) y
       left join organisation o on o.code = y.org_code
       offset 0) x`,
    [params.orgParam, params.allowedOrgs, params.asAt],
  );
  // The stored job role is the canonical name, so "GP partner" and "GP Partner/Provider" count as one.
  await client.query(`update ingest_row set job_role = job_role_name where job_role_name is not null`);
}

/** A practice belongs to one PCN on a date: rows of one practice naming different PCNs are errors. */
export async function collectPcnConflicts(client: PoolClient): Promise<void> {
  await client.query(`
    with firsts as (
      select file_org, pcn_code, min(line) as line from ingest_row
      where ok and file_org_kind = 'practice' and pcn_code is not null group by file_org, pcn_code),
    chosen as (select distinct on (file_org) file_org, upper(pcn_code) as pcn, line from firsts order by file_org, line)
    insert into ingest_error(rn, line, col, value, code, message)
    select r.rn, r.line, 'PCN Code', left(r.pcn_code, 80), 'PCN_CONFLICT',
           'This practice is in PCN ' || c.pcn || ' on line ' || c.line || '; a practice belongs to one PCN on a date.'
    from ingest_row r join chosen c on c.file_org = r.file_org
    where r.ok and r.file_org_kind = 'practice' and r.pcn_code is not null and upper(r.pcn_code) <> c.pcn`);
  await client.query(
    `update ingest_row r set ok = false from ingest_error e where e.code = 'PCN_CONFLICT' and e.rn = r.rn`,
  );
}

/** Which PCN each practice in the file was in on the as-at date (replaced by a later import of that date). */
export async function recordPracticePcn(
  client: PoolClient,
  p: { importId: string; asAt: string },
): Promise<number> {
  const { rowCount } = await client.query(
    `insert into practice_pcn(practice_code, as_at, pcn_code, import_id)
     select distinct on (file_org) file_org, $1::date, upper(pcn_code), $2::uuid from ingest_row
     where ok and file_org_kind = 'practice' and pcn_code is not null
     order by file_org, line
     on conflict (practice_code, as_at) do update set pcn_code = excluded.pcn_code, import_id = excluded.import_id`,
    [p.asAt, p.importId],
  );
  return rowCount ?? 0;
}
