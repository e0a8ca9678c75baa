import { EntityManager } from 'typeorm';
import type { Recompute, SnapshotRef } from '@aiwr/server-core';
import { evaluateSnapshots, refreshNeedsMet } from '@aiwr/server-archetypes';
import { ROLLUPS_CHANNEL } from '@aiwr/server-coverage';

/** What a reference-data edit asks to be recomputed, in the edit's transaction. */
export type RecomputeWork = {
  /** snapshots whose staff rows changed (clinical area): archetypes, needs and rollups re-evaluated */
  snapshots: SnapshotRef[];
  /** organisations whose completions changed: needs met and rollups of every snapshot refreshed */
  completionsOf: string[];
  /** rollups stay, but cached figures (targets, RAG) must be re-read */
  figuresChanged: boolean;
};

/**
 * The derived data a reference-data edit changes, in the edit's transaction: through the one recompute
 * (the RECOMPUTE port: evaluation, needs, rollups), or, for a what-if preview (`recompute` null, the
 * transaction rolls back), the person rows only. Returns how many organisations were re-evaluated.
 */
export async function recomputeAfterReferenceChange(
  m: EntityManager,
  work: RecomputeWork,
  recompute: Recompute | null,
): Promise<number> {
  const orgs = new Set([...work.snapshots.map((s) => s.orgCode), ...work.completionsOf]);
  if (recompute) {
    if (work.snapshots.length) await recompute(m, { snapshots: work.snapshots });
    if (work.completionsOf.length) await recompute(m, { completionsOf: work.completionsOf });
    // The recompute notifies readers itself; a target edit changes no rollup but does change RAG.
    if (work.figuresChanged) await m.query(`select pg_notify($1, 'targets')`, [ROLLUPS_CHANNEL]);
  } else {
    if (work.snapshots.length) await evaluateSnapshots(m, work.snapshots);
    if (work.completionsOf.length) await refreshNeedsMet(m, work.completionsOf);
  }
  return orgs.size;
}
