import { EntityManager } from 'typeorm';
import type { SnapshotScope } from '@aiwr/db';
import {
  ASSIGNMENT_DIMENSIONS,
  DEPARTMENT_ASSIGNMENT_SETS,
  DEPARTMENT_WITH_ARCHETYPE_SETS,
  JOB_ROLE_SETS,
  JOB_ROLE_WITH_ARCHETYPE_SETS,
  MAX_DIMENSIONS_PER_GROUPING_SET,
  WITHIN_ORG_DIMENSIONS,
  WithinOrgDimension,
  subsetsUpTo,
} from './dimensions';

type AssignmentDimension = WithinOrgDimension;
const column = (d: AssignmentDimension) => WITHIN_ORG_DIMENSIONS[d].column;

// Grouping sets over assignment dimensions only (at most two), and those combined with archetype
// (archetype plus at most one assignment dimension): together, every subset of at most two dimensions.
const ASSIGNMENT_SETS = subsetsUpTo(ASSIGNMENT_DIMENSIONS, MAX_DIMENSIONS_PER_GROUPING_SET);
const WITH_ARCHETYPE_SETS = subsetsUpTo(ASSIGNMENT_DIMENSIONS, MAX_DIMENSIONS_PER_GROUPING_SET - 1);
const setsSql = (sets: AssignmentDimension[][]) =>
  sets.map((s) => `(${s.map(column).join(', ')})`).join(', ');
/**
 * The gset mask and the dimension columns of a statement grouping by `sets`: a column outside every one
 * of its sets cannot be selected (nor passed to grouping()), and is null in all its rows.
 */
function groupedBy(sets: AssignmentDimension[][]) {
  const used = new Set(sets.flat());
  const all: AssignmentDimension[] = ['DEPARTMENT', ...ASSIGNMENT_DIMENSIONS, 'JOB_ROLE'];
  return {
    mask: used.size ? maskOf(all.filter((d) => used.has(d))) : '0',
    dims: all.map((d) => (used.has(d) ? column(d) : `null::text as ${column(d)}`)).join(', '),
  };
}
const maskOf = (dims: AssignmentDimension[]) =>
  dims
    .map((d) => `(case when grouping(${column(d)}) = 0 then ${WITHIN_ORG_DIMENSIONS[d].bit} else 0 end)`)
    .join(' + ');
// In this order everywhere: the work tables are combined with `union all` and inserted by position.
export const DIMENSIONS =
  'department, staff_group_code, clinical_area_code, pay_band, job_role, archetype_code';
const GROUP_KEY = `g.org_code, g.as_at, g.gset, g.department, g.staff_group_code, g.clinical_area_code, g.pay_band, g.job_role, g.archetype_code`;

/**
 * Which grouping sets a write covers: those every recompute writes, or department's (written only for
 * the snapshots department-rollups.ts says, separately).
 */
export type RollupSets = 'stored' | 'departments';

/**
 * The grouping sets of a scope: job role too when it holds general practice or community pharmacy.
 * Trusts' job roles are left out (their rows carry a null job role, and their job-role rows are removed
 * after the insert), so a trust's rollups are the same whatever else the scope holds.
 */
async function groupingSetsOf(tx: EntityManager, orgCodes: string[], sets: RollupSets) {
  if (sets === 'departments')
    return {
      jobRoles: false,
      assignmentSets: DEPARTMENT_ASSIGNMENT_SETS,
      withArchetypeSets: DEPARTMENT_WITH_ARCHETYPE_SETS,
    };
  const [{ n }] = await tx.query(
    `select count(*)::int as n from organisation where code = any($1) and setting <> 'trust'`,
    [orgCodes],
  );
  const jobRoles = n > 0;
  return {
    jobRoles,
    assignmentSets: jobRoles ? [...ASSIGNMENT_SETS, ...JOB_ROLE_SETS] : ASSIGNMENT_SETS,
    withArchetypeSets: jobRoles
      ? [...WITH_ARCHETYPE_SETS, ...JOB_ROLE_WITH_ARCHETYPE_SETS]
      : WITH_ARCHETYPE_SETS,
  };
}
// Separators that cannot occur in module codes or layers.
const FIELD = 'chr(31)';
const ITEM = 'chr(30)';

/** Where rollup rows go: the stored tables, or work tables of signed rows (rollup-delta.ts). */
export type RollupSink = { rollup: string; module: string; sign: 1 | -1 };
export const STORED_ROLLUPS: RollupSink = {
  rollup: 'coverage_rollup',
  module: 'coverage_module_rollup',
  sign: 1,
};

/**
 * Writes the coverage rollup rows of the scope's snapshots into `sink` (refreshCoverage explains how),
 * counting everyone in them, or only the people of `people` (a work table of org_code, as_at,
 * person_key). Every measure is a sum over the group's people, so the rows of a subset of people are
 * that subset's share of the stored rows: with sign -1 before a change and +1 after, they add up to
 * the change's difference (rollup-delta.ts).
 */
export async function writeRollupRows(
  tx: EntityManager,
  scope: SnapshotScope,
  sink: RollupSink,
  people?: string,
  sets: RollupSets = 'stored',
): Promise<void> {
  const params = scope.params;
  const { jobRoles, assignmentSets, withArchetypeSets } = await groupingSetsOf(tx, scope.orgCodes, sets);
  // Read only when its grouping sets are written (a column outside every set is null in every row).
  const department = sets === 'departments' ? `coalesce(t.department, '')` : 'null::text';
  const signed = (sql: string) => (sink.sign === 1 ? sql : `-(${sql})`);
  await dropWorkTables(tx);

  // One read of each base table, by key, no join.
  await tx.query(
    `create temp table _cov_assignment as
       select t.org_code, t.as_at, t.person_key, ${department} as department, t.staff_group_code,
              t.clinical_area_code, coalesce(t.pay_band, '') as pay_band,
              case when exists (select 1 from organisation o where o.code = t.org_code and o.setting <> 'trust')
                   then coalesce(t.job_role, '') end as job_role, t.fte
       from ${scope.rows('staff_assignment', 't', people)}`,
    params,
  );
  await tx.query(
    `create temp table _cov_need as
       select t.org_code, t.as_at, t.person_key,
              string_agg(t.module_code || ${FIELD} || t.layer || ${FIELD} || t.met::int, ${ITEM} order by t.module_code) as profile
       from ${scope.rows('person_need', 't', people)} group by t.org_code, t.as_at, t.person_key`,
    params,
  );
  await tx.query(
    `create temp table _cov_held as
       select t.org_code, t.as_at, t.person_key, t.archetypes
       from ${scope.rows('person_snapshot', 't', people)} and cardinality(t.archetypes) > 0`,
    params,
  );
  await tx.query(`analyze _cov_assignment; analyze _cov_need; analyze _cov_held`);

  // Each person's requirement profile, number of assignments and archetypes held.
  await tx.query(
    `create temp table _cov_person as
       select a.org_code, a.as_at, a.person_key, a.assignments, coalesce(n.profile, '') as profile,
              coalesce(h.archetypes, '{}') as archetypes
       from (select org_code, as_at, person_key, count(*)::int as assignments
             from _cov_assignment group by org_code, as_at, person_key) a
       left join _cov_need n on n.org_code = a.org_code and n.as_at = a.as_at and n.person_key = a.person_key
       left join _cov_held h on h.org_code = a.org_code and h.as_at = a.as_at and h.person_key = a.person_key`,
  );
  await tx.query(`analyze _cov_person`);
  await tx.query(
    `create temp table _cov_profile_need as
       select d.profile, split_part(e, ${FIELD}, 1) as module_code, split_part(e, ${FIELD}, 2) as layer,
              split_part(e, ${FIELD}, 3) = '1' as met
       from (select distinct profile from _cov_person where profile <> '') d
       cross join lateral unnest(string_to_array(d.profile, ${ITEM})) e`,
  );
  // Per profile: pairs, fully trained (no needs = nothing outstanding, as person_snapshot.fully_trained)
  // and the foundation layer met in full.
  await tx.query(`
      create temp table _cov_profile as
      select d.profile, count(n.module_code)::int as needed, (count(*) filter (where n.met))::int as met,
             coalesce(bool_and(n.met), true) as fully_trained,
             coalesce(bool_and(n.met) filter (where n.layer = 'foundation'), false) as foundation_met
      from (select distinct profile from _cov_person) d left join _cov_profile_need n on n.profile = d.profile
      group by d.profile`);
  await tx.query(`
      create temp table _cov_profile_layer as
      select profile, layer, count(*)::int as needed, (count(*) filter (where met))::int as met, bool_and(met) as all_met
      from _cov_profile_need group by profile, layer`);
  // Per (profile, archetype): does the profile meet every current module the archetype requires?
  await tx.query(`
      create temp table _cov_profile_archetype as
      select d.profile, a.code as archetype_code,
             not exists (
               select 1 from archetype_requirement r
               join training_module t on t.code = r.module_code and t.retired_at is null
               where r.archetype_code = a.code
                 and not exists (select 1 from _cov_profile_need n
                                 where n.profile = d.profile and n.module_code = r.module_code and n.met)) as all_met
      from (select distinct profile from _cov_person) d cross join archetype a`);

  // Every assignment with its person's profile, assignment count and archetypes.
  await tx.query(
    `create temp table _cov_row as
       select sa.org_code, sa.as_at, sa.person_key, sa.department, sa.staff_group_code, sa.clinical_area_code,
              sa.pay_band, sa.job_role, sa.fte, p.profile, p.assignments, p.archetypes
       from _cov_assignment sa
       join _cov_person p on p.org_code = sa.org_code and p.as_at = sa.as_at and p.person_key = sa.person_key`,
  );
  await tx.query(`analyze _cov_row`);

  // People (and their FTE and roles in the group) per (group, profile), for every grouping set. The
  // archetype sets unnest each row's archetypes in place: no join.
  const withArchetype = `select r.*, x.archetype_code from _cov_row r cross join lateral unnest(r.archetypes) x(archetype_code)`;
  const a = groupedBy(assignmentSets);
  const x = groupedBy(withArchetypeSets);
  await tx.query(
    `create temp table _cov_group_profile as
       with single as (
         select org_code, as_at, (${a.mask})::smallint as gset, ${a.dims}, null::text as archetype_code, profile,
                count(*)::int as people, sum(fte) as fte, count(*)::int as roles
         from _cov_row where assignments = 1
         group by org_code, as_at, profile, grouping sets (${setsSql(assignmentSets)})
         union all
         select org_code, as_at, (16 + ${x.mask})::smallint, ${x.dims}, archetype_code, profile, count(*)::int, sum(fte), count(*)::int
         from (${withArchetype} where r.assignments = 1) a
         group by org_code, as_at, profile, archetype_code, grouping sets (${setsSql(withArchetypeSets)})
       ),
       per_person as (
         select org_code, as_at, (${a.mask})::smallint as gset, ${a.dims}, null::text as archetype_code, person_key, profile,
                sum(fte) as fte, count(*)::int as roles
         from _cov_row where assignments > 1
         group by org_code, as_at, person_key, profile, grouping sets (${setsSql(assignmentSets)})
         union all
         select org_code, as_at, (16 + ${x.mask})::smallint, ${x.dims}, archetype_code, person_key, profile, sum(fte), count(*)::int
         from (${withArchetype} where r.assignments > 1) a
         group by org_code, as_at, person_key, profile, archetype_code, grouping sets (${setsSql(withArchetypeSets)})
       ),
       multi as (
         select org_code, as_at, gset, ${DIMENSIONS}, profile, count(*)::int as people, sum(fte) as fte, sum(roles)::int as roles
         from per_person group by org_code, as_at, gset, ${DIMENSIONS}, profile
       )
       select org_code, as_at, gset, ${DIMENSIONS}, profile, sum(people)::int as people, sum(fte) as fte, sum(roles)::int as roles
       from (select * from single union all select * from multi) u
       group by org_code, as_at, gset, ${DIMENSIONS}, profile`,
  );
  await tx.query(
    `analyze _cov_group_profile; analyze _cov_profile; analyze _cov_profile_need; analyze _cov_profile_layer`,
  );

  await tx.query(
    `insert into ${sink.rollup} (org_code, as_at, gset, ${DIMENSIONS}, headcount, fte, role_count,
         fully_trained, foundation_met, archetype_met, needed, met)
       select ${GROUP_KEY}, ${[
         'sum(g.people)',
         'sum(g.fte)',
         'sum(g.roles)',
         'coalesce(sum(g.people) filter (where p.fully_trained), 0)',
         'coalesce(sum(g.people) filter (where p.foundation_met), 0)',
         'case when g.archetype_code is not null then coalesce(sum(g.people) filter (where pa.all_met), 0) end',
         'sum(g.people * p.needed)',
         'sum(g.people * p.met)',
       ]
         .map(signed)
         .join(', ')}
       from _cov_group_profile g
       join _cov_profile p on p.profile = g.profile
       left join _cov_profile_archetype pa on pa.profile = g.profile and pa.archetype_code = g.archetype_code
       group by ${GROUP_KEY}
       order by g.org_code, g.as_at, g.gset`,
  );
  // Module rows: one requirement pair per person and module, so people needing = pairs.
  await tx.query(
    `insert into ${sink.module} (org_code, as_at, gset, ${DIMENSIONS}, layer, module_code,
         people, fte, role_count, people_met, needed, met)
       select ${GROUP_KEY}, n.layer, n.module_code, ${[
         'sum(g.people)',
         'sum(g.fte)',
         'sum(g.roles)',
         'coalesce(sum(g.people) filter (where n.met), 0)',
         'sum(g.people)',
         'coalesce(sum(g.people) filter (where n.met), 0)',
       ]
         .map(signed)
         .join(', ')}
       from _cov_group_profile g join _cov_profile_need n on n.profile = g.profile
       group by ${GROUP_KEY}, n.layer, n.module_code
       order by g.org_code, g.as_at, g.gset`,
  );
  // Layer rows (module_code null): people needing anything in the layer, and meeting all of it.
  await tx.query(
    `insert into ${sink.module} (org_code, as_at, gset, ${DIMENSIONS}, layer, module_code,
         people, fte, role_count, people_met, needed, met)
       select ${GROUP_KEY}, l.layer, null, ${[
         'sum(g.people)',
         'sum(g.fte)',
         'sum(g.roles)',
         'coalesce(sum(g.people) filter (where l.all_met), 0)',
         'sum(g.people * l.needed)',
         'sum(g.people * l.met)',
       ]
         .map(signed)
         .join(', ')}
       from _cov_group_profile g join _cov_profile_layer l on l.profile = g.profile
       group by ${GROUP_KEY}, l.layer
       order by g.org_code, g.as_at, g.gset`,
  );
  if (jobRoles) {
    // Job-role rows are for general practice and community pharmacy only (see groupingSetsOf).
    for (const table of [sink.rollup, sink.module])
      await tx.query(
        `delete from ${table} t where ${scope.where('t')} and t.gset & 32 <> 0
           and exists (select 1 from organisation o where o.code = t.org_code and o.setting = 'trust')`,
        params,
      );
  }
  await dropWorkTables(tx);
}

async function dropWorkTables(tx: EntityManager) {
  await tx.query(
    `drop table if exists pg_temp._cov_assignment, pg_temp._cov_need, pg_temp._cov_held, pg_temp._cov_person,
       pg_temp._cov_row, pg_temp._cov_profile_need, pg_temp._cov_profile, pg_temp._cov_profile_layer,
       pg_temp._cov_profile_archetype, pg_temp._cov_group_profile`,
  );
}
