import type { EntityManager } from 'typeorm';

/** One organisation's staff snapshot. */
export type SnapshotRef = { orgCode: string; asAt: string };

/**
 * What a writer changed, for the one recompute of derived data (archetypes, training needs, coverage
 * rollups) that runs in the writer's transaction:
 * - `snapshots`: staff snapshots written, or snapshots a rule or AI product change can affect;
 * - `completionsOf`: training completions of these organisations (every snapshot of theirs).
 */
export type Changed = { snapshots: SnapshotRef[] } | { completionsOf: string[] };

/**
 * The recompute, as writers see it. Writers (ingest; archetype rules and products) depend on this port
 * only; @aiwr/server-coverage implements it and the application wires it in (RECOMPUTE), so that
 * dependencies point one way: access ← ingest, access ← archetypes ← coverage ← reporting.
 */
export type Recompute = (m: EntityManager, changed: Changed) => Promise<void>;

/** Nest injection token of the Recompute port. */
export const RECOMPUTE = 'aiwr:recompute';
