import { EntityManager } from 'typeorm';
import { refreshRollups } from '@aiwr/server-coverage';
import { StoredRuleConditions } from '@aiwr/db';
import { ruleToSql, SqlParams, titleKeySql } from '../rules/rule-sql';
import { evaluateSnapshot, loadRuleReference } from './evaluate-snapshot';

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
  const predicate = conditions.map((c) => `(${ruleToSql(c, ref, p)})`).join(' or ');
  const touched: { orgCode: string }[] = await m.query(
    `select distinct a.org_code as "orgCode"
     from (select s.*, ${titleKeySql('s.position_title')} as title_key
           from staff_assignment s
           join unnest($1::text[], $2::date[]) cur(org_code, as_at) on s.org_code = cur.org_code and s.as_at = cur.as_at
           offset 0) a
     where ${predicate}`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt), ...p.values],
  );
  const orgs = new Set(touched.map((t) => t.orgCode));
  return snapshots.filter((s) => orgs.has(s.orgCode));
}
