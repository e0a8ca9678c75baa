import { EntityManager } from 'typeorm';
import { MonthWrite } from '@aiwr/db';
import { RuleReference } from '../rules/rule-conditions';
import {
  ActiveRule,
  RULE_FIELDS,
  RuleField,
  ruleFieldConditions,
  SqlParams,
  titleKeySql,
} from '../rules/rule-sql';

const WORK_TABLES = ['_ev_profile', ...RULE_FIELDS.map((f) => `_ev_${f}`)];

/**
 * Writes person_archetype for the snapshots whose assignments are in `_ev_src` (org_code, as_at,
 * person_key, assignment_no and every rule field; analysed): which rules match each assignment,
 * set-based across all of them, at a cost that grows with the number of distinct values, not with
 * their combinations. The rows written are left in `_ev_match` (same columns as person_archetype) for
 * the later steps, which then need not read back what was just written.
 *
 * A rule is a conjunction of one condition per field it tests. So each field's distinct values are
 * tested once against every rule's condition on that field, giving a bit mask per value (bit i: rule i
 * accepts it; a rule without a condition on the field accepts everything). A role profile's matching
 * rules are the AND of its fields' masks: seven hash look-ups, however many rules. Before this, every
 * rule ran on every distinct combination of fields, and with a few thousand position titles nearly
 * every person is their own combination (28,000 of 29,500 in the monthly benchmark: 3 s a month).
 * Evaluating many snapshots together tests each distinct value once for all of them.
 */
export async function writePersonArchetypes(
  m: EntityManager,
  rules: ActiveRule[],
  ref: RuleReference,
  /** The as-at dates in `_ev_src` (which month partitions the rows go to). */
  dates: string[],
): Promise<void> {
  await m.query(`drop table if exists pg_temp._ev_match`);
  await m.query(
    `create temp table _ev_match as
     select org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no
     from person_archetype where false`,
  );
  if (!rules.length) return;
  const fields = RULE_FIELDS.filter((f) =>
    rules.some((r) => ruleFieldConditions(r.conditions, ref, new SqlParams(), f).has(f)),
  );
  await m.query(`drop table if exists ${WORK_TABLES.map((t) => `pg_temp.${t}`).join(', ')}`);
  // Blank and missing values are folded to '' so the joins can hash; no condition matches '' either way.
  const folded = (f: RuleField, alias = '') =>
    f === 'staff_group_code' || f === 'clinical_area_code' ? `${alias}${f}` : `coalesce(${alias}${f}, '')`;

  for (const f of fields) {
    const p = new SqlParams();
    const bits = rules
      .map((r) => {
        const condition = ruleFieldConditions(r.conditions, ref, p, f).get(f);
        return condition ? `case when ${condition} then '1' else '0' end` : `'1'`;
      })
      .join(' || ');
    const titleKey = f === 'position_title' ? `, ${titleKeySql('v.value')} as title_key` : '';
    // offset 0: the title is folded once per distinct title, not once per rule.
    await m.query(
      `create temp table _ev_${f} as
       select a.value, (${bits})::bit(${rules.length}) as mask
       from (select v.value, v.value as ${f}${titleKey} from (select distinct ${folded(f)} as value from _ev_src) v offset 0) a`,
      p.values,
    );
  }
  await m.query(
    `create temp table _ev_profile as
     select ${fields.map((f) => `p.${f}`).join(', ')}, ${fields.map((f) => `m_${f}.mask`).join(' & ')} as mask
     from (select distinct ${fields.map((f) => `${folded(f)} as ${f}`).join(', ')} from _ev_src) p
     ${fields.map((f) => `join _ev_${f} m_${f} on m_${f}.value = p.${f}`).join('\n     ')}`,
  );
  await m.query(`delete from _ev_profile where mask = repeat('0', ${rules.length})::bit(${rules.length})`);
  await m.query(`analyze _ev_profile`);

  await m.query(
    `insert into _ev_match
     select s.org_code, s.as_at, s.person_key, x.archetype, r.rule_id, r.rule_version, s.assignment_no
     from _ev_src s
     join _ev_profile pr on ${fields.map((f) => `pr.${f} = ${folded(f, 's.')}`).join(' and ')}
     join unnest($1::int[], $2::text[], $3::int[]) r(i, rule_id, rule_version) on get_bit(pr.mask, r.i) = 1
     cross join lateral jsonb_array_elements_text($4::jsonb -> r.i) x(archetype)`,
    [
      rules.map((_, i) => i),
      rules.map((r) => r.ruleId),
      rules.map((r) => r.version),
      JSON.stringify(rules.map((r) => r.archetypes)),
    ],
  );
  await m.query(`analyze _ev_match`);
  // In primary-key order, so each index entry lands next to the previous one (not on a random page);
  // a new month's rows go into a partition of their own (db/month-partitions.ts).
  const month = await MonthWrite.open(m, 'person_archetype', dates);
  await m.query(
    `insert into ${month.target}(org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no)
     select org_code, as_at, person_key, archetype_code, rule_id, rule_version, assignment_no from _ev_match
     order by org_code, as_at, person_key, archetype_code, rule_id, assignment_no`,
  );
  await month.close(m);
  await m.query(`drop table if exists ${WORK_TABLES.map((t) => `pg_temp.${t}`).join(', ')}`);
}
