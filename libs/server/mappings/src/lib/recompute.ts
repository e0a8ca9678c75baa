import { EntityManager } from 'typeorm';
import { reevaluate, refreshNeedsMet, SnapshotRef } from '@aiwr/server-archetypes';
import { refreshRollups, ROLLUPS_CHANNEL } from '@aiwr/server-coverage';

/** What a reference-data edit asks to be recomputed, in the edit's transaction. */
export type RecomputeWork = {
  /** snapshots whose staff rows changed (clinical area): archetypes, needs and rollups re-evaluated */
  snapshots: SnapshotRef[];
  /** organisations whose completions changed: needs met and rollups of every snapshot refreshed */
  completionsOf: string[];
  /** rollups stay, but cached figures (targets, RAG) must be re-read */
  figuresChanged: boolean;
  /** a what-if preview: person rows are re-evaluated, rollups are not (the transaction rolls back) */
  preview?: boolean;
};

/**
 * The one call reference-data edits make into re-evaluation (rules' `reevaluate`, completions'
 * `refreshNeedsMet`, coverage's `refreshRollups`), so that a single recompute capability can replace
 * this body later without touching the callers. Returns how many organisations were re-evaluated.
 */
export async function recomputeAfterReferenceChange(m: EntityManager, work: RecomputeWork): Promise<number> {
  const orgs = new Set<string>();
  if (work.snapshots.length) {
    await reevaluate(m, work.snapshots, !work.preview);
    work.snapshots.forEach((s) => orgs.add(s.orgCode));
  }
  if (work.completionsOf.length) {
    await refreshNeedsMet(m, work.completionsOf);
    if (!work.preview) for (const org of work.completionsOf) await refreshRollups(m, org);
    work.completionsOf.forEach((o) => orgs.add(o));
  }
  // refreshRollups notifies readers itself; a target edit changes no rollup but does change RAG.
  if (work.figuresChanged && !work.preview)
    await m.query(`select pg_notify($1, 'targets')`, [ROLLUPS_CHANNEL]);
  return orgs.size;
}
