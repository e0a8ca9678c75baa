/**
 * The within-organisation dimensions a rollup row can be grouped by, and their bit in `gset`.
 * Region, ICB and organisation are attributes of the organisation, so they need no grouping set:
 * rollup rows of different organisations simply add up.
 */
export const WITHIN_ORG_DIMENSIONS = {
  DEPARTMENT: { bit: 1, column: 'department' },
  STAFF_GROUP: { bit: 2, column: 'staff_group_code' },
  CLINICAL_AREA: { bit: 4, column: 'clinical_area_code' },
  PAY_BAND: { bit: 8, column: 'pay_band' },
  ARCHETYPE: { bit: 16, column: 'archetype_code' },
  /** Stored for general practice and community pharmacy only (their short national list of NWRS roles). */
  JOB_ROLE: { bit: 32, column: 'job_role' },
} as const;

export type WithinOrgDimension = keyof typeof WITHIN_ORG_DIMENSIONS;
/**
 * The assignment dimensions whose grouping sets every recompute writes. Department's are written only
 * for snapshots somebody has asked a department question about (department-rollups.ts): a trust may have
 * thousands of departments of a handful of people each, so their sets were most of a trust's rollup rows
 * and most of an import's rollup time.
 */
export const ASSIGNMENT_DIMENSIONS: WithinOrgDimension[] = ['STAFF_GROUP', 'CLINICAL_AREA', 'PAY_BAND'];

/**
 * The extra grouping sets of a primary-care organisation: job role alone, with staff group (the matrix)
 * and with archetype. Trusts' ESR job roles are many and free-form, so their rollups leave job role out.
 */
export const JOB_ROLE_SETS: WithinOrgDimension[][] = [['JOB_ROLE'], ['STAFF_GROUP', 'JOB_ROLE']];
export const JOB_ROLE_WITH_ARCHETYPE_SETS: WithinOrgDimension[][] = [['JOB_ROLE']];

/** How many within-organisation dimensions one stored grouping set may combine. */
export const MAX_DIMENSIONS_PER_GROUPING_SET = 2;

export const gsetOf = (dims: Iterable<WithinOrgDimension>): number => {
  let mask = 0;
  for (const d of dims) mask |= WITHIN_ORG_DIMENSIONS[d].bit;
  return mask;
};

export const dimensionsOf = (gset: number): WithinOrgDimension[] =>
  (Object.keys(WITHIN_ORG_DIMENSIONS) as WithinOrgDimension[]).filter(
    (d) => (gset & WITHIN_ORG_DIMENSIONS[d].bit) !== 0,
  );

/** The department grouping sets: department alone and with each assignment dimension, and with archetype. */
export const DEPARTMENT_ASSIGNMENT_SETS: WithinOrgDimension[][] = [
  ['DEPARTMENT'],
  ...ASSIGNMENT_DIMENSIONS.map((d): WithinOrgDimension[] => ['DEPARTMENT', d]),
];
export const DEPARTMENT_WITH_ARCHETYPE_SETS: WithinOrgDimension[][] = [['DEPARTMENT']];
export const DEPARTMENT_SETS: ReadonlySet<number> = new Set([
  ...DEPARTMENT_ASSIGNMENT_SETS.map(gsetOf),
  ...DEPARTMENT_WITH_ARCHETYPE_SETS.map((s) => gsetOf([...s, 'ARCHETYPE'])),
]);
/** Department alone: present for every snapshot whose department rows are written (it has people). */
export const DEPARTMENT_ONLY = WITHIN_ORG_DIMENSIONS.DEPARTMENT.bit;

/** Every subset of at most `size` items (the stored grouping sets are the subsets of at most two). */
export function subsetsUpTo<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [[]];
  const grow = (start: number, current: T[]) => {
    if (current.length === size) return;
    for (let i = start; i < items.length; i++) {
      const next = [...current, items[i]];
      out.push(next);
      grow(i + 1, next);
    }
  };
  grow(0, []);
  return out;
}

/** A value stored for "not recorded" (department or pay band left blank), distinct from "not grouped" (null). */
export const NOT_RECORDED = '';
