import type { EntityManager } from 'typeorm';
import type { StoredRuleConditions } from '@aiwr/shared-domain';

/** One organisation's staff snapshot. */
export type SnapshotRef = { orgCode: string; asAt: string };

/**
 * What a writer changed, for the one recompute of derived data (archetypes, training needs, coverage
 * rollups) that runs in the writer's transaction:
 * - `snapshots`: staff snapshots written, or snapshots a rule or AI product change can affect;
 * - `rulesChanged`: a rule edit in these snapshots. Only people with an assignment that one of
 *   `conditions` (the old and the new version of every changed rule) matches can be affected, so the
 *   recompute may limit itself to them;
 * - `completionsOf`: training completions of these organisations (every snapshot of theirs).
 */
export type Changed =
  | { snapshots: SnapshotRef[] }
  | { rulesChanged: { snapshots: SnapshotRef[]; conditions: StoredRuleConditions[] } }
  | { completionsOf: string[] };

/**
 * The recompute, as writers see it. Writers (ingest; archetype rules and products) depend on this port
 * only; @aiwr/server-coverage implements it and the application wires it in (RECOMPUTE), so that
 * dependencies point one way: access ← ingest, access ← archetypes ← coverage ← reporting.
 */
export type Recompute = (m: EntityManager, changed: Changed) => Promise<void>;

/** Nest injection token of the Recompute port. */
export const RECOMPUTE = 'aiwr:recompute';
