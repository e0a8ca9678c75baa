import { EntityManager } from 'typeorm';

/**
 * Marks each need met or unmet from the completions, for every snapshot of the given organisations
 * (or only the snapshot dated `asAt`), then recounts person_snapshot.modules_needed / modules_met.
 *
 * Meaning (docs/archetypes.md): of the person's completions of the module dated on or before the
 * snapshot date, take the one whose expiry is latest (no expiry beats any date); its expiry is the
 * stored expiry, else completion date + the module's renewal months, else none. The need is met when
 * that expiry is after the snapshot date or there is none. met_on / expires_on describe that
 * completion even when it has lapsed, so "expired" and "never done" can be told apart.
 */
export async function applyCompletions(
  m: EntityManager,
  orgCodes: string[],
  asAt: string | null = null,
): Promise<void> {
  await m.query(
    `with best as (
       select distinct on (pn.org_code, pn.as_at, pn.person_key, pn.module_code)
              pn.org_code, pn.as_at, pn.person_key, pn.module_code, c.completed_on, c.expires_on
       from person_need pn
       join training_module tm on tm.code = pn.module_code
       join lateral (
         select tc.completed_on,
                coalesce(tc.expires_on, (tc.completed_on + make_interval(months => tm.renewal_months))::date) as expires_on
         from training_completion tc
         where tc.org_code = pn.org_code and tc.person_key = pn.person_key and tc.module_code = pn.module_code
           and tc.completed_on <= pn.as_at) c on true
       where pn.org_code = any($1) and ($2::date is null or pn.as_at = $2)
       order by pn.org_code, pn.as_at, pn.person_key, pn.module_code,
                c.expires_on is null desc, c.expires_on desc, c.completed_on desc),
     target as (
       select pn.org_code, pn.as_at, pn.person_key, pn.module_code,
              b.completed_on is not null and (b.expires_on is null or b.expires_on > pn.as_at) as met,
              b.completed_on as met_on, b.expires_on
       from person_need pn
       left join best b using (org_code, as_at, person_key, module_code)
       where pn.org_code = any($1) and ($2::date is null or pn.as_at = $2))
     update person_need pn set met = t.met, met_on = t.met_on, expires_on = t.expires_on
     from target t
     where pn.org_code = t.org_code and pn.as_at = t.as_at and pn.person_key = t.person_key and pn.module_code = t.module_code
       and (pn.met, pn.met_on, pn.expires_on) is distinct from (t.met, t.met_on, t.expires_on)`,
    [orgCodes, asAt],
  );
  await m.query(
    `with counts as (
       select ps.org_code, ps.as_at, ps.person_key,
              count(pn.module_code)::int as needed, count(*) filter (where pn.met)::int as met
       from person_snapshot ps
       left join person_need pn using (org_code, as_at, person_key)
       where ps.org_code = any($1) and ($2::date is null or ps.as_at = $2)
       group by ps.org_code, ps.as_at, ps.person_key)
     update person_snapshot ps set modules_needed = c.needed, modules_met = c.met
     from counts c
     where ps.org_code = c.org_code and ps.as_at = c.as_at and ps.person_key = c.person_key
       and (ps.modules_needed, ps.modules_met) is distinct from (c.needed, c.met)`,
    [orgCodes, asAt],
  );
}

/**
 * After a completions import: recomputes met / met_on / expires_on and person_snapshot.modules_met for
 * every snapshot of those organisations, inside the caller's transaction.
 */
export function refreshNeedsMet(m: EntityManager, orgCodes: string[]): Promise<void> {
  return applyCompletions(m, orgCodes, null);
}
