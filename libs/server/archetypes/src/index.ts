export { evaluateSnapshot, loadActiveRules, loadRuleReference } from './lib/evaluation/evaluate-snapshot';
export { refreshNeedsMet } from './lib/evaluation/needs-met';
export { PeopleReevaluation } from './lib/evaluation/reevaluate-people';
export { currentSnapshots, evaluateSnapshots, snapshotsTouchedBy } from './lib/evaluation/reevaluate';
export type { SnapshotRef } from './lib/evaluation/reevaluate';
export { matchAssignment, titleKey, keywordKey } from './lib/rules/rule-conditions';
export type { AssignmentFacts, MatchEvidence, RuleReference } from './lib/rules/rule-conditions';
export { ArchetypesModule } from './lib/archetypes.module';
/** Test support: writes a staff snapshot straight into PostgreSQL (for integration tests only). */
export { insertSnapshot as insertTestSnapshot } from './lib/testing/snapshot-fixture';
export type { FixturePerson } from './lib/testing/snapshot-fixture';
