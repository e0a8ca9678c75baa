import { EntityManager } from 'typeorm';
import { lockOrganisations, SnapshotScope, withHashJoins } from '@aiwr/db';
import { PeopleReevaluation } from '@aiwr/server-archetypes';
import type { SnapshotRef } from '@aiwr/server-core';
import type { StoredRuleConditions } from '@aiwr/shared-domain';
import { afterRollups } from '../rollups/refresh-rollups';
import { scopeWithDepartmentRows, writeDepartmentRows } from '../rollups/department-rollups';
import { FlowDelta } from '../rollups/flow-delta';
import { RollupDelta } from '../rollups/rollup-delta';
import { writeRollupRows } from '../rollups/rollup-rows';

/**
 * The recompute after a rule edit, limited to the people it can affect (docs/archetypes.md §8): the
 * people an old or new version of a changed rule matches are re-matched, and only those whose
 * archetypes changed get new needs, summaries and rollup rows. Their share of the rollups and flows is
 * taken out before their needs are rewritten and put back after, as a difference (rollup-delta.ts,
 * flow-delta.ts), so the
 * cost follows the people who changed rather than the size of every snapshot the edit touches. The
 * result is row for row what the full recompute writes (tests/integration/rule-edit-incremental).
 */
export async function recomputePeople(
  m: EntityManager,
  snapshots: SnapshotRef[],
  conditions: StoredRuleConditions[],
): Promise<{ candidates: number; changed: number }> {
  const scope = await SnapshotScope.of(m, '_rp_snap', snapshots);
  await lockOrganisations(m, scope.orgCodes);
  const people = await withHashJoins(m, () => PeopleReevaluation.start(m, scope, conditions));
  if (people.changed) {
    const rollups = await RollupDelta.create(m);
    const flows = await FlowDelta.create(m, scope, people.changedTable);
    // The difference of department rows only where they are written (department-rollups.ts).
    const withDepartments = await scopeWithDepartmentRows(m, scope);
    await withHashJoins(m, async () => {
      await writeRollupRows(m, scope, rollups.sink(-1), people.changedTable);
      await writeDepartmentRows(m, withDepartments, rollups.sink(-1), people.changedTable);
      if (flows.usable) await flows.collect(m, -1);
      await people.writeNeedsAndSummaries(m);
      await writeRollupRows(m, scope, rollups.sink(1), people.changedTable);
      await writeDepartmentRows(m, withDepartments, rollups.sink(1), people.changedTable);
      if (flows.usable) await flows.collect(m, 1);
      await rollups.apply(m, scope);
      if (flows.usable) await flows.apply(m);
    });
    // Flows never built for these pairs (or built against another previous snapshot) are rebuilt whole.
    await afterRollups(m, scope, { flowsUpToDate: flows.usable, assignmentsUnchanged: true });
    await rollups.drop(m);
  }
  await people.finish(m);
  await scope.drop(m);
  return { candidates: people.candidates, changed: people.changed };
}
