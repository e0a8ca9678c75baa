import { EntityManager } from 'typeorm';
import type { SnapshotRef } from '@aiwr/server-core';

/**
 * The clinical area of every assignment in these snapshots from the current mappings: the
 * organisation's own mapping of the area of work, else the national one, else `unmapped`. Set-based:
 * resolved once per distinct (snapshot, area of work), then only assignments whose area changes are
 * rewritten. `keys` narrows the work to area-of-work keys an edit touched. Returns the snapshots that
 * changed and how many people in them moved.
 */
export async function applyAreaMappings(
  m: EntityManager,
  snapshots: SnapshotRef[],
  keys: string[] | null = null,
): Promise<{ changed: SnapshotRef[]; peopleMoved: number }> {
  if (!snapshots.length) return { changed: [], peopleMoved: 0 };
  const moved: { orgCode: string; asAt: string; people: number }[] = await m.query(
    `with snap as (select * from unnest($1::text[], $2::date[]) s(org_code, as_at)),
     vals as (
       select a.org_code, a.as_at, a.area_of_work, match_key(a.area_of_work) as key
       from staff_assignment a join snap using (org_code, as_at)
       where a.area_of_work is not null
       group by 1, 2, 3),
     resolved as (
       select v.org_code, v.as_at, v.area_of_work, coalesce(o.clinical_area_code, n.clinical_area_code, 'unmapped') as code
       from vals v
       left join area_of_work_mapping o on o.org_code = v.org_code and o.area_of_work_key = v.key
       left join area_of_work_mapping n on n.org_code is null and n.area_of_work_key = v.key
       where $3::text[] is null or v.key = any($3)),
     updated as (
       update staff_assignment a set clinical_area_code = r.code
       from resolved r
       where a.org_code = r.org_code and a.as_at = r.as_at and a.area_of_work = r.area_of_work
         and a.clinical_area_code <> r.code
       returning a.org_code, a.as_at, a.person_key)
     select org_code as "orgCode", as_at::text as "asAt", count(distinct person_key)::int as people
     from updated group by 1, 2`,
    [snapshots.map((s) => s.orgCode), snapshots.map((s) => s.asAt), keys],
  );
  return {
    changed: moved.map(({ orgCode, asAt }) => ({ orgCode, asAt })),
    peopleMoved: moved.reduce((n, r) => n + r.people, 0),
  };
}

/**
 * After an import (which maps by the national mapping, once per distinct value): applies the trusts'
 * own overrides to those of these snapshots whose organisation has any.
 */
export async function applyTrustAreaOverrides(m: EntityManager, snapshots: SnapshotRef[]): Promise<void> {
  const rows: { org_code: string }[] = await m.query(
    `select distinct org_code from area_of_work_mapping where org_code = any($1)`,
    [snapshots.map((s) => s.orgCode)],
  );
  const withOverrides = new Set(rows.map((r) => r.org_code));
  await applyAreaMappings(
    m,
    snapshots.filter((s) => withOverrides.has(s.orgCode)),
  );
}
