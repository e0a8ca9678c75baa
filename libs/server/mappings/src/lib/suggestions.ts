import { EntityManager } from 'typeorm';
import { MappingSuggestionType } from './mappings.types';

/**
 * Known names an unmatched value most resembles, best first: pg_trgm similarity between the value's
 * folded words and each known name or alias (clinical area names and every mapped area of work for
 * areas; module codes, titles, aliases and declared equivalences for courses), keeping the best
 * name per target. Values that share no trigram with anything get no suggestion.
 */
export async function suggestionsFor(
  m: Pick<EntityManager, 'query'>,
  kind: 'area_of_work' | 'course_equivalence',
  value: string,
  orgCode: string | null,
  limit = 5,
): Promise<MappingSuggestionType[]> {
  const candidates =
    kind === 'area_of_work'
      ? `select c.code, c.name, c.name as known from clinical_area c where c.code <> 'unmapped'
         union all
         select c.code, c.name, coalesce(m.area_of_work, m.area_of_work_key) from area_of_work_mapping m
         join clinical_area c on c.code = m.clinical_area_code
         where m.org_code is null or m.org_code = $2`
      : `select t.code, t.title as name, a as known from training_module t cross join unnest(array[t.code, t.title] || t.aliases) a
         where t.retired_at is null
         union all
         select t.code, t.title, e.course_name from course_equivalence e join training_module t on t.code = e.module_code
         where e.org_code is null or e.org_code = $2`;
  return m.query(
    `select distinct on (score, code) code, name, known as "matchedOn", score from (
       select distinct on (code) code, name, known, round(similarity(lower(known), lower($1))::numeric, 3)::float8 as score
       from (${candidates}) k
       where similarity(lower(known), lower($1)) > 0.1
       order by code, similarity(lower(known), lower($1)) desc) best
     order by score desc, code limit ${Math.min(Math.max(limit, 1), 20)}`,
    [value, orgCode],
  );
}
