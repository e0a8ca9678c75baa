/** Conditions of one archetype rule: keys are ANDed, the values of one key are ORed. */
export type RuleConditions = {
  staffGroups?: string[];
  jobRoles?: string[];
  occupationCodePrefixes?: string[];
  areasOfWork?: string[];
  clinicalAreas?: string[];
  titleKeywords?: string[];
  payBands?: string[];
};

/** A rule as written in db/reference/archetype-rules.yaml and as an administrator submits it. */
export type ArchetypeRuleDefinition = {
  id: string;
  description: string;
  archetypes: string[];
  when: RuleConditions;
  exclude?: string[];
  source: string;
};

/** What archetype_rule.conditions holds: the `when` conditions plus the title exclusions. */
export type StoredRuleConditions = RuleConditions & { exclude?: string[] };

export const storedConditions = (rule: ArchetypeRuleDefinition): StoredRuleConditions =>
  rule.exclude?.length ? { ...rule.when, exclude: rule.exclude } : { ...rule.when };

/** Splits a pay band condition value into its (from, to) codes; a single code is a range of one. */
export const payBandRange = (value: string): [string, string] => {
  const [from, to] = value.split('..');
  return [from, to ?? from];
};

/**
 * The key an area of work is mapped by (area_of_work_mapping.area_of_work_key): the common matching
 * key, so `Accident & Emergency`, `A&E` and `Accident and Emergency` are one value.
 */
export { matchKey as areaOfWorkKey } from './match-key';
