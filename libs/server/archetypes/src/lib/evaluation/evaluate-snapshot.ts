import { EntityManager } from 'typeorm';
import { RuleReference } from '../rules/rule-conditions';
import { ActiveRule, matchingRulesSql, SqlParams } from '../rules/rule-sql';
import { applyCompletions } from './needs-met';

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
 * inside the caller's transaction. Everything is set-based: one scan of the snapshot's assignments
 * evaluates every rule (see rule-sql.ts), and needs come from joins with the requirement tables.
 */
export async function evaluateSnapshot(m: EntityManager, orgCode: string, asAt: string): Promise<void> {
  const [rules, ref] = await Promise.all([loadActiveRules(m), loadRuleReference(m)]);
  for (const table of ['person_need', 'person_archetype', 'person_snapshot'])
    await m.query(`delete from ${table} where org_code = $1 and as_at = $2`, [orgCode, asAt]);

  const p = new SqlParams(2);
  const lateral = matchingRulesSql(rules, ref, p);
  await m.query(
    `insert into person_archetype(org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no)
     select a.org_code, a.as_at, a.person_key, x.archetype, r.rule_id, r.rule_version, a.assignment_no
     from staff_assignment a
     cross join lateral ${lateral} r
     cross join lateral unnest(r.archetypes) x(archetype)
     where a.org_code = $1 and a.as_at = $2
     on conflict do nothing`,
    [orgCode, asAt, ...p.values],
  );

  await m.query(
    `with people as (
       select person_key, count(*)::int as assignments, sum(fte) as fte
       from staff_assignment where org_code = $1 and as_at = $2 group by person_key),
     held as (
       select pa.person_key, array_agg(ar.code order by ar.sort_order) as archetypes
       from (select distinct person_key, archetype_code from person_archetype where org_code = $1 and as_at = $2) pa
       join archetype ar on ar.code = pa.archetype_code
       group by pa.person_key)
     insert into person_snapshot(org_code, as_at, person_key, assignments, fte, archetypes)
     select $1, $2, p.person_key, p.assignments, p.fte, coalesce(h.archetypes, '{}')
     from people p left join held h on h.person_key = p.person_key`,
    [orgCode, asAt],
  );

  // Requirement = foundation for everyone + modules of every archetype held + one product module per
  // AI product live on the snapshot date whose audience matches one of the person's assignments.
  await m.query(
    `with people as (select person_key, archetypes from person_snapshot where org_code = $1 and as_at = $2),
     needs as (
       select p.person_key, tm.code as module_code, 'foundation' as reason
       from people p cross join training_module tm
       where tm.layer = 'foundation' and tm.retired_at is null
       union all
       select p.person_key, req.module_code, 'archetype:' || req.archetype_code
       from people p cross join unnest(p.archetypes) h(archetype)
       join archetype_requirement req on req.archetype_code = h.archetype
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
             and (au.department is null or lower(btrim(au.department)) = lower(btrim(a.department)))))
     insert into person_need(org_code, as_at, person_key, module_code, layer, reasons, met)
     select $1, $2, n.person_key, n.module_code, tm.layer, array_agg(distinct n.reason order by n.reason), false
     from needs n join training_module tm on tm.code = n.module_code
     group by n.person_key, n.module_code, tm.layer`,
    [orgCode, asAt],
  );
  // Rows written in this transaction carry no planner statistics; without them the update below picks a
  // nested loop over person_need and takes minutes instead of milliseconds on a 5,000-person trust.
  await m.query(`analyze person_need`);
  await applyCompletions(m, [orgCode], asAt);
}
