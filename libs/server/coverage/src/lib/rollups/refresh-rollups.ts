import { EntityManager } from 'typeorm';
import {
  ASSIGNMENT_DIMENSIONS,
  MAX_DIMENSIONS_PER_GROUPING_SET,
  WITHIN_ORG_DIMENSIONS,
  subsetsUpTo,
} from './dimensions';

/** Channel readers LISTEN on; PostgreSQL delivers a NOTIFY only when the sending transaction commits. */
export const ROLLUPS_CHANNEL = 'coverage_rollups';

const column = (d: (typeof ASSIGNMENT_DIMENSIONS)[number]) => WITHIN_ORG_DIMENSIONS[d].column;

// Grouping sets over assignment dimensions only (with at most two), and those combined with archetype
// (archetype plus at most one assignment dimension): together, every subset of at most two dimensions.
const assignmentSets = subsetsUpTo(ASSIGNMENT_DIMENSIONS, MAX_DIMENSIONS_PER_GROUPING_SET);
const withArchetypeSets = subsetsUpTo(ASSIGNMENT_DIMENSIONS, MAX_DIMENSIONS_PER_GROUPING_SET - 1);
const groupingSetsSql = (sets: (typeof ASSIGNMENT_DIMENSIONS)[number][][]) =>
  sets.map((s) => `(${s.map(column).join(', ')})`).join(', ');
const maskSql = ASSIGNMENT_DIMENSIONS.map(
  (d) => `(case when grouping(${column(d)}) = 0 then ${WITHIN_ORG_DIMENSIONS[d].bit} else 0 end)`,
).join(' + ');
const DIMENSION_COLUMNS = 'department, staff_group_code, clinical_area_code, pay_band, archetype_code';

/**
 * Rebuilds the coverage rollups of one snapshot of an organisation (or of all its snapshots when asAt is
 * omitted) inside the caller's transaction. Set-based: one pass builds every person's membership of every
 * group (person keys are per organisation, so counting membership rows counts distinct people), then the
 * rollups are plain aggregates of memberships joined to per-person requirement status.
 */
export async function refreshRollups(m: EntityManager, orgCode: string, asAt?: string): Promise<void> {
  const run = async (tx: EntityManager) => {
    const params = [orgCode, asAt ?? null];
    const inScope = `org_code = $1 and ($2::date is null or as_at = $2::date)`;
    await tx.query(`delete from coverage_rollup where ${inScope}`, params);
    await tx.query(`delete from coverage_module_rollup where ${inScope}`, params);
    await dropWorkTables(tx);

    // Each assignment with blank department / pay band folded to '' (null in a rollup means "not grouped").
    await tx.query(
      `create temp table _cov_assignment as
       select as_at, person_key, coalesce(department, '') as department, staff_group_code, clinical_area_code,
              coalesce(pay_band, '') as pay_band, fte
       from staff_assignment where ${inScope}`,
      params,
    );
    // One row per (person, group of a grouping set) with the person's FTE and roles inside the group.
    await tx.query(
      `
      create temp table _cov_member as
      select as_at, (${maskSql})::smallint as gset, department, staff_group_code, clinical_area_code, pay_band,
             null::text as archetype_code, person_key, sum(fte) as fte, count(*)::int as role_count
      from _cov_assignment
      group by as_at, person_key, grouping sets (${groupingSetsSql(assignmentSets)})
      union all
      select a.as_at, (16 + ${maskSql})::smallint, department, staff_group_code, clinical_area_code, pay_band,
             p.archetype_code, a.person_key, sum(a.fte), count(*)::int
      from _cov_assignment a
      join (select as_at, person_key, unnest(archetypes) as archetype_code
            from person_snapshot where ${inScope}) p on p.as_at = a.as_at and p.person_key = a.person_key
      group by a.as_at, a.person_key, p.archetype_code, grouping sets (${groupingSetsSql(withArchetypeSets)})`,
      params,
    );
    // Per person: all requirement pairs and whether they are all met (no needs = nothing outstanding,
    // as person_snapshot.fully_trained), and the foundation layer met in full.
    await tx.query(
      `create temp table _cov_person as
       select p.as_at, p.person_key,
              count(n.module_code)::int as needed,
              (count(*) filter (where n.met))::int as met,
              coalesce(bool_and(n.met), true) as fully_trained,
              coalesce(bool_and(n.met) filter (where n.layer = 'foundation'), false) as foundation_met
       from (select distinct as_at, person_key from _cov_assignment) p
       left join person_need n on n.org_code = $1 and n.as_at = p.as_at and n.person_key = p.person_key
       group by p.as_at, p.person_key`,
      [orgCode],
    );
    // Per (person, layer): pairs and whether the layer is met in full.
    await tx.query(
      `create temp table _cov_person_layer as
       select as_at, person_key, layer, count(*)::int as needed, (count(*) filter (where met))::int as met,
              bool_and(met) as all_met
       from person_need where ${inScope}
       group by as_at, person_key, layer`,
      params,
    );
    // Per (person, archetype held): does the person meet every current module that archetype requires?
    await tx.query(
      `create temp table _cov_person_archetype as
       select p.as_at, p.person_key, p.archetype_code,
              not exists (
                select 1 from archetype_requirement r
                join training_module t on t.code = r.module_code and t.retired_at is null
                where r.archetype_code = p.archetype_code
                  and not exists (select 1 from person_need n
                                  where n.org_code = $1 and n.as_at = p.as_at and n.person_key = p.person_key
                                    and n.module_code = r.module_code and n.met)) as all_met
       from (select as_at, person_key, unnest(archetypes) as archetype_code from person_snapshot where ${inScope}) p`,
      params,
    );

    await tx.query(
      `insert into coverage_rollup (org_code, as_at, gset, ${DIMENSION_COLUMNS}, headcount, fte, role_count,
         fully_trained, foundation_met, archetype_met, needed, met)
       select $1, m.as_at, m.gset, m.department, m.staff_group_code, m.clinical_area_code, m.pay_band, m.archetype_code,
              count(*), sum(m.fte), sum(m.role_count),
              count(*) filter (where s.fully_trained), count(*) filter (where s.foundation_met),
              case when m.archetype_code is not null then count(*) filter (where pa.all_met) end,
              coalesce(sum(s.needed), 0), coalesce(sum(s.met), 0)
       from _cov_member m
       join _cov_person s on s.as_at = m.as_at and s.person_key = m.person_key
       left join _cov_person_archetype pa
         on pa.as_at = m.as_at and pa.person_key = m.person_key and pa.archetype_code = m.archetype_code
       group by m.as_at, m.gset, m.department, m.staff_group_code, m.clinical_area_code, m.pay_band, m.archetype_code`,
      [orgCode],
    );
    const groupKey = `m.as_at, m.gset, m.department, m.staff_group_code, m.clinical_area_code, m.pay_band, m.archetype_code`;
    // Module rows: one requirement pair per person, so people needing = pairs.
    await tx.query(
      `insert into coverage_module_rollup (org_code, as_at, gset, ${DIMENSION_COLUMNS}, layer, module_code,
         people, fte, role_count, people_met, needed, met)
       select $1, ${groupKey}, n.layer, n.module_code, count(*), sum(m.fte), sum(m.role_count),
              count(*) filter (where n.met), count(*), count(*) filter (where n.met)
       from _cov_member m
       join person_need n on n.org_code = $1 and n.as_at = m.as_at and n.person_key = m.person_key
       group by ${groupKey}, n.layer, n.module_code`,
      [orgCode],
    );
    // Layer rows (module_code null): people needing anything in the layer, and meeting all of it.
    await tx.query(
      `insert into coverage_module_rollup (org_code, as_at, gset, ${DIMENSION_COLUMNS}, layer, module_code,
         people, fte, role_count, people_met, needed, met)
       select $1, ${groupKey}, l.layer, null, count(*), sum(m.fte), sum(m.role_count),
              count(*) filter (where l.all_met), sum(l.needed), sum(l.met)
       from _cov_member m
       join _cov_person_layer l on l.as_at = m.as_at and l.person_key = m.person_key
       group by ${groupKey}, l.layer`,
      [orgCode],
    );
    await dropWorkTables(tx);
    await tx.query(`select pg_notify($1, $2)`, [ROLLUPS_CHANNEL, orgCode]);
  };
  // Temporary tables and the NOTIFY must share one transaction with the rollup writes.
  if (m.queryRunner?.isTransactionActive) await run(m);
  else await m.transaction(run);
}

async function dropWorkTables(tx: EntityManager) {
  await tx.query(
    `drop table if exists pg_temp._cov_assignment, pg_temp._cov_member, pg_temp._cov_person,
       pg_temp._cov_person_layer, pg_temp._cov_person_archetype`,
  );
}
