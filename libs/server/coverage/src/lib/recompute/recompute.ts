import { Global, Module } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { rowTriggersOffIfAllowed, rowTriggersOn, withWorkMem } from '@aiwr/db';
import { Changed, RECOMPUTE, Recompute, SnapshotRef } from '@aiwr/server-core';
import { evaluateSnapshots, refreshNeedsMet } from '@aiwr/server-archetypes';
import { refreshCoverage } from '../rollups/refresh-rollups';
import { recomputePeople } from './recompute-people';

/** Enough for the sorts and hashes over a national file's 1.5 M people to stay in memory. */
const RECOMPUTE_WORK_MEM = '256MB';

/**
 * The one recompute of derived data, in the caller's transaction, after any staff, completion, rule or
 * product change: archetype evaluation and needs (@aiwr/server-archetypes), then the coverage rollups of
 * the same snapshots. Writers reach it through the RECOMPUTE port (@aiwr/server-core), never directly.
 * Each step works on all the changed snapshots at once (a national file's 199 organisations, or every
 * snapshot a broad rule edit touches, cost the same number of statements as one trust's month).
 */
export const recompute: Recompute = (m: EntityManager, changed: Changed) =>
  withWorkMem(m, RECOMPUTE_WORK_MEM, () => recomputeChanged(m, changed));

async function recomputeChanged(m: EntityManager, changed: Changed): Promise<void> {
  if ('completionsOf' in changed) {
    // Fresh completions have no statistics yet; the needs update joins them.
    await m.query(`analyze training_completion`);
    await refreshNeedsMet(m, changed.completionsOf);
    await refreshCoverage(m, { orgCodes: changed.completionsOf });
    return;
  }
  if ('rulesChanged' in changed) {
    const { snapshots, conditions } = changed.rulesChanged;
    if (snapshots.length) await recomputePeople(m, snapshots, conditions);
    return;
  }
  if (!changed.snapshots.length) return;
  await m.query(`analyze staff_snapshot`);
  await evaluateSnapshots(m, changed.snapshots);
  const bulk = await rowTriggersOffIfAllowed(m);
  await refreshCoverage(m, { snapshots: changed.snapshots });
  if (bulk) await verifySnapshotsExist(m, changed.snapshots);
}

/** The rollups' one foreign key, (organisation, as-at) → staff_snapshot, checked once per snapshot. */
async function verifySnapshotsExist(m: EntityManager, snapshots: SnapshotRef[]): Promise<void> {
  await rowTriggersOn(m);
  const [{ missing }] = await m.query(
    `select count(*)::int as missing from unnest($1::text[], $2::date[]) s(org_code, as_at)
     where not exists (select 1 from staff_snapshot x where x.org_code = s.org_code and x.as_at = s.as_at)`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt)],
  );
  if (missing) throw new Error('Rollups written for a snapshot that does not exist');
}

/** Provides the RECOMPUTE port to every module (ingest, archetypes) without their importing coverage. */
@Global()
@Module({ providers: [{ provide: RECOMPUTE, useValue: recompute }], exports: [RECOMPUTE] })
export class RecomputeModule {}
