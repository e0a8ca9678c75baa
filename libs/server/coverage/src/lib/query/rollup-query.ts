import { BadRequestException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ensureDepartmentRows } from '../rollups/department-rollups';
import {
  DEPARTMENT_SETS,
  MAX_DIMENSIONS_PER_GROUPING_SET,
  WITHIN_ORG_DIMENSIONS,
  WithinOrgDimension,
  gsetOf,
} from '../rollups/dimensions';
import { SnapshotRef } from './coverage-catalog';
import {
  CoverageDimension,
  CoverageFilter,
  RawMeasures,
  RawRow,
  WITHIN_ORG_FILTERS,
  isRequirementDimension,
  listOf,
} from './coverage-filter';

export type SnapshotPoint = { point: string; refs: SnapshotRef[] };

const KEY_COLUMN: Record<CoverageDimension, string> = {
  REGION: 's.region_code',
  ICB: 's.icb_code',
  PCN: 's.pcn_code',
  PROVIDER: 's.provider_code',
  ORGANISATION: 's.org_code',
  SETTING: 's.setting',
  DEPARTMENT: 'r.department',
  STAFF_GROUP: 'r.staff_group_code',
  CLINICAL_AREA: 'r.clinical_area_code',
  PAY_BAND: 'r.pay_band',
  ARCHETYPE: 'r.archetype_code',
  JOB_ROLE: 'r.job_role',
  MODULE: 'r.module_code',
  LAYER: 'r.layer',
};

const WITHIN = Object.keys(WITHIN_ORG_DIMENSIONS) as WithinOrgDimension[];
const LABEL: Record<WithinOrgDimension, string> = {
  DEPARTMENT: 'department',
  STAFF_GROUP: 'staff group',
  CLINICAL_AREA: 'clinical area',
  PAY_BAND: 'pay band',
  ARCHETYPE: 'archetype',
  JOB_ROLE: 'job role',
};

/**
 * Which stored grouping set answers a query: the within-organisation dimensions it groups by or filters on.
 * Headcount counts a person once per group, so a filter listing several values of a dimension can only be
 * answered from rollups when the rows are also grouped by that dimension.
 */
export function planGroupingSet(filter: CoverageFilter, groupBy: CoverageDimension[]): number {
  const used = new Set<WithinOrgDimension>();
  for (const d of WITHIN) {
    const values = listOf(filter[WITHIN_ORG_FILTERS[d]] as string[] | null);
    if (groupBy.includes(d)) used.add(d);
    else if (values) {
      if (values.length > 1)
        throw new BadRequestException(
          `Filtering on several ${LABEL[d]} values at once needs groupBy ${d}: people with assignments in more than one would otherwise be counted twice.`,
        );
      used.add(d);
    }
  }
  if (used.size > MAX_DIMENSIONS_PER_GROUPING_SET)
    throw new BadRequestException(
      `Coverage can combine at most ${MAX_DIMENSIONS_PER_GROUPING_SET} of department, staff group, clinical area, pay band, archetype and job role across filters and groupBy (this query uses ${[...used].map((d) => LABEL[d]).join(', ')}).`,
    );
  return gsetOf(used);
}

/**
 * Sums rollup rows for every point and group. Never reads person rows, except to write a snapshot's
 * department rows on the first department question about it.
 */
export async function queryRollups(
  db: DataSource,
  points: SnapshotPoint[],
  filter: CoverageFilter,
  groupBy: CoverageDimension[],
): Promise<RawRow[]> {
  const gset = planGroupingSet(filter, groupBy);
  const byRequirement = groupBy.some(isRequirementDimension);
  const moduleCodes = listOf(filter.moduleCodes);
  const layer = filter.layer ?? null;
  const requirementFiltered = moduleCodes !== null || layer !== null;

  if (points.every((p) => p.refs.length === 0)) return [];
  // Department rows are written on the first question about a snapshot (department-rollups.ts).
  if (DEPARTMENT_SETS.has(gset))
    await ensureDepartmentRows(
      db,
      points.flatMap((p) => p.refs),
    );
  const base = snapshotParams(points, groupBy);
  const rows = byRequirement
    ? await requirementQuery(db, base, gset, filter, groupBy, moduleCodes, layer, 'people')
    : await peopleQuery(db, base, gset, filter, groupBy);
  if (!byRequirement && requirementFiltered) {
    // The population stays everyone in the filter; only the requirement pairs are narrowed.
    const pairs = await requirementQuery(db, base, gset, filter, groupBy, moduleCodes, layer, 'pairs');
    const byKey = new Map(pairs.map((p) => [rowKey(p), p.measures]));
    for (const r of rows) {
      const p = byKey.get(rowKey(r));
      r.measures.needed = p?.needed ?? 0;
      r.measures.met = p?.met ?? 0;
    }
  }
  const orgCodes = orgsOfRows(points, rows);
  // A literal, not a spread: see withTarget (row-helpers.ts).
  return rows.map((r, i) => ({ point: r.point, keys: r.keys, orgCodes: orgCodes[i], measures: r.measures }));
}

const rowKey = (r: RawRow) => `${r.point}|${JSON.stringify(r.keys)}`;

/** The snapshot columns a query can need, in the order of SnapshotRef's fields (see snapshotColumns). */
const SNAPSHOT_COLUMNS = [
  ['org_code', 'text'],
  ['as_at', 'date'],
  ['icb_code', 'text'],
  ['region_code', 'text'],
  ['pcn_code', 'text'],
  ['provider_code', 'text'],
  ['setting', 'text'],
] as const;
const GEOGRAPHIC_COLUMN: Partial<Record<CoverageDimension, (typeof SNAPSHOT_COLUMNS)[number][0]>> = {
  ICB: 'icb_code',
  REGION: 'region_code',
  PCN: 'pcn_code',
  PROVIDER: 'provider_code',
  SETTING: 'setting',
};

/**
 * The snapshots CTE and its parameters: the points as small integers (their place in `names`), each
 * snapshot's organisation and date, and only the geographic columns the rows are grouped by. A national trend
 * has 12 x 199 snapshots; sending and unnesting eight text columns of them cost PostgreSQL more than summing
 * the rollup rows they select.
 */
type SnapshotParams = { cte: string; params: string[]; names: string[] };

function snapshotParams(points: SnapshotPoint[], groupBy: CoverageDimension[]): SnapshotParams {
  const used = points.filter((p) => p.refs.length > 0);
  const wanted = new Set(groupBy.map((d) => GEOGRAPHIC_COLUMN[d]).filter((c) => c !== undefined));
  const columns = SNAPSHOT_COLUMNS.map((c, i) => [c, i] as const).filter(
    ([[name]], i) => i < 2 || wanted.has(name),
  );
  const parts = used.map(pointElements);
  const params = [
    `{${used.map((p, i) => pointIndexElements(i, p.refs.length)).join(',')}}`,
    ...columns.map(([, c]) => `{${parts.map((p) => p[c]).join(',')}}`),
  ];
  const names = ['point', ...columns.map(([[name]]) => name)];
  const types = ['int2', ...columns.map(([[, type]]) => type)];
  const cte = `with s(${names.join(', ')}) as (
  select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}))`;
  return { cte, params, names: used.map((p) => p.point) };
}

const pointIndexes = new Map<string, string>();
/** `i,i,...,i` (count times), remembered: the same few shapes come back on every request. */
function pointIndexElements(i: number, count: number): string {
  const key = `${i}x${count}`;
  let out = pointIndexes.get(key);
  if (out === undefined) {
    out = Array(count).fill(i).join(',');
    if (pointIndexes.size > 10_000) pointIndexes.clear();
    pointIndexes.set(key, out);
  }
  return out;
}

/**
 * A point's elements of each snapshot column, remembered with the catalog's list of snapshots for a date (the
 * same array for every national request of that date; replaced with the catalog when the data changes).
 */
const elementsOfRefs = new WeakMap<SnapshotRef[], string[]>();
function pointElements(p: SnapshotPoint): string[] {
  const known = elementsOfRefs.get(p.refs);
  if (known) return known;
  const columns = snapshotColumns(p.refs).map((values) => arrayLiteral(values).slice(1, -1));
  elementsOfRefs.set(p.refs, columns);
  return columns;
}

const PLAIN_ELEMENT = /^[A-Za-z0-9_.:-]+$/;

/** `{a,b,NULL}`: elements quoted (with `"` and `\` escaped) unless plainly safe; null as NULL. */
export function arrayLiteral(values: (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null) out += 'NULL';
    else if (PLAIN_ELEMENT.test(v) && (v.length !== 4 || v.toUpperCase() !== 'NULL')) out += v;
    else out += `"${v.replace(/["\\]/g, '\\$&')}"`;
  }
  return out + '}';
}

function snapshotColumns(refs: SnapshotRef[]) {
  const cols: (string | null)[][] = [[], [], [], [], [], [], []];
  for (const s of refs) {
    cols[0].push(s.orgCode);
    cols[1].push(s.asAt);
    cols[2].push(s.icbCode);
    cols[3].push(s.regionCode);
    cols[4].push(s.pcnCode);
    cols[5].push(s.providerCode);
    cols[6].push(s.setting);
  }
  return cols;
}

type PgPool = { query(sql: string, params: unknown[]): Promise<{ rows: any[] }> };

/**
 * Runs a rollup read on pg's pool under the DataSource rather than through TypeORM's DataSource.query. Through
 * TypeORM's query runner (one per query) every result outlived the request by at least a young-generation
 * collection: measured on a national-shape database, each scavenge promoted 5-14 MB and paused the event
 * loop 8-15 ms (the slowest 5% of cache misses); on the pool directly nothing was promoted and scavenges
 * took about 1 ms. Same pool, connections and type parsers. Anything that is not a DataSource (a
 * transaction's manager) keeps its own connection.
 */
function readRows(db: DataSource, sql: string, params: unknown[]): Promise<any[]> {
  const pool = db instanceof DataSource ? (db.driver as unknown as { master?: PgPool }).master : undefined;
  return pool && typeof pool.query === 'function'
    ? pool.query(sql, params).then((r) => r.rows)
    : db.query(sql, params);
}

function whereWithin(filter: CoverageFilter, params: unknown[]): string {
  const conds: string[] = [];
  for (const d of WITHIN) {
    const values = listOf(filter[WITHIN_ORG_FILTERS[d]] as string[] | null);
    if (!values) continue;
    params.push(values);
    conds.push(`${KEY_COLUMN[d]} = any($${params.length}::text[])`);
  }
  return conds.map((c) => ` and ${c}`).join('');
}

function keySelect(groupBy: CoverageDimension[]) {
  const cols = groupBy.map((d, i) => `${KEY_COLUMN[d]} as k${i}`);
  return {
    select: ['s.point', ...cols].join(', '),
    group: ['s.point', ...groupBy.map((_, i) => `k${i}`)].join(', '),
  };
}

function toRows(
  base: SnapshotParams,
  groupBy: CoverageDimension[],
  rows: any[],
  measures: (r: any) => RawMeasures,
): RawRow[] {
  return rows.map((r) => ({
    point: base.names[r.point],
    keys: Object.fromEntries(groupBy.map((d, i) => [d, r[`k${i}`]])),
    orgCodes: [],
    measures: measures(r),
  }));
}

async function peopleQuery(
  db: DataSource,
  base: SnapshotParams,
  gset: number,
  filter: CoverageFilter,
  groupBy: CoverageDimension[],
): Promise<RawRow[]> {
  const params: unknown[] = [...base.params, gset];
  const gsetParam = `$${params.length}`;
  const where = whereWithin(filter, params);
  const { select, group } = keySelect(groupBy);
  const rows = await readRows(
    db,
    `${base.cte}
     select ${select}, sum(r.headcount)::int as headcount, coalesce(sum(r.fte), 0)::float8 as fte,
            sum(r.role_count)::int as role_count, sum(r.fully_trained)::int as fully_trained,
            sum(r.foundation_met)::int as foundation_met, sum(r.archetype_met)::int as archetype_met,
            sum(r.needed)::int as needed, sum(r.met)::int as met
     from s join coverage_rollup r on r.org_code = s.org_code and r.as_at = s.as_at and r.gset = ${gsetParam}${where}
     group by ${group}`,
    params,
  );
  return toRows(base, groupBy, rows, (r) => ({
    headcount: r.headcount,
    fte: r.fte,
    roleCount: r.role_count,
    needed: r.needed,
    met: r.met,
    fullyTrained: r.fully_trained,
    foundationMet: r.foundation_met,
    archetypeMet: r.archetype_met,
    peopleMet: null,
  }));
}

async function requirementQuery(
  db: DataSource,
  base: SnapshotParams,
  gset: number,
  filter: CoverageFilter,
  groupBy: CoverageDimension[],
  moduleCodes: string[] | null,
  layer: string | null,
  purpose: 'people' | 'pairs',
): Promise<RawRow[]> {
  const params: unknown[] = [...base.params, gset];
  const gsetParam = `$${params.length}`;
  let where = whereWithin(filter, params);
  // Module rows when grouping or filtering by module; otherwise the layer rows (people meeting a whole layer).
  const moduleLevel = moduleCodes !== null || groupBy.includes('MODULE');
  where += moduleLevel ? ` and r.module_code is not null` : ` and r.module_code is null`;
  if (moduleCodes) {
    params.push(moduleCodes);
    where += ` and r.module_code = any($${params.length}::text[])`;
  }
  if (layer) {
    params.push(layer);
    where += ` and r.layer = $${params.length}`;
  }
  const keys = purpose === 'pairs' ? groupBy.filter((d) => !isRequirementDimension(d)) : groupBy;
  const { select, group } = keySelect(keys);
  const rows = await readRows(
    db,
    `${base.cte}
     select ${select}, sum(r.people)::int as people, coalesce(sum(r.fte), 0)::float8 as fte,
            sum(r.role_count)::int as role_count, sum(r.people_met)::int as people_met,
            sum(r.needed)::int as needed, sum(r.met)::int as met
     from s join coverage_module_rollup r on r.org_code = s.org_code and r.as_at = s.as_at and r.gset = ${gsetParam}${where}
     group by ${group}`,
    params,
  );
  // Several modules of a layer per person: "people" of a module-level LAYER row would double count.
  const additivePeople = !(moduleLevel && groupBy.includes('LAYER') && !groupBy.includes('MODULE'));
  return toRows(base, keys, rows, (r) => ({
    headcount: additivePeople ? r.people : null,
    fte: additivePeople ? r.fte : null,
    roleCount: additivePeople ? r.role_count : null,
    needed: r.needed,
    met: r.met,
    fullyTrained: null,
    foundationMet: null,
    archetypeMet: null,
    peopleMet: additivePeople ? r.people_met : null,
  }));
}

/** The organisations a row counts: its own, its ICB's or region's, or every one at that point. */
function orgsOfRows(points: SnapshotPoint[], rows: RawRow[]): string[][] {
  // Grouped once per point and key (not a scan of every snapshot per row: 200 rows x 200 organisations).
  const byPoint = new Map<string, Map<string, string[]>>();
  const groupOf = (point: string, dimension: string, code: string | null | undefined): string[] => {
    let groups = byPoint.get(point);
    if (!groups) byPoint.set(point, (groups = new Map()));
    const key = `${dimension}|${code ?? ''}`;
    let list = groups.get(key);
    if (!list) {
      const refs = points.find((p) => p.point === point)?.refs ?? [];
      list = refs
        .filter((s) =>
          dimension === 'ORGANISATION'
            ? s.orgCode === code
            : dimension === 'ICB'
              ? s.icbCode === code
              : dimension === 'REGION'
                ? s.regionCode === code
                : dimension === 'PCN'
                  ? s.pcnCode === code
                  : dimension === 'PROVIDER'
                    ? s.providerCode === code
                    : dimension === 'SETTING'
                      ? s.setting === code
                      : true,
        )
        .map((s) => s.orgCode);
      groups.set(key, list);
    }
    return list;
  };
  return rows.map((row) => {
    const dimensions = (['ORGANISATION', 'ICB', 'REGION', 'PCN', 'PROVIDER', 'SETTING'] as const).filter(
      (d) => row.keys[d] !== undefined,
    );
    if (dimensions.length === 0) return groupOf(row.point, 'ALL', null);
    // Several geographic keys (e.g. ICB and organisation): the organisations in all of them.
    const [first, ...rest] = dimensions.map((d) => groupOf(row.point, d, row.keys[d]));
    return rest.length ? first.filter((o) => rest.every((l) => l.includes(o))) : first;
  });
}
