import { EntityManager } from 'typeorm';
import type { SnapshotScope } from '@aiwr/db';
import { WITHIN_ORG_DIMENSIONS, WithinOrgDimension } from './dimensions';

const DIMENSIONS = Object.keys(WITHIN_ORG_DIMENSIONS) as WithinOrgDimension[];
// A snapshot's department rollups are written on its first department question (department-rollups.ts),
// so department codes are read from the assignments.
const FROM_ROLLUPS = DIMENSIONS.filter((d) => d !== 'DEPARTMENT');
const CODE = `coalesce(${FROM_ROLLUPS.map((d) => WITHIN_ORG_DIMENSIONS[d].column).join(', ')})`;
const DIMENSION_OF_GSET = `case gset ${FROM_ROLLUPS.map((d) => `when ${WITHIN_ORG_DIMENSIONS[d].bit} then '${d}'`).join(' ')} end`;

/**
 * Rebuilds coverage_filter_option for the scope's snapshots (all of them at once): the codes of each
 * within-organisation dimension that count somebody, from their freshly written rollups, and the
 * departments of their assignments unless `departmentsUpToDate` (a rule edit changes no assignment).
 * Runs inside refreshCoverage's transaction, after the coverage_rollup rows.
 */
export async function refreshFilterOptions(
  tx: EntityManager,
  scope: SnapshotScope,
  { departmentsUpToDate = false } = {},
): Promise<void> {
  await tx.query(
    `delete from coverage_filter_option t where ${scope.where('t')}${departmentsUpToDate ? ` and dimension <> 'DEPARTMENT'` : ''}`,
    scope.params,
  );
  await tx.query(
    `insert into coverage_filter_option (org_code, as_at, dimension, codes)
     select org_code, as_at, ${DIMENSION_OF_GSET}, array_agg(${CODE} order by ${CODE})
     from coverage_rollup t
     where ${scope.where('t')} and gset in (${FROM_ROLLUPS.map((d) => WITHIN_ORG_DIMENSIONS[d].bit).join(', ')}) and headcount > 0
     group by org_code, as_at, gset`,
    scope.params,
  );
  if (departmentsUpToDate) return;
  // "Not recorded" is '', as the department rollup rows have it (rollup-rows.ts).
  await tx.query(
    `insert into coverage_filter_option (org_code, as_at, dimension, codes)
     select org_code, as_at, 'DEPARTMENT', array_agg(distinct coalesce(department, '') order by coalesce(department, ''))
     from ${scope.rows('staff_assignment', 't')}
     group by org_code, as_at`,
    scope.params,
  );
}

/**
 * Every snapshot's filter codes, held as small integer lists so that the options of any scope (the union
 * over its snapshots) cost a pass over a few thousand numbers. Loaded once per data version.
 */
export class FilterOptionIndex {
  private constructor(
    private readonly codes: Record<WithinOrgDimension, string[]>,
    private readonly bySnapshot: Map<string, Record<WithinOrgDimension, Uint32Array>>,
  ) {}

  static async load(db: Pick<EntityManager, 'query'>): Promise<FilterOptionIndex> {
    const rows: { org_code: string; as_at: string; dimension: WithinOrgDimension; codes: string[] }[] =
      await db.query(`select org_code, as_at::text as as_at, dimension, codes from coverage_filter_option`);
    const codes = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as string[]])) as Record<
      WithinOrgDimension,
      string[]
    >;
    const ids = Object.fromEntries(DIMENSIONS.map((d) => [d, new Map<string, number>()])) as Record<
      WithinOrgDimension,
      Map<string, number>
    >;
    const bySnapshot = new Map<string, Record<WithinOrgDimension, Uint32Array>>();
    const empty = new Uint32Array(0);
    for (const r of rows) {
      const key = snapshotKey(r.org_code, r.as_at);
      let lists = bySnapshot.get(key);
      if (!lists) {
        lists = Object.fromEntries(DIMENSIONS.map((d) => [d, empty])) as Record<
          WithinOrgDimension,
          Uint32Array
        >;
        bySnapshot.set(key, lists);
      }
      const idOf = ids[r.dimension];
      lists[r.dimension] = Uint32Array.from(r.codes, (code) => {
        let id = idOf.get(code);
        if (id === undefined) {
          id = codes[r.dimension].push(code) - 1;
          idOf.set(code, id);
        }
        return id;
      });
    }
    return new FilterOptionIndex(codes, bySnapshot);
  }

  /** The codes of each dimension present in any of these snapshots. */
  union(snapshots: { orgCode: string; asAt: string }[]): Record<WithinOrgDimension, string[]> {
    const out = {} as Record<WithinOrgDimension, string[]>;
    const lists = snapshots.map((s) => this.bySnapshot.get(snapshotKey(s.orgCode, s.asAt)));
    for (const d of DIMENSIONS) {
      const seen = new Uint8Array(this.codes[d].length);
      for (const l of lists) if (l) for (const id of l[d]) seen[id] = 1;
      out[d] = this.codes[d].filter((_, id) => seen[id] === 1);
    }
    return out;
  }
}

const snapshotKey = (orgCode: string, asAt: string) => `${orgCode}|${asAt}`;
