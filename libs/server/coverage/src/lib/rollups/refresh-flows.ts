import { EntityManager } from 'typeorm';
import { SnapshotScope } from '@aiwr/db';

/** Whole calendar months between two dates (at least 1: consecutive snapshots in one month count as one). */
const MONTHS = `greatest(1, ((extract(year from p.as_at) * 12 + extract(month from p.as_at))
  - (extract(year from p.previous_as_at) * 12 + extract(month from p.previous_as_at)))::int)`;

/**
 * Rebuilds the flows (workforce_flow, module_flow) between consecutive snapshots of the scope's
 * organisations, and the expiry schedule (module_expiry) of the scope's snapshots, set-based inside the
 * caller's transaction, for all organisations at once. Called by refreshCoverage, so every path that
 * rebuilds coverage rebuilds flows too.
 *
 * A pair's flows depend only on its two snapshots' person rows (and the organisation's completions,
 * which change only with a completions import, whose scope is every snapshot of the organisation). So
 * the pairs rebuilt are those with an end among the scope's snapshots, plus any pair whose stored row
 * is missing or names another previous snapshot (a snapshot added in the middle of a history, or
 * flows never built): the result is the same as rebuilding every pair of the organisation, without
 * reading its whole history when one month changes. Rows of pairs that no longer exist are removed.
 * Every join is a hash join on the whole key, person rows are read through their (organisation,
 * as-at) index, and the pairs are an analysed work table.
 */
export async function refreshFlows(m: EntityManager, scope: SnapshotScope): Promise<void> {
  const orgs = [scope.orgCodes];
  await m.query(`drop table if exists pg_temp._flow_all, pg_temp._flow_pair`);
  await m.query(
    `create temp table _flow_all as
     select org_code, as_at, lag(as_at) over (partition by org_code order by as_at) as previous_as_at
     from staff_snapshot where org_code = any($1::text[])`,
    orgs,
  );
  await m.query(`analyze _flow_all`);
  await m.query(
    `create temp table _flow_pair as
     select p.org_code, p.as_at, p.previous_as_at
     from _flow_all p
     left join ${scope.table} c on c.org_code = p.org_code and c.as_at = p.as_at
     left join ${scope.table} b on b.org_code = p.org_code and b.as_at = p.previous_as_at
     left join (select org_code, as_at, previous_as_at from workforce_flow where org_code = any($1::text[])) f
       on f.org_code = p.org_code and f.as_at = p.as_at
     where p.previous_as_at is not null
       and (c.org_code is not null or b.org_code is not null or f.previous_as_at is distinct from p.previous_as_at)`,
    orgs,
  );
  await m.query(`analyze _flow_pair`);

  // Explicit deletes, not the cascade: bulk re-evaluation runs with row triggers (so cascades) off.
  // Rebuilt pairs, and rows whose snapshot no longer follows an earlier one.
  for (const table of ['module_flow', 'workforce_flow'])
    await m.query(
      `delete from ${table} t where t.org_code = any($1::text[])
         and ((t.org_code, t.as_at) in (select org_code, as_at from _flow_pair)
              or (t.org_code, t.as_at) not in (select org_code, as_at from _flow_all where previous_as_at is not null))`,
      orgs,
    );
  await m.query(
    `delete from module_expiry t where t.org_code = any($1::text[])
       and ((t.org_code, t.as_at) in (select org_code, as_at from ${scope.table})
            or (t.org_code, t.as_at) not in (select org_code, as_at from _flow_all))`,
    orgs,
  );
  const [{ dates }] = await m.query(
    `select coalesce(array_agg(distinct d::text), '{}') as dates
     from _flow_pair, unnest(array[as_at, previous_as_at]) d`,
  );
  // Both ends of every rebuilt pair, read once through the index: (pair, side, person).
  const ends = (table: string, columns: string) => `
    select p.org_code, p.as_at, p.previous_as_at, ${columns}
    from _flow_pair p join ${table} x on x.org_code = p.org_code and x.as_at = p.as_at
    where x.org_code = any($1::text[]) and x.as_at = any($2::date[])`;
  const before = (table: string, columns: string) => `
    select p.org_code, p.as_at, p.previous_as_at, ${columns}
    from _flow_pair p join ${table} x on x.org_code = p.org_code and x.as_at = p.previous_as_at
    where x.org_code = any($1::text[]) and x.as_at = any($2::date[])`;
  const params = [scope.orgCodes, dates];

  await m.query(
    `
    with c as (${ends('person_snapshot', 'x.person_key, x.archetypes')}),
         b as (${before('person_snapshot', 'x.person_key, x.archetypes')}),
         counted as (
           select coalesce(c.org_code, b.org_code) as org_code, coalesce(c.as_at, b.as_at) as as_at,
                  count(c.person_key)::int as headcount,
                  (count(*) filter (where b.person_key is null))::int as joiners,
                  (count(*) filter (where c.person_key is null))::int as leavers,
                  (count(*) filter (where c.person_key is not null and b.person_key is not null
                                    and not (c.archetypes <@ b.archetypes)))::int as gained_archetype
           from c full join b on b.org_code = c.org_code and b.as_at = c.as_at and b.person_key = c.person_key
           group by 1, 2)
    insert into workforce_flow(org_code, as_at, previous_as_at, months, headcount, joiners, leavers, gained_archetype)
    select p.org_code, p.as_at, p.previous_as_at, ${MONTHS}, coalesce(k.headcount, 0), coalesce(k.joiners, 0),
           coalesce(k.leavers, 0), coalesce(k.gained_archetype, 0)
    from _flow_pair p left join counted k on k.org_code = p.org_code and k.as_at = p.as_at`,
    params,
  );
  // Each measure is a count over one side of the interval; they are stacked and summed per module.
  await m.query(
    `
    with n as (${ends('person_need', 'x.person_key, x.module_code, x.layer, x.met')}),
         nb as (${before('person_need', 'x.person_key, x.module_code, x.layer, x.met, x.expires_on')}),
         c as (${ends('person_snapshot', 'x.person_key')})
    insert into module_flow(org_code, as_at, module_code, layer, needed, met, needed_before, met_before,
                            new_needs, leavers_met, expired, completions)
    select org_code, as_at, module_code, min(layer), sum(needed)::int, sum(met)::int, sum(needed_before)::int,
           sum(met_before)::int, sum(new_needs)::int, sum(leavers_met)::int, sum(expired)::int, sum(completions)::int
    from (
      select n.org_code, n.as_at, n.module_code, n.layer, 1 as needed, n.met::int as met, 0 as needed_before,
             0 as met_before, (b.person_key is null)::int as new_needs, 0 as leavers_met, 0 as expired,
             0 as completions
      from n left join nb b on b.org_code = n.org_code and b.as_at = n.as_at and b.person_key = n.person_key
        and b.module_code = n.module_code
      union all
      select b.org_code, b.as_at, b.module_code, b.layer, 0, 0, 1, b.met::int, 0,
             (b.met and c.person_key is null)::int,
             (b.met and b.expires_on > b.previous_as_at and b.expires_on <= b.as_at)::int, 0
      from nb b left join c on c.org_code = b.org_code and c.as_at = b.as_at and c.person_key = b.person_key
      union all
      select p.org_code, p.as_at, t.module_code, tm.layer, 0, 0, 0, 0, 0, 0, 0, 1
      from _flow_pair p
      join training_completion t on t.org_code = p.org_code
        and t.completed_on > p.previous_as_at and t.completed_on <= p.as_at
      join training_module tm on tm.code = t.module_code
      where t.org_code = any($1::text[])
    ) x
    group by org_code, as_at, module_code`,
    params,
  );
  await m.query(
    `insert into module_expiry(org_code, as_at, module_code, layer, expires_month, pairs)
     select org_code, as_at, module_code, min(layer), date_trunc('month', expires_on)::date, count(*)::int
     from person_need t where ${scope.where('t')} and met and expires_on > as_at
     group by org_code, as_at, module_code, date_trunc('month', expires_on)`,
    scope.params,
  );
  await m.query(`drop table _flow_all, _flow_pair`);
}
