import { EntityManager } from 'typeorm';
import { withHashJoins } from '@aiwr/db';

/**
 * For every need in `needs` (columns org_code, as_at, person_key, module_code), the completion that
 * decides it. Meaning (docs/archetypes.md): of the person's completions of the module dated on or before
 * the snapshot date, take the one whose expiry is latest (no expiry beats any date); its expiry is the
 * stored expiry, else completion date + the module's renewal months, else none. The need is met when
 * that expiry is after the snapshot date or there is none. met_on / expires_on describe that completion
 * even when it has lapsed, so "expired" and "never done" can be told apart. Needs without any
 * completion are absent (left-join this).
 *
 * `orgCondition` restricts the completions read to the organisations of `needs` (a condition on `tc`):
 * with hash joins forced, the planner otherwise reads every completion in the country for each
 * organisation (measured: 0.5 s of a 0.9 s per-organisation evaluation at national size).
 */
export const deciderCompletionsSql = (needs: string, orgCondition: string) => `
  select distinct on (n.org_code, n.as_at, n.person_key, n.module_code)
         n.org_code, n.as_at, n.person_key, n.module_code, tc.completed_on,
         coalesce(tc.expires_on, (tc.completed_on + make_interval(months => tm.renewal_months))::date) as expires_on
  from ${needs} n
  join training_completion tc on tc.org_code = n.org_code and tc.person_key = n.person_key
   and tc.module_code = n.module_code and tc.completed_on <= n.as_at and ${orgCondition}
  join training_module tm on tm.code = n.module_code
  order by n.org_code, n.as_at, n.person_key, n.module_code, 6 desc nulls first, tc.completed_on desc`;

export const metSql = (d: string, asAt: string) =>
  `(${d}.completed_on is not null and (${d}.expires_on is null or ${d}.expires_on > ${asAt}))`;

/**
 * After a completions import: recomputes met / met_on / expires_on and person_snapshot.modules_needed /
 * modules_met for every snapshot of those organisations, inside the caller's transaction.
 */
export function refreshNeedsMet(m: EntityManager, orgCodes: string[]): Promise<void> {
  return withHashJoins(m, async () => {
    await m.query(
      `with scoped as (select org_code, as_at, person_key, module_code from person_need where org_code = any($1)),
       decider as (${deciderCompletionsSql('scoped', 'tc.org_code = any($1)')}),
       target as (
         select s.org_code, s.as_at, s.person_key, s.module_code, ${metSql('d', 's.as_at')} as met,
                d.completed_on as met_on, d.expires_on
         from scoped s left join decider d using (org_code, as_at, person_key, module_code))
       update person_need pn set met = t.met, met_on = t.met_on, expires_on = t.expires_on
       from target t
       where pn.org_code = t.org_code and pn.as_at = t.as_at and pn.person_key = t.person_key and pn.module_code = t.module_code
         and (pn.met, pn.met_on, pn.expires_on) is distinct from (t.met, t.met_on, t.expires_on)`,
      [orgCodes],
    );
    await m.query(
      `with counts as (
         select org_code, as_at, person_key, count(*)::int as needed, count(*) filter (where met)::int as met
         from person_need where org_code = any($1) group by org_code, as_at, person_key)
       update person_snapshot ps set modules_needed = coalesce(c.needed, 0), modules_met = coalesce(c.met, 0)
       from person_snapshot p left join counts c using (org_code, as_at, person_key)
       where p.org_code = any($1) and ps.org_code = p.org_code and ps.as_at = p.as_at and ps.person_key = p.person_key
         and (ps.modules_needed, ps.modules_met) is distinct from (coalesce(c.needed, 0), coalesce(c.met, 0))`,
      [orgCodes],
    );
  });
}
