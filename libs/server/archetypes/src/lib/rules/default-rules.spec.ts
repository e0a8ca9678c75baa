import { readDefaultRules } from '@aiwr/db';
import { storedConditions } from '@aiwr/shared-domain';
import { DEFAULT_RULE_EXAMPLES } from '../testing/default-rule-examples';
import { exampleFacts, fileAreaMapping, fileRuleReference } from '../testing/reference-fixtures';
import { matchAssignment } from './rule-conditions';

// The default rules (db/reference/archetype-rules.yaml) on realistic ESR roles, with the pure matcher.
// tests/../default-rules.int-spec.ts runs the same examples through the SQL evaluation.
describe('default archetype rules on realistic roles', () => {
  const rules = readDefaultRules();
  const ref = fileRuleReference();
  const areas = fileAreaMapping();

  it('has allowed and not-allowed examples for every default rule, and none for rules that do not exist', () => {
    expect(Object.keys(DEFAULT_RULE_EXAMPLES).sort()).toEqual(rules.map((r) => r.id).sort());
    for (const ex of Object.values(DEFAULT_RULE_EXAMPLES)) {
      expect(ex.allowed.length).toBeGreaterThan(0);
      expect(ex.notAllowed.length).toBeGreaterThan(0);
    }
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (id, rule) => {
    const { allowed, notAllowed } = DEFAULT_RULE_EXAMPLES[id];
    it.each(allowed.map((e) => [e[2], e] as const))('maps "%s"', (_title, e) => {
      const result = matchAssignment(storedConditions(rule), exampleFacts(e, areas), ref);
      expect(result.matched).toBe(true);
      expect(result.evidence.length).toBe(Object.keys(rule.when).length);
    });
    it.each(notAllowed.map((e) => [e[2], e] as const))('does not map "%s"', (_title, e) => {
      expect(matchAssignment(storedConditions(rule), exampleFacts(e, areas), ref).matched).toBe(false);
    });
  });
});
