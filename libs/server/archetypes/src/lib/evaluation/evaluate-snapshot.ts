import { EntityManager } from 'typeorm';
import { RuleReference } from '../rules/rule-conditions';
import { ActiveRule } from '../rules/rule-sql';
import { writePersonArchetypes } from './match-rules';
import { withHashJoins } from '@aiwr/db';
import { deciderCompletionsSql, metSql } from './needs-met';

export async function loadRuleReference(m: EntityManager): Promise<RuleReference> {
  const [row] = await m.query(`
    select (select coalesce(jsonb_agg(jsonb_build_object('code', code, 'name', name, 'esrLabel', esr_label)), '[]') from staff_group) as "staffGroups",
           (select coalesce(jsonb_agg(jsonb_build_object('code', code, 'sortOrder', sort_order)), '[]') from pay_band) as "payBands"`);
  return row;
}

/** The current, not retired version of every rule, in rule order. */
export function loadActiveRules(m: EntityManager): Promise<ActiveRule[]> {
  return m.query(`
    select rule_id as "ruleId", version, archetypes, conditions
    from archetype_rule where valid_to is null and not retired
    order by position, rule_id`);
}

/**
 * Recomputes person_archetype, person_snapshot and person_need for one (organisation, as-at) snapshot
 * inside the caller's transaction. Everything is set-based: every rule is evaluated in SQL on the
 * snapshot's distinct role profiles (see rule-sql.ts) and joined back to the assignments, needs come
 * from joins with the requirement and completion tables, and one aggregation summarises each person.
 */
export function evaluateSnapshot(m: EntityManager, orgCode: string, asAt: string): Promise<void> {
  return withHashJoins(m, () => evaluate(m, orgCode, asAt));
}

async function evaluate(m: EntityManager, orgCode: string, asAt: string): Promise<void> {
  const rules = await loadActiveRules(m);
  const ref = await loadRuleReference(m);
  for (const table of ['person_need', 'person_archetype', 'person_snapshot'])
    await m.query(`delete from ${table} where org_code = $1 and as_at = $2`, [orgCode, asAt]);

  await writePersonArchetypes(m, orgCode, asAt, rules, ref);

  // Requirement = foundation for everyone + modules of every archetype held + one product module per
  // AI product live on the snapshot date whose audience matches one of the person's assignments; each
  // need is marked met from the completions as it is written.
  await m.query(
    `with needs as (
       select p.person_key, tm.code as module_code, 'foundation' as reason
       from (select distinct person_key from staff_assignment where org_code = $1 and as_at = $2) p
       cross join training_module tm
       where tm.layer = 'foundation' and tm.retired_at is null
       union all
       select h.person_key, req.module_code, 'archetype:' || req.archetype_code
       from (select distinct person_key, archetype_code from person_archetype where org_code = $1 and as_at = $2) h
       join archetype_requirement req on req.archetype_code = h.archetype_code
       join training_module tm on tm.code = req.module_code and tm.retired_at is null
       union all
       select a.person_key, ap.module_code, 'product:' || ap.product_code
       from staff_assignment a
       join ai_product ap on ap.org_code = a.org_code and ap.live_from <= a.as_at
         and (ap.live_to is null or ap.live_to > a.as_at)
       join training_module tm on tm.code = ap.module_code and tm.retired_at is null
       where a.org_code = $1 and a.as_at = $2
         and exists (
           select 1 from ai_product_audience au
           where au.org_code = ap.org_code and au.product_code = ap.product_code
             and (au.staff_group_code is null or au.staff_group_code = a.staff_group_code)
             and (au.clinical_area_code is null or au.clinical_area_code = a.clinical_area_code)
             and (au.department is null or lower(btrim(au.department)) = lower(btrim(a.department))))),
     grouped as (
       select $1::text as org_code, $2::date as as_at, n.person_key, n.module_code,
              array_agg(distinct n.reason order by n.reason) as reasons
       from needs n group by n.person_key, n.module_code),
     decider as (${deciderCompletionsSql('grouped', 'tc.org_code = $1')})
     insert into person_need(org_code, as_at, person_key, module_code, layer, reasons, met, met_on, expires_on)
     select $1, $2, n.person_key, n.module_code, tm.layer, n.reasons, ${metSql('d', '$2::date')}, d.completed_on, d.expires_on
     from grouped n join training_module tm on tm.code = n.module_code
     left join decider d on d.person_key = n.person_key and d.module_code = n.module_code`,
    [orgCode, asAt],
  );

  // One row per person, from a single aggregation (no join between freshly written sets, whose
  // statistics the planner does not have yet inside an import transaction).
  await m.query(
    `insert into person_snapshot(org_code, as_at, person_key, assignments, fte, archetypes, modules_needed, modules_met)
     select $1, $2, x.person_key, sum(x.assignments)::int, sum(x.fte),
            coalesce(array_agg(x.archetype order by x.sort_order) filter (where x.archetype is not null), '{}'),
            sum(x.needed)::int, sum(x.met)::int
     from (
       select person_key, 1 as assignments, fte, null::text as archetype, null::int as sort_order, 0 as needed, 0 as met
       from staff_assignment where org_code = $1 and as_at = $2
       union all
       select pa.person_key, 0, 0, pa.archetype_code, ar.sort_order, 0, 0
       from (select distinct person_key, archetype_code from person_archetype where org_code = $1 and as_at = $2) pa
       join archetype ar on ar.code = pa.archetype_code
       union all
       select person_key, 0, 0, null, null, 1, met::int from person_need where org_code = $1 and as_at = $2) x
     group by x.person_key`,
    [orgCode, asAt],
  );
}
