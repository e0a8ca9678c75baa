import { EntityManager } from 'typeorm';
import { refreshRollups } from '@aiwr/server-coverage';
import { evaluateSnapshot } from './evaluate-snapshot';

export type SnapshotRef = { orgCode: string; asAt: string };

/**
 * The "current" snapshots a rule change re-evaluates: the latest snapshot of each organisation.
 * Older snapshots keep the rule versions they were evaluated with (person_archetype records them), so
 * trends show what was concluded at the time; docs/archetypes.md explains the choice.
 */
export function currentSnapshots(m: EntityManager, orgCodes: string[] | null = null): Promise<SnapshotRef[]> {
  return m.query(
    `select distinct on (org_code) org_code as "orgCode", as_at::text as "asAt"
     from staff_snapshot where ($1::text[] is null or org_code = any($1))
     order by org_code, as_at desc`,
    [orgCodes],
  );
}

/** Re-evaluates the given snapshots and rebuilds their coverage rollups, in the caller's transaction. */
export async function reevaluate(
  m: EntityManager,
  snapshots: SnapshotRef[],
  rollups = true,
): Promise<number> {
  for (const s of snapshots) {
    await evaluateSnapshot(m, s.orgCode, s.asAt);
    if (rollups) await refreshRollups(m, s.orgCode, s.asAt);
  }
  return snapshots.length;
}
