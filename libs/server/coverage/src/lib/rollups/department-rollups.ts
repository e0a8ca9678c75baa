import { DataSource, EntityManager } from 'typeorm';
import {
  lockOrganisations,
  SnapshotKey,
  SnapshotScope,
  rowTriggersOffIfAllowed,
  rowTriggersOn,
  withHashJoins,
  withWorkMem,
} from '@aiwr/db';
import { DEPARTMENT_ONLY } from './dimensions';
import { RollupSink, STORED_ROLLUPS, writeRollupRows } from './rollup-rows';

/**
 * Department rollups are written for a snapshot when a department question first asks about it, not by
 * the import. Departments are an organisation's own: a trust may have thousands of a handful of people
 * each, and their grouping sets (department alone and with staff group, clinical area, pay band or
 * archetype) were most of a trust's rollup rows and most of an import's rollup time (docs/importing.md,
 * "Department grouping sets"). Once written they are kept up to date like every other rollup row: a
 * recompute of the snapshot (completions, products) rewrites them, a rule edit adds its difference to
 * them. A new or replaced snapshot starts without them.
 *
 * A snapshot has department rows exactly when it has a department-alone row: every person has a
 * department ("" when not recorded), and the department sets are written together in one transaction.
 */
const HAS_DEPARTMENT_ROWS = (alias: string) =>
  `exists (select 1 from coverage_rollup r where r.org_code = ${alias}.org_code and r.as_at = ${alias}.as_at
           and r.gset = ${DEPARTMENT_ONLY})`;

type Queryable = Pick<EntityManager, 'query'>;

/** Which of these snapshots have their department rows written (`written`), or not yet (`!written`). */
async function departmentRowsWritten(
  m: Queryable,
  snapshots: SnapshotKey[],
  written: boolean,
): Promise<SnapshotKey[]> {
  if (!snapshots.length) return [];
  return m.query(
    `select distinct s.org_code as "orgCode", s.as_at::text as "asAt"
     from unnest($1::text[], $2::date[]) s(org_code, as_at) where ${written ? '' : 'not '}${HAS_DEPARTMENT_ROWS('s')}`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt)],
  );
}

/** The snapshots of a recompute's scope whose department rows are written (to keep them up to date). */
export function scopeWithDepartmentRows(m: Queryable, scope: SnapshotScope): Promise<SnapshotKey[]> {
  return m.query(
    `select s.org_code as "orgCode", s.as_at::text as "asAt" from ${scope.table} s where ${HAS_DEPARTMENT_ROWS('s')}`,
  );
}

/** Writes the department rows of `snapshots` into `sink` (all of them, or the share of `people`). */
export async function writeDepartmentRows(
  tx: EntityManager,
  snapshots: SnapshotKey[],
  sink: RollupSink = STORED_ROLLUPS,
  people?: string,
): Promise<void> {
  if (!snapshots.length) return;
  const scope = await SnapshotScope.of(tx, '_cov_dept_snap', snapshots);
  await withHashJoins(tx, () => writeRollupRows(tx, scope, sink, people, 'departments'));
  await scope.drop(tx);
}

/**
 * Before a department question is read from the rollups: writes, in their own transaction, the
 * department rows of those of its snapshots that have none yet (the first question after an import
 * pays for them once; measured in docs/importing.md). Another reader that got there first is waited
 * for, not repeated.
 */
export async function ensureDepartmentRows(db: DataSource, snapshots: SnapshotKey[]): Promise<void> {
  // Whoever writes department rows or the person rows they count holds the organisations' lock
  // (@aiwr/db lockOrganisations), so rows written here never count people an import or a rule edit has
  // replaced in the meantime.
  const missing = await departmentRowsWritten(db, snapshots, false);
  if (!missing.length) return;
  await db.transaction(async (tx) => {
    await lockOrganisations(
      tx,
      missing.map((s) => s.orgCode),
    );
    const still = await departmentRowsWritten(tx, missing, false);
    if (!still.length) return;
    // As the recompute that would otherwise have written them: its memory, and the rollups' one foreign
    // key checked once per snapshot rather than per row when the role may (rowTriggersOffIfAllowed).
    const bulk = await rowTriggersOffIfAllowed(tx);
    await withWorkMem(tx, '256MB', () => writeDepartmentRows(tx, still));
    if (!bulk) return;
    await rowTriggersOn(tx);
    const [{ missing: orphans }] = await tx.query(
      `select count(*)::int as missing from unnest($1::text[], $2::date[]) s(org_code, as_at)
       where not exists (select 1 from staff_snapshot x where x.org_code = s.org_code and x.as_at = s.as_at)
         and exists (select 1 from coverage_rollup r where r.org_code = s.org_code and r.as_at = s.as_at)`,
      [still.map((s) => s.orgCode), still.map((s) => s.asAt)],
    );
    if (orphans) throw new Error('Department rollups written for a snapshot that does not exist');
  });
}
