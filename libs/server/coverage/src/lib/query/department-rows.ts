import {
  DEPARTMENT_SETS,
  WITHIN_ORG_DIMENSIONS,
  WithinOrgDimension,
  dimensionsOf,
} from '../rollups/dimensions';
import { CoverageFilter, WITHIN_ORG_FILTERS, listOf } from './coverage-filter';

/** What a query reads: people measures (coverage_rollup), module rows or layer rows (coverage_module_rollup). */
export type DepartmentRowKind = 'people' | 'modules' | 'layers';

/** Whether a grouping set is one of department's, answered from person rows rather than stored rollups. */
export const isDepartmentSet = (gset: number): boolean => DEPARTMENT_SETS.has(gset);

// The assignment columns as the rollups hold them ("not recorded" is '', never null).
const ASSIGNMENT_COLUMN: Partial<Record<WithinOrgDimension, string>> = {
  DEPARTMENT: `coalesce(t.department, '')`,
  STAFF_GROUP: 't.staff_group_code',
  CLINICAL_AREA: 't.clinical_area_code',
  PAY_BAND: `coalesce(t.pay_band, '')`,
};
const column = (d: WithinOrgDimension) => WITHIN_ORG_DIMENSIONS[d].column;

/**
 * The rows of a department grouping set for the snapshots of a query's `s` CTE, computed from the person
 * rows of those snapshots (staff_assignment, person_snapshot, person_need): CTEs ending in `dr`, with the
 * columns of `s` (its point and snapshot columns, `snapshotColumns`) and of the stored rollup table of
 * that kind, one row per point, person and group (and module or layer). Summed per group they are
 * exactly the rows refreshCoverage would store for the set: the same people per group (a person once
 * per group, their FTE and roles in it), the same requirement figures per person, the same "meets every
 * current module of the archetype" test (tests/integration/coverage-measures.int-spec.ts and
 * department-rows.int-spec.ts compare them with independent counts and with the stored sets).
 *
 * Why not stored: departments are an organisation's own, often thousands of them with a handful of people
 * each, so their grouping sets held most of a trust's rollup rows and most of an import's rollup time
 * (docs/importing.md, "Department grouping sets"), while a question about departments reads the people of
 * the few snapshots it asks about. The filters narrow the assignments read, and with a department filter
 * only the snapshots holding one of those departments (coverage_filter_option) are read at all.
 *
 * The plan cannot turn quadratic whatever the estimates (a snapshot imported moments ago is beyond the
 * statistics): the snapshots are reached through their keys, each person's archetypes and requirements
 * through the person's primary key (a lateral lookup per row), and nothing joins two derived sets.
 */
export function departmentRowsCte(
  gset: number,
  kind: DepartmentRowKind,
  filter: CoverageFilter,
  params: unknown[],
  snapshotColumns: string[],
): string {
  const dims = dimensionsOf(gset);
  const assignmentDims = dims.filter((d) => ASSIGNMENT_COLUMN[d]);
  const byArchetype = dims.includes('ARCHETYPE');
  const param = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };

  const conds: string[] = [];
  for (const d of assignmentDims) {
    const values = listOf(filter[WITHIN_ORG_FILTERS[d]] as string[] | null);
    if (values) conds.push(`${ASSIGNMENT_COLUMN[d]} = any(${param(values, 'text[]')})`);
  }
  const departments = listOf(filter.departments);
  // With a department filter, only snapshots holding one of those departments (their filter options).
  const holding = departments
    ? `join coverage_filter_option o on o.org_code = s.org_code and o.as_at = s.as_at
         and o.dimension = 'DEPARTMENT' and o.codes && ${param(departments, 'text[]')}`
    : '';
  const snap = snapshotColumns.map((c) => `s.${c}`).join(', ');
  const groupCols = assignmentDims.map(column);
  const samePerson = (x: string, y: string) =>
    `${x}.org_code = ${y}.org_code and ${x}.as_at = ${y}.as_at and ${x}.person_key = ${y}.person_key`;
  const archetypes = listOf(filter.archetypeCodes);

  const ctes = [
    `da as (
       select ${snap}, t.person_key, ${assignmentDims.map((d) => `${ASSIGNMENT_COLUMN[d]} as ${column(d)}`).join(', ')}, t.fte
       from s ${holding} join staff_assignment t on t.org_code = s.org_code and t.as_at = s.as_at
       ${conds.length ? `where ${conds.join(' and ')}` : ''})`,
  ];
  // One row per point, person and group: their FTE and roles (assignments) in the group.
  const personGroup = [...snapshotColumns, 'person_key', ...groupCols].map((c) => `s.${c}`).join(', ');
  ctes.push(
    byArchetype
      ? `dg as (
           select ${personGroup}, x.archetype_code, sum(s.fte) as fte, count(*)::int as roles
           from da s cross join lateral unnest((select p.archetypes from person_snapshot p where ${samePerson('p', 's')})) x(archetype_code)
           ${archetypes ? `where x.archetype_code = any(${param(archetypes, 'text[]')})` : ''}
           group by ${personGroup}, x.archetype_code)`
      : `dg as (select ${personGroup}, sum(s.fte) as fte, count(*)::int as roles from da s group by ${personGroup})`,
  );
  const outputDims = (['DEPARTMENT', 'STAFF_GROUP', 'CLINICAL_AREA', 'PAY_BAND', 'ARCHETYPE'] as const)
    .map((d) => (dims.includes(d) ? `g.${column(d)}` : `null::text as ${column(d)}`))
    .join(', ');
  const groupOut = `${snapshotColumns.map((c) => `g.${c}`).join(', ')}, ${outputDims}, null::text as job_role`;
  const needsOf = `person_need n where ${samePerson('n', 'g')}`;

  if (kind === 'people') {
    const archetypeMet = byArchetype
      ? `case when not exists (
           select 1 from archetype_requirement q
           join training_module tm on tm.code = q.module_code and tm.retired_at is null
           where q.archetype_code = g.archetype_code
             and not exists (select 1 from person_need m where ${samePerson('m', 'g')} and m.module_code = q.module_code and m.met))
         then 1 else 0 end`
      : 'null::int';
    // Each person's requirement figures, as _cov_profile reads them from their requirement profile.
    ctes.push(`dr as (
      select ${groupOut}, 1 as headcount, g.fte, g.roles as role_count,
             case when coalesce(n.all_met, true) then 1 else 0 end as fully_trained,
             case when coalesce(n.foundation_met, false) then 1 else 0 end as foundation_met,
             ${archetypeMet} as archetype_met, n.needed, n.met
      from dg g cross join lateral (
        select count(*)::int as needed, (count(*) filter (where n.met))::int as met, bool_and(n.met) as all_met,
               bool_and(n.met) filter (where n.layer = 'foundation') as foundation_met
        from ${needsOf}) n)`);
    return ctes.join(',\n');
  }
  const needConds: string[] = [];
  const modules = listOf(filter.moduleCodes);
  if (modules) needConds.push(`and n.module_code = any(${param(modules, 'text[]')})`);
  if (filter.layer) needConds.push(`and n.layer = ${param(filter.layer, 'text')}`);
  if (kind === 'modules')
    ctes.push(`dr as (
      select ${groupOut}, n.layer, n.module_code, 1 as people, g.fte, g.roles as role_count,
             case when n.met then 1 else 0 end as people_met, 1 as needed, case when n.met then 1 else 0 end as met
      from dg g cross join lateral (select n.layer, n.module_code, n.met from ${needsOf} ${needConds.join(' ')}) n)`);
  // Per person and layer: requirements in it, those met, and whether all of it is met.
  else
    ctes.push(`dr as (
      select ${groupOut}, n.layer, null::text as module_code, 1 as people, g.fte, g.roles as role_count,
             case when n.all_met then 1 else 0 end as people_met, n.needed, n.met
      from dg g cross join lateral (
        select n.layer, count(*)::int as needed, (count(*) filter (where n.met))::int as met, bool_and(n.met) as all_met
        from ${needsOf} ${needConds.join(' ')} group by n.layer) n)`);
  return ctes.join(',\n');
}
