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

/**
 * Translates a rule's conditions into a boolean SQL expression over `staff_assignment a` (plus its
 * folded `title_key`), with the
 * same meaning as `matchAssignment` (conditions ANDed, values ORed, excluded title keywords veto).
 * A condition whose values resolve to nothing (e.g. an unknown pay band) matches nobody.
 */
export function ruleToSql(c: StoredRuleConditions, ref: RuleReference, p: SqlParams): string {
  const parts: string[] = [];
  if (c.staffGroups)
    parts.push(`a.staff_group_code = any(${p.add(resolveStaffGroups(c.staffGroups, ref), 'text[]')})`);
  if (c.jobRoles) parts.push(`match_key(a.job_role) = any(${p.add(c.jobRoles.map(matchKey), 'text[]')})`);
  if (c.occupationCodePrefixes)
    parts.push(
      `upper(a.occupation_code) like any(${p.add(
        c.occupationCodePrefixes.map((x) => `${x.toUpperCase()}%`),
        'text[]',
      )})`,
    );
  if (c.areasOfWork)
    parts.push(`match_key(a.area_of_work) = any(${p.add(c.areasOfWork.map(matchKey), 'text[]')})`);
  if (c.clinicalAreas) parts.push(`a.clinical_area_code = any(${p.add(c.clinicalAreas, 'text[]')})`);
  if (c.titleKeywords)
    parts.push(`a.title_key like any(${p.add(keywordLikePatterns(c.titleKeywords), 'text[]')})`);
  if (c.payBands) parts.push(`upper(a.pay_band) = any(${p.add(expandPayBands(c.payBands, ref), 'text[]')})`);
  if (!parts.length) return 'false';
  if (c.exclude?.length)
    parts.push(`not (a.title_key like any(${p.add(keywordLikePatterns(c.exclude), 'text[]')}))`);
  return parts.map((x) => `(${x})`).join(' and ');
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
