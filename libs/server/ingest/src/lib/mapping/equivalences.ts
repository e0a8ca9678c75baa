import { EntityManager } from 'typeorm';

/**
 * Rebuilds the completions these organisations have through equivalences: every kept completion of a
 * course outside the catalogue (unmatched_completion) whose course is now named by the organisation's
 * own equivalence, else a national one, else by a catalogue module's code, title or alias, becomes a
 * training_completion marked via_equivalence. Rows from earlier rebuilds are replaced, so removing an
 * equivalence removes what it counted; a completion imported under a catalogue name is never touched.
 */
export async function rebuildEquivalentCompletions(m: EntityManager, orgCodes: string[]): Promise<number> {
  if (!orgCodes.length) return 0;
  await m.query(`delete from training_completion where via_equivalence and org_code = any($1)`, [orgCodes]);
  const [{ n }] = await m.query(
    `with keys as (
       select distinct org_code, course_key from unmatched_completion where org_code = any($1)),
     catalogue as (
       select distinct on (match_key(a)) match_key(a) as course_key, t.code as module_code
       from training_module t cross join unnest(array[t.code, t.title] || t.aliases) a
       where t.retired_at is null order by match_key(a), t.code),
     resolved as (
       select k.org_code, k.course_key, coalesce(o.module_code, n.module_code, c.module_code) as module_code
       from keys k
       left join course_equivalence o on o.org_code = k.org_code and o.course_key = k.course_key
       left join course_equivalence n on n.org_code is null and n.course_key = k.course_key
       left join catalogue c on c.course_key = k.course_key),
     written as (
       insert into training_completion(org_code, person_key, module_code, completed_on, expires_on, source_course, import_id, via_equivalence)
       select distinct on (u.org_code, u.person_key, r.module_code, u.completed_on)
              u.org_code, u.person_key, r.module_code, u.completed_on,
              coalesce(u.expires_on, (u.completed_on + make_interval(months => t.renewal_months))::date),
              u.source_course, u.import_id, true
       from unmatched_completion u
       join resolved r on r.org_code = u.org_code and r.course_key = u.course_key
       join training_module t on t.code = r.module_code and t.retired_at is null
       order by u.org_code, u.person_key, r.module_code, u.completed_on, u.expires_on desc nulls first
       on conflict (org_code, person_key, module_code, completed_on) do nothing
       returning 1)
     select count(*)::int as n from written`,
    [orgCodes],
  );
  return n;
}
