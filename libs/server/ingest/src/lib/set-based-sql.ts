import type { PoolClient } from 'pg';
import { ImportKind } from './columns';
import { anyCheckFails, checkValues, COMPLETION_CHECKS, STAFF_CHECKS } from './row-checks';
import { PRIMARY_CARE_CHECKS } from './primary-care/primary-care-checks';
import { buildPrimaryCareRows } from './primary-care/primary-care-sql';
import { stageColumn } from './staging';
import { ImportErrorEntry, MAX_ERRORS_KEPT } from './import-types';

/**
 * Validation and mapping of the staged rows, set-based in PostgreSQL: reference look-ups are made once
 * per distinct value (ingest_value), then one pass builds `ingest_row` with every mapped column and an
 * `ok` flag; failing rows expand into `ingest_error`. All tables are temporary (this connection only).
 */
const checksFor = (kind: ImportKind) =>
  kind === 'staff' ? STAFF_CHECKS : kind === 'primary_care' ? PRIMARY_CARE_CHECKS : COMPLETION_CHECKS;

export type StageShape = { kind: ImportKind; positions: Map<string, number>; headerCount: number };

const cell = (shape: StageShape, key: string) => {
  const p = shape.positions.get(key);
  return p === undefined ? 'null::text' : `nullif(btrim(s.${stageColumn(p)}), '')`;
};

const COUNTED_ASSIGNMENT = ['activeassignment', 'actingup', 'secondment', 'internalsecondment'];
const SKIPPED_ASSIGNMENT = [
  'suspendassignment',
  'inactiveassignment',
  'terminateassignment',
  'terminateprocess',
  'maternityleave',
  'adoptionleave',
  'paternityleave',
  'sharedparentalleave',
  'careerbreak',
  'unpaidleave',
  'externalsecondment',
];
const COUNTED_COMPLETION = ['complete', 'completed', 'passed', 'achieved'];
const SKIPPED_COMPLETION = [
  'inprogress',
  'notstarted',
  'failed',
  'enrolled',
  'notattempted',
  'cancelled',
  'withdrawn',
];

/** Physical lines for the fast path, where PostgreSQL numbered records but not lines. */
export async function numberLinesFromRecords(
  client: PoolClient,
  shape: StageShape,
  linesInFile: number,
  records: number,
) {
  // No quoted line breaks (the common case): the record after the header is on line rn + 1.
  if (linesInFile <= records + 1) return;
  const cols = Array.from({ length: shape.headerCount }, (_, i) => `coalesce(${stageColumn(i)}, '')`).join(
    ` || ' ' || `,
  );
  await client.query(`
    update ingest_stage s set line_no = n.line from (
      select rn, rn + 1 + coalesce(sum(breaks) over (order by rn rows between unbounded preceding and 1 preceding), 0) as line
      from (select rn, regexp_count(${cols}, '\\r\\n|\\n|\\r') as breaks from ingest_stage) b
    ) n where n.rn = s.rn`);
}

export async function buildValueMaps(
  client: PoolClient,
  shape: StageShape,
  payBandAliases: unknown,
): Promise<void> {
  // A primary-care list looks its few reference values up row by row (primary-care-sql.ts).
  const mapped =
    shape.kind === 'staff'
      ? ['staff_group', 'pay_band', 'area_of_work', 'assignment_status']
      : shape.kind === 'completions'
        ? ['course', 'status']
        : [];
  const present = mapped.filter((k) => shape.positions.has(k));
  await client.query(`drop table if exists ingest_value`);
  await client.query(
    `create temp table ingest_value (col text not null, raw text not null, rows int not null, mapped text, primary key (col, raw)) on commit drop`,
  );
  if (present.length) {
    const select = present.map((k) => `${cell(shape, k)} as ${k}`).join(', ');
    const which = present.map((k) => `when grouping(${k}) = 0 then '${k}'`).join(' ');
    await client.query(`
      insert into ingest_value(col, raw, rows)
      select case ${which} end, coalesce(${present.join(', ')}), count(*)
      from (select ${select} from ingest_stage s) v
      group by grouping sets (${present.map((k) => `(${k})`).join(', ')})
      having coalesce(${present.join(', ')}) is not null`);
  }
  if (shape.kind === 'staff') {
    await client.query(`
      update ingest_value v set mapped = g.code from staff_group g
      where v.col = 'staff_group'
        and (match_key(v.raw) in (match_key(g.name), match_key(g.esr_label))
             or (v.raw ~ '^[0-9]{1,2}$' and lpad(v.raw, 2, '0') = g.code))`);
    await client.query(
      `
      update ingest_value v set mapped = k.code from (
        select code, ingest_fold(label) as key from pay_band
        union select code, ingest_fold(code) from pay_band
        union select a.code, ingest_fold(alias) from jsonb_to_recordset($1::jsonb) a(code text, aliases text[]), unnest(a.aliases) alias
      ) k
      where v.col = 'pay_band' and k.key in (ingest_fold(v.raw), regexp_replace(ingest_fold(v.raw), '^(afc)?(band|grade)', ''))`,
      [JSON.stringify(payBandAliases)],
    );
    // The national mapping by the common matching key (matchKey in @aiwr/shared-domain); a trust's own
    // overrides are applied to the written snapshot (applyAreaMappings in @aiwr/server-mappings).
    await client.query(`
      update ingest_value v set mapped = coalesce(m.clinical_area_code, 'unmapped')
      from ingest_value v2 left join area_of_work_mapping m
        on m.org_code is null and m.area_of_work_key = match_key(v2.raw)
      where v.col = 'area_of_work' and v2.col = v.col and v2.raw = v.raw`);
    await classify(client, 'assignment_status', COUNTED_ASSIGNMENT, SKIPPED_ASSIGNMENT);
  } else if (shape.kind === 'completions') {
    await client.query(`
      update ingest_value v set mapped = t.code from training_module t
      where v.col = 'course' and t.retired_at is null
        and match_key(v.raw) in (select match_key(a) from unnest(array[t.code, t.title] || t.aliases) a)`);
    await classify(client, 'status', COUNTED_COMPLETION, SKIPPED_COMPLETION);
  }
  await client.query(`analyze ingest_value`);
}

async function classify(client: PoolClient, col: string, counted: string[], skipped: string[]) {
  await client.query(
    `update ingest_value set mapped = case when ingest_fold(raw) = any($1) then 'count' when ingest_fold(raw) = any($2) then 'skip' end
     where col = $3`,
    [counted, skipped, col],
  );
}

export type RowParams = { orgParam: string | null; allowedOrgs: string[] | null; asAt: string | null };

/** One pass: normalised cells, look-ups, and `ok` = no rule fails. */
export async function buildRows(client: PoolClient, shape: StageShape, params: RowParams): Promise<void> {
  if (shape.kind === 'primary_care') return buildPrimaryCareRows(client, shape, params);
  const keys = shape.kind === 'staff' ? STAFF_KEYS : COMPLETION_KEYS;
  const cells = keys.map((k) => `${cell(shape, k)} as ${k}`).join(',\n          ');
  const join = (col: string, key: string) =>
    `left join ingest_value v_${col} on v_${col}.col = '${col}' and v_${col}.raw = ${cell(shape, key)}`;
  const common = `
          s.rn, coalesce(s.line_no, s.rn + 1)::int as line, s.field_count, ${shape.headerCount} as header_count,
          $1::text as org_param, $2::text[] as allowed_orgs,
          ${cells},
          upper(${cell(shape, 'org_code')}) as org_in_file,
          coalesce(upper(${cell(shape, 'org_code')}), $1::text) as org_code,
          o.code as org_found, o.open_date as org_open_date, o.close_date as org_close_date`;
  const orgJoin = `left join organisation o on o.code = coalesce(upper(${cell(shape, 'org_code')}), $1::text)`;
  const specific =
    shape.kind === 'staff'
      ? `,
          $3::date as as_at,
          v_staff_group.mapped as staff_group_code,
          v_pay_band.mapped as pay_band_code,
          coalesce(v_area_of_work.mapped, 'unmapped') as clinical_area_code,
          case when ${cell(shape, 'assignment_status')} is null then 'count' else v_assignment_status.mapped end as row_class,
          case when ${cell(shape, 'fte')} ~ '^[+-]?([0-9]{1,6}([.][0-9]*)?|[.][0-9]+)$' then ${cell(shape, 'fte')}::numeric end as fte_value,
          ingest_parse_date(${cell(shape, 'as_at_date')}) as as_at_value
        from ingest_stage s
        ${orgJoin}
        ${join('staff_group', 'staff_group')}
        ${join('pay_band', 'pay_band')}
        ${join('area_of_work', 'area_of_work')}
        ${join('assignment_status', 'assignment_status')}`
      : `,
          v_course.mapped as module_code,
          case when ${cell(shape, 'status')} is not null and v_status.mapped is distinct from 'count'
                 then case when v_status.mapped = 'skip' then 'skip_status' end
               when ${cell(shape, 'course')} is not null and v_course.mapped is null then 'skip_course'
               else 'count' end as row_class,
          ingest_parse_date(${cell(shape, 'completed_on')}) as completed_on_value,
          ingest_parse_date(${cell(shape, 'expires_on')}) as expires_on_value
        from ingest_stage s
        ${orgJoin}
        ${join('course', 'course')}
        ${join('status', 'status')}`;
  const checks = checksFor(shape.kind);
  await client.query(`drop table if exists ingest_row`);
  await client.query(
    `create temp table ingest_row on commit drop as
     select x.*, not (${anyCheckFails(checks)}) as ok
     from (select ${common}${specific} offset 0) x`,
    shape.kind === 'staff'
      ? [params.orgParam, params.allowedOrgs, params.asAt]
      : [params.orgParam, params.allowedOrgs],
  );
}

const STAFF_KEYS = [
  'employee_number',
  'assignment_no',
  'staff_group',
  'job_role',
  'occupation_code',
  'area_of_work',
  'position_title',
  'pay_band',
  'department',
  'fte',
  'assignment_status',
  'as_at_date',
];
const COMPLETION_KEYS = ['employee_number', 'course', 'completed_on', 'expires_on', 'status'];

/** Expands failing rows into error entries; returns how many rows failed. */
export async function collectRowErrors(client: PoolClient, kind: ImportKind): Promise<void> {
  await client.query(`drop table if exists ingest_error`);
  await client.query(
    `create temp table ingest_error (rn bigint, line int, col text, value text, code text not null, message text not null) on commit drop`,
  );
  await client.query(`
    insert into ingest_error(rn, line, col, value, code, message)
    select x.rn, x.line, e.col, e.value, e.code, e.message
    from ingest_row x
    cross join lateral (values
        ${checkValues(checksFor(kind))}
    ) e(failed, col, value, code, message)
    where not x.ok and e.failed`);
}

/** (organisation, employee, assignment) must be unique in a staff file; later copies are errors. */
export async function collectDuplicateAssignments(
  client: PoolClient,
  kind: ImportKind = 'staff',
): Promise<number> {
  const { rows } = await client.query(`
    select count(*)::int as n from (
      select 1 from ingest_row where ok and row_class = 'count'
      group by org_code, employee_number, coalesce(assignment_no, '') having count(*) > 1) d`);
  if (!rows[0].n) return 0;
  await client.query(
    `
    with ranked as (
      select rn, line, min(line) over w as first_line, row_number() over (partition by org_code, employee_number, coalesce(assignment_no, '') order by rn) as copy
      from ingest_row where ok and row_class = 'count'
      window w as (partition by org_code, employee_number, coalesce(assignment_no, ''))
    )
    insert into ingest_error(rn, line, col, value, code, message)
    select rn, line, $1::text, null, 'DUPLICATE_ASSIGNMENT',
           $2::text || first_line || ' for this organisation.'
    from ranked where copy > 1`,
    kind === 'primary_care'
      ? ['Job Role', 'The same person and job role already appear on line ']
      : ['Assignment Number', 'The same employee and assignment number already appear on line '],
  );
  await client.query(
    `update ingest_row r set ok = false from ingest_error e where e.code = 'DUPLICATE_ASSIGNMENT' and e.rn = r.rn`,
  );
  return rows[0].n;
}

/**
 * Valid rows per organisation: people (distinct employee numbers, counted once) and assignments. Hash
 * aggregates in two steps rather than count(distinct), which would sort every row.
 */
export async function countValidRows(
  client: PoolClient,
): Promise<{ orgCodes: string[]; valid: number; skipped: number }> {
  await client.query(`drop table if exists ingest_org_count`);
  await client.query(`
    create temp table ingest_org_count on commit drop as
    select org_code, count(*)::int as people, sum(n)::int as assignments
    from (select org_code, employee_number, count(*) as n from ingest_row where ok and row_class = 'count' group by 1, 2) p
    group by org_code`);
  const { rows } = await client.query(`
    select coalesce((select array_agg(org_code order by org_code) from ingest_org_count), '{}') as "orgCodes",
           coalesce((select sum(assignments) from ingest_org_count), 0)::int as valid,
           (select count(*) from ingest_row where row_class like 'skip%')::int as skipped`);
  return rows[0];
}

export async function errorReport(
  client: PoolClient,
): Promise<{ total: number; rejectedRows: number; first: ImportErrorEntry[] }> {
  const { rows: counts } = await client.query(
    `select count(*)::int as total, count(distinct rn)::int as rejected from ingest_error`,
  );
  const { rows } = await client.query(
    `select line, col as "column", value, code, message from ingest_error order by line, rn, col nulls first, code limit ${MAX_ERRORS_KEPT}`,
  );
  return { total: counts[0].total, rejectedRows: counts[0].rejected, first: rows };
}
