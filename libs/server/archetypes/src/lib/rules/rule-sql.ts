import { matchKey, StoredRuleConditions } from '@aiwr/shared-domain';
import { expandPayBands, keywordLikePatterns, resolveStaffGroups, RuleReference } from './rule-conditions';

/** A rule version ready to evaluate. */
export type ActiveRule = {
  ruleId: string;
  version: number;
  archetypes: string[];
  conditions: StoredRuleConditions;
};

/** Collects bind parameters so every value in a rule reaches PostgreSQL as a parameter, never as SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];
  constructor(private readonly offset = 0) {}
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.offset + this.values.length}::${cast}`;
  }
}

/** SQL that folds a position title exactly like `titleKey` (rule-conditions.ts); `a.title_key` holds it. */
export const titleKeySql = (column: string) =>
  `' ' || btrim(regexp_replace(lower(coalesce(${column}, '')), '[^a-z0-9]+', ' ', 'g')) || ' '`;

/** The assignment fields a rule condition can test, as columns of `a` (the title through `a.title_key`). */
export const RULE_FIELDS = [
  'staff_group_code',
  'job_role',
  'occupation_code',
  'area_of_work',
  'clinical_area_code',
  'position_title',
  'pay_band',
] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/**
 * A rule's conditions as one boolean SQL expression per field it tests, over `a` (with `a.title_key`
 * for the title). Conditions are ANDed across fields, values ORed within one, and excluded title
 * keywords veto (part of the title's expression). A rule with no condition matches nobody: its staff
 * group expression is `false`.
 */
export function ruleFieldConditions(
  c: StoredRuleConditions,
  ref: RuleReference,
  p: SqlParams,
  only?: RuleField,
): Map<RuleField, string> {
  // With `only`, just that field's expression is built (and only its values become parameters).
  const want = (f: RuleField) => !only || only === f;
  const parts = new Map<RuleField, string>();
  if (c.staffGroups && want('staff_group_code'))
    parts.set(
      'staff_group_code',
      `a.staff_group_code = any(${p.add(resolveStaffGroups(c.staffGroups, ref), 'text[]')})`,
    );
  if (c.jobRoles && want('job_role'))
    parts.set('job_role', `match_key(a.job_role) = any(${p.add(c.jobRoles.map(matchKey), 'text[]')})`);
  if (c.occupationCodePrefixes && want('occupation_code'))
    parts.set(
      'occupation_code',
      `upper(a.occupation_code) like any(${p.add(
        c.occupationCodePrefixes.map((x) => `${x.toUpperCase()}%`),
        'text[]',
      )})`,
    );
  if (c.areasOfWork && want('area_of_work'))
    parts.set(
      'area_of_work',
      `match_key(a.area_of_work) = any(${p.add(c.areasOfWork.map(matchKey), 'text[]')})`,
    );
  if (c.clinicalAreas && want('clinical_area_code'))
    parts.set('clinical_area_code', `a.clinical_area_code = any(${p.add(c.clinicalAreas, 'text[]')})`);
  if (c.titleKeywords && want('position_title'))
    parts.set(
      'position_title',
      `a.title_key like any(${p.add(keywordLikePatterns(c.titleKeywords), 'text[]')})`,
    );
  if (c.payBands && want('pay_band'))
    parts.set('pay_band', `upper(a.pay_band) = any(${p.add(expandPayBands(c.payBands, ref), 'text[]')})`);
  const any =
    c.staffGroups ||
    c.jobRoles ||
    c.occupationCodePrefixes ||
    c.areasOfWork ||
    c.clinicalAreas ||
    c.titleKeywords ||
    c.payBands;
  if (!any) return want('staff_group_code') ? new Map([['staff_group_code', 'false']]) : parts;
  if (c.exclude?.length && want('position_title')) {
    const veto = `not (a.title_key like any(${p.add(keywordLikePatterns(c.exclude), 'text[]')}))`;
    const title = parts.get('position_title');
    parts.set('position_title', title ? `(${title}) and ${veto}` : veto);
  }
  return parts;
}

/**
 * Translates a rule's conditions into a boolean SQL expression over `staff_assignment a` (plus its
 * folded `title_key`), with the same meaning as `matchAssignment` (conditions ANDed, values ORed,
 * excluded title keywords veto). A condition whose values resolve to nothing (e.g. an unknown pay
 * band) matches nobody.
 */
export function ruleToSql(c: StoredRuleConditions, ref: RuleReference, p: SqlParams): string {
  return [...ruleFieldConditions(c, ref, p).values()].map((x) => `(${x})`).join(' and ');
}

/**
 * A FROM item and WHERE clause for the staff_assignment rows (alias `a`, with its folded `title_key`)
 * that any of these rule conditions matches, among the rows `rowsWhere` selects (a condition on `s`).
 * `offset 0` folds each title once per row, not once per condition. Bind values go to `p`.
 */
export function assignmentsMatchingSql(
  conditions: StoredRuleConditions[],
  ref: RuleReference,
  p: SqlParams,
  rowsWhere: string,
): string {
  const predicate = conditions.length
    ? conditions.map((c) => `(${ruleToSql(c, ref, p)})`).join(' or ')
    : 'false';
  return `(select s.*, ${titleKeySql('s.position_title')} as title_key
           from staff_assignment s where ${rowsWhere} offset 0) a
     where ${predicate}`;
}

/**
 * A lateral subquery that yields (rule_id, rule_version, archetypes) for every rule that matches the
 * current `staff_assignment a` row: one scan of the snapshot evaluates all rules.
 */
export function matchingRulesSql(rules: ActiveRule[], ref: RuleReference, p: SqlParams): string {
  if (!rules.length)
    return `(select null::text as rule_id, null::int as rule_version, null::text[] as archetypes where false)`;
  const branches = rules.map(
    (r) =>
      `select ${p.add(r.ruleId, 'text')} as rule_id, ${p.add(r.version, 'int')} as rule_version, ${p.add(
        r.archetypes,
        'text[]',
      )} as archetypes where ${ruleToSql(r.conditions, ref, p)}`,
  );
  return `(${branches.join('\n union all ')})`;
}
