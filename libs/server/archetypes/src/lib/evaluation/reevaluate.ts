import { EntityManager } from 'typeorm';
import { rowTriggersOffIfAllowed, rowTriggersOn } from '@aiwr/db';
import { StoredRuleConditions } from '@aiwr/shared-domain';
import type { SnapshotRef } from '@aiwr/server-core';
import { assignmentsMatchingSql, SqlParams } from '../rules/rule-sql';
import { evaluateTogether, loadRuleReference } from './evaluate-snapshot';

export type { SnapshotRef };

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

/**
 * Evaluates the given snapshots (archetypes, needs, person summaries) together, in the caller's
 * transaction: one set of statements for all of them (evaluate-snapshot.ts).
 * Evaluation only: the one recompute (@aiwr/server-coverage `recompute`, reached through the RECOMPUTE
 * port) runs this and then the rollups.
 *
 * Every row written here is derived from the stored snapshot and reference tables, so where the role
 * may (superuser, as the embedded server is; what pg_restore --disable-triggers does) per-row
 * foreign-key triggers are off while it runs and the same references are then verified once per
 * distinct value. Measured at national size: the triggers were about half of each organisation's
 * evaluation. An ordinary role keeps the per-row checks.
 */
export async function evaluateSnapshots(m: EntityManager, snapshots: SnapshotRef[]): Promise<number> {
  const bulk = snapshots.length > 0 && (await rowTriggersOffIfAllowed(m));
  await evaluateTogether(m, snapshots);
  if (bulk) await verifyDerivedReferences(m, snapshots);
  return snapshots.length;
}

/** The foreign keys of person_archetype, person_need, person_snapshot and the rollups, for these snapshots. */
async function verifyDerivedReferences(m: EntityManager, snapshots: SnapshotRef[]): Promise<void> {
  await rowTriggersOn(m);
  const [{ broken }] = await m.query(
    `with snap as (select * from unnest($1::text[], $2::date[]) s(org_code, as_at))
     select (select count(*) from snap
             where not exists (select 1 from staff_snapshot s where s.org_code = snap.org_code and s.as_at = snap.as_at))
          + (select count(*) from (select distinct pa.archetype_code from person_archetype pa join snap using (org_code, as_at)) x
             where not exists (select 1 from archetype a where a.code = x.archetype_code))
          + (select count(*) from (select distinct pn.module_code from person_need pn join snap using (org_code, as_at)) x
             where not exists (select 1 from training_module t where t.code = x.module_code)) as broken`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt)],
  );
  if (Number(broken))
    throw new Error(
      'Re-evaluated rows failed the foreign-key check (snapshot, archetype or training module)',
    );
}

/**
 * The snapshots a change to these rules can affect: those with an assignment that the old or the new
 * version of a changed rule matches. Elsewhere nothing can change (every other rule is the same
 * version and matched nobody the changed rules touch), so re-evaluating them would rewrite identical
 * rows; skipping them is what keeps a narrow rule edit quick at national scale.
 */
export async function snapshotsTouchedBy(
  m: EntityManager,
  snapshots: SnapshotRef[],
  conditions: StoredRuleConditions[],
): Promise<SnapshotRef[]> {
  if (!snapshots.length || !conditions.length) return [];
  const ref = await loadRuleReference(m);
  const p = new SqlParams(2);
  const touched: { orgCode: string }[] = await m.query(
    `select distinct a.org_code as "orgCode"
     from ${assignmentsMatchingSql(
       conditions,
       ref,
       p,
       `s.org_code = any($1::text[]) and s.as_at = any($2::date[])
        and (s.org_code, s.as_at) in (select * from unnest($1::text[], $2::date[]))`,
     )}`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt), ...p.values],
  );
  const orgs = new Set(touched.map((t) => t.orgCode));
  return snapshots.filter((s) => orgs.has(s.orgCode));
}
