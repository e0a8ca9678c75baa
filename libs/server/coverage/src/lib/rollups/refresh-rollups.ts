import { EntityManager } from 'typeorm';
import { lockOrganisations, SnapshotKey, SnapshotScope, withHashJoins } from '@aiwr/db';
import { scopeWithDepartmentRows, writeDepartmentRows } from './department-rollups';
import { refreshFilterOptions } from './filter-options';
import { refreshFlows } from './refresh-flows';
import { STORED_ROLLUPS, writeRollupRows } from './rollup-rows';

/** Channel readers LISTEN on; PostgreSQL delivers a NOTIFY only when the sending transaction commits. */
export const ROLLUPS_CHANNEL = 'coverage_rollups';

/**
 * Rebuilds the coverage rollups of one snapshot of an organisation (or of all its snapshots when asAt is
 * omitted) inside the caller's transaction; see refreshCoverage.
 */
export function refreshRollups(m: EntityManager, orgCode: string, asAt?: string): Promise<void> {
  return refreshCoverage(m, asAt ? { snapshots: [{ orgCode, asAt }] } : { orgCodes: [orgCode] });
}

/** What to rebuild: these snapshots, or every snapshot of these organisations. */
export type CoverageTarget = { snapshots: SnapshotKey[] } | { orgCodes: string[] };

/**
 * Rebuilds the coverage rollups (and flows, refresh-flows.ts) of the given snapshots together, inside
 * the caller's transaction, set-based: a fixed number of statements however many snapshots and
 * organisations (group keys carry org_code; person keys are per organisation).
 *
 * People with the same requirement profile (which modules they need, in which layer, met or not) have
 * the same requirement figures, and there are only a few dozen profiles. So the expensive step counts
 * people per (group, profile), and every measure is then a small join to per-profile facts. Person keys
 * are per organisation and a person counts once per group: someone with one assignment is in exactly
 * one group of each grouping set, so their assignment rows are counted directly; only people with
 * several assignments are first reduced to one row per (person, group).
 *
 * Rows are written in (as-at, grouping set) order: a reader fetches one (organisation, as-at, grouping set)
 * range per organisation, and rows written in hash order would put each of them on its own heap page.
 *
 * The cost must not depend on the planner's estimates, which for a snapshot written moments ago (an
 * as-at date beyond the statistics) are 1 row whatever the truth. So each base table is read once,
 * through its (organisation, as-at) index and without a join, into a work table; work tables are
 * ANALYZEd before anything joins them; the only joins are hash joins on the whole person key
 * (withHashJoins); and a person's archetypes travel with the person as an array, unnested in place,
 * instead of being joined back to the assignments (the nested loop that made a 30k trust take two
 * minutes).
 */
export async function refreshCoverage(m: EntityManager, target: CoverageTarget): Promise<void> {
  const run = async (tx: EntityManager) => {
    const scope =
      'snapshots' in target
        ? await SnapshotScope.of(tx, '_cov_snap', target.snapshots)
        : await SnapshotScope.ofOrganisations(tx, '_cov_snap', target.orgCodes);
    if (!scope.count) return scope.drop(tx);
    await lockOrganisations(tx, scope.orgCodes);
    // Department rows only where a reader has asked for them (department-rollups.ts).
    const withDepartments = await scopeWithDepartmentRows(tx, scope);
    await withHashJoins(tx, async () => {
      for (const table of ['coverage_rollup', 'coverage_module_rollup'])
        await tx.query(`delete from ${table} t where ${scope.where('t')}`, scope.params);
      await writeRollupRows(tx, scope, STORED_ROLLUPS);
    });
    await writeDepartmentRows(tx, withDepartments);
    await afterRollups(tx, scope);
    await scope.drop(tx);
  };
  // Temporary tables and the NOTIFY must share one transaction with the rollup writes.
  if (m.queryRunner?.isTransactionActive) await run(m);
  else await m.transaction(run);
}

/**
 * What follows any change to a scope's rollups, in the same transaction: its filter options (their
 * departments only when assignments may have changed), its flows (unless the caller has brought them
 * up to date itself), and the NOTIFY that empties every reader's caches when the transaction commits.
 */
export async function afterRollups(
  tx: EntityManager,
  scope: SnapshotScope,
  { flowsUpToDate = false, assignmentsUnchanged = false } = {},
): Promise<void> {
  await refreshFilterOptions(tx, scope, { departmentsUpToDate: assignmentsUnchanged });
  if (!flowsUpToDate) await withHashJoins(tx, () => refreshFlows(tx, scope));
  await tx.query(`select pg_notify($1, o) from unnest($2::text[]) o`, [ROLLUPS_CHANNEL, scope.orgCodes]);
}
