import { EntityManager } from 'typeorm';

/** Whole calendar months between two dates (at least 1: consecutive snapshots in one month count as one). */
const MONTHS = `greatest(1, ((extract(year from p.as_at) * 12 + extract(month from p.as_at))
  - (extract(year from p.previous_as_at) * 12 + extract(month from p.previous_as_at)))::int)`;

/**
 * Rebuilds the flows (workforce_flow, module_flow) between every pair of consecutive snapshots of an
 * organisation, and the expiry schedule (module_expiry) of each snapshot, set-based inside the caller's
 * transaction. Called by refreshRollups, so every path that rebuilds coverage rebuilds flows too; a
 * snapshot added or replaced in the middle of a history changes the flows on both sides of it, hence the
 * whole organisation each time (a few joins of consecutive snapshots by person key).
 */
export async function refreshFlows(m: EntityManager, orgCode: string): Promise<void> {
  // Explicit deletes, not the cascade: bulk re-evaluation runs with row triggers (so cascades) off.
  await m.query(`delete from module_flow where org_code = $1`, [orgCode]);
  await m.query(`delete from workforce_flow where org_code = $1`, [orgCode]);
  await m.query(`delete from module_expiry where org_code = $1`, [orgCode]);
  await m.query(
    `create temp table _flow_pair on commit drop as
     select org_code, as_at, previous_as_at from (
       select org_code, as_at, lag(as_at) over (order by as_at) as previous_as_at
       from staff_snapshot where org_code = $1) s
     where previous_as_at is not null`,
    [orgCode],
  );
  await m.query(`analyze _flow_pair`);
  await m.query(
    `
    insert into workforce_flow(org_code, as_at, previous_as_at, months, headcount, joiners, leavers, gained_archetype)
    select p.org_code, p.as_at, p.previous_as_at, ${MONTHS},
      (select count(*) from person_snapshot c where c.org_code = p.org_code and c.as_at = p.as_at)::int,
      (select count(*) from person_snapshot c where c.org_code = p.org_code and c.as_at = p.as_at
         and not exists (select 1 from person_snapshot b where b.org_code = p.org_code
                         and b.as_at = p.previous_as_at and b.person_key = c.person_key))::int,
      (select count(*) from person_snapshot b where b.org_code = p.org_code and b.as_at = p.previous_as_at
         and not exists (select 1 from person_snapshot c where c.org_code = p.org_code
                         and c.as_at = p.as_at and c.person_key = b.person_key))::int,
      (select count(*) from person_snapshot c join person_snapshot b
         on b.org_code = c.org_code and b.as_at = p.previous_as_at and b.person_key = c.person_key
       where c.org_code = p.org_code and c.as_at = p.as_at and not (c.archetypes <@ b.archetypes))::int
    from _flow_pair p`,
  );
  // Each measure is a count over one side of the interval; they are stacked and summed per module.
  await m.query(
    `
    insert into module_flow(org_code, as_at, module_code, layer, needed, met, needed_before, met_before,
                            new_needs, leavers_met, expired, completions)
    select org_code, as_at, module_code, min(layer), sum(needed)::int, sum(met)::int, sum(needed_before)::int,
           sum(met_before)::int, sum(new_needs)::int, sum(leavers_met)::int, sum(expired)::int, sum(completions)::int
    from (
      select p.org_code, p.as_at, n.module_code, n.layer, 1 as needed, n.met::int as met, 0 as needed_before,
             0 as met_before,
             (not exists (select 1 from person_need b where b.org_code = $1 and b.as_at = p.previous_as_at
                          and b.person_key = n.person_key and b.module_code = n.module_code))::int as new_needs,
             0 as leavers_met, 0 as expired, 0 as completions
      from _flow_pair p join person_need n on n.org_code = $1 and n.as_at = p.as_at
      union all
      select p.org_code, p.as_at, b.module_code, b.layer, 0, 0, 1, b.met::int, 0,
             (b.met and not exists (select 1 from person_snapshot c where c.org_code = $1
                                    and c.as_at = p.as_at and c.person_key = b.person_key))::int,
             (b.met and b.expires_on > p.previous_as_at and b.expires_on <= p.as_at)::int, 0
      from _flow_pair p join person_need b on b.org_code = $1 and b.as_at = p.previous_as_at
      union all
      select p.org_code, p.as_at, t.module_code, tm.layer, 0, 0, 0, 0, 0, 0, 0, 1
      from _flow_pair p
      join training_completion t on t.org_code = $1
        and t.completed_on > p.previous_as_at and t.completed_on <= p.as_at
      join training_module tm on tm.code = t.module_code
    ) x
    group by org_code, as_at, module_code`,
    [orgCode],
  );
  await m.query(
    `insert into module_expiry(org_code, as_at, module_code, layer, expires_month, pairs)
     select org_code, as_at, module_code, min(layer), date_trunc('month', expires_on)::date, count(*)::int
     from person_need where org_code = $1 and met and expires_on > as_at
     group by org_code, as_at, module_code, date_trunc('month', expires_on)`,
    [orgCode],
  );
  await m.query(`drop table _flow_pair`);
}
