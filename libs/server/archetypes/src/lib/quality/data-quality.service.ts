import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, Caller } from '@aiwr/server-access';
import { ArchetypeDataQualityType } from './data-quality.types';

/** What stops the rules from mapping people well, per organisation (latest snapshot on or before asAt). */
@Injectable()
export class DataQualityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  async report(caller: Caller, orgCode?: string, asAt?: string): Promise<ArchetypeDataQualityType[]> {
    if (orgCode) await this.access.assertOrgsVisible(caller, [orgCode]);
    const orgs = orgCode ? [orgCode] : await this.access.visibleOrgCodes(caller);
    return this.db.query(
      `with snap as (
         select distinct on (s.org_code) s.org_code, s.as_at from staff_snapshot s
         where ($1::text[] is null or s.org_code = any($1)) and ($2::date is null or s.as_at <= $2)
         order by s.org_code, s.as_at desc)
       select s.org_code as "orgCode", o.name as "orgName", s.as_at::text as "asAt",
         (select count(*)::int from person_snapshot ps where ps.org_code = s.org_code and ps.as_at = s.as_at) as headcount,
         (select count(*)::int from person_snapshot ps where ps.org_code = s.org_code and ps.as_at = s.as_at
            and cardinality(ps.archetypes) = 0) as "peopleWithoutArchetype",
         coalesce((select jsonb_agg(x order by x.people desc, x."staffGroupCode", x."jobRole") from (
            select a.staff_group_code as "staffGroupCode", a.job_role as "jobRole", count(distinct a.person_key)::int as people
            from staff_assignment a join person_snapshot ps using (org_code, as_at, person_key)
            where a.org_code = s.org_code and a.as_at = s.as_at and cardinality(ps.archetypes) = 0
            group by a.staff_group_code, a.job_role order by people desc, 1, 2 limit 20) x), '[]') as "unmappedRoles",
         coalesce((select jsonb_agg(x order by x.assignments desc, x."areaOfWork") from (
            select coalesce(a.area_of_work, '(blank)') as "areaOfWork", count(*)::int as assignments,
                   count(distinct a.person_key)::int as people
            from staff_assignment a
            where a.org_code = s.org_code and a.as_at = s.as_at and a.clinical_area_code = 'unmapped'
            group by 1) x), '[]') as "unmappedAreasOfWork",
         u.completions as "unmatchedCompletions", u.people as "unmatchedCompletionPeople"
       from snap s join organisation o on o.code = s.org_code
       cross join lateral (
         select count(*)::int as completions, count(distinct tc.person_key)::int as people
         from training_completion tc
         where tc.org_code = s.org_code
           and not exists (select 1 from person_snapshot ps where ps.org_code = tc.org_code and ps.person_key = tc.person_key)) u
       order by o.name`,
      [orgs, asAt ?? null],
    );
  }
}
