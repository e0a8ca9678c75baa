export { evaluateSnapshot, loadActiveRules, loadRuleReference } from './lib/evaluation/evaluate-snapshot';
export { refreshNeedsMet } from './lib/evaluation/needs-met';
export { matchAssignment, keywordPattern } from './lib/rules/rule-conditions';
export type { AssignmentFacts, MatchEvidence, RuleReference } from './lib/rules/rule-conditions';
