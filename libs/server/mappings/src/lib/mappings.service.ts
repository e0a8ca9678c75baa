import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { RECOMPUTE, Recompute } from '@aiwr/server-core';
import { CoverageService } from '@aiwr/server-coverage';
import { applyReferenceChange, recordHistory, ReferenceChange } from './reference-change';
import { recomputeAfterReferenceChange } from './recompute';
import { previewReferenceChange } from './preview';
import { suggestionsFor } from './suggestions';
import {
  AreaOfWorkMappingType,
  CourseEquivalenceType,
  CoverageTargetType,
  MappingSuggestionType,
  ReferenceChangeInput,
  ReferenceChangeResultType,
  ReferenceDataChangeType,
  ReferenceKindEnum,
  ReferencePreviewType,
  UnmatchedCourseType,
} from './mappings.types';

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** The input of the API and the CLI as a typed change (fields that do not belong to the kind are refused). */
export function toReferenceChange(i: ReferenceChangeInput): ReferenceChange {
  const orgCode = blankToNull(i.orgCode)?.toUpperCase() ?? null;
  const need = (v: string | null | undefined, what: string) => {
    const x = blankToNull(v);
    if (!x) throw new BadRequestException(`${what} is required.`);
    return x;
  };
  if (i.kind !== ReferenceKindEnum.COVERAGE_TARGET && blankToNull(i.regionCode))
    throw new BadRequestException('Only targets can be set for a region.');
  switch (i.kind) {
    case ReferenceKindEnum.AREA_OF_WORK:
      return {
        kind: 'area_of_work',
        orgCode,
        areaOfWork: need(i.areaOfWork, 'The area of work'),
        clinicalAreaCode: i.remove ? null : need(i.clinicalAreaCode, 'The clinical area'),
      };
    case ReferenceKindEnum.COURSE_EQUIVALENCE:
      return {
        kind: 'course_equivalence',
        orgCode,
        courseName: need(i.courseName, 'The course name'),
        moduleCode: i.remove ? null : need(i.moduleCode, 'The training module'),
      };
    case ReferenceKindEnum.COVERAGE_TARGET:
      if (!i.remove && (i.targetPct === undefined || i.targetPct === null))
        throw new BadRequestException('The target percentage is required.');
      return {
        kind: 'coverage_target',
        orgCode,
        regionCode: blankToNull(i.regionCode)?.toUpperCase() ?? null,
        layer: blankToNull(i.layer),
        moduleCode: blankToNull(i.moduleCode),
        effectiveFrom: blankToNull(i.effectiveFrom) ?? new Date().toISOString().slice(0, 10),
        targetPct: i.remove ? null : (i.targetPct ?? null),
        amberPct: i.remove ? null : (i.amberPct ?? null),
      };
  }
}

const scopeOf = (c: ReferenceChange) => ({
  orgCode: c.orgCode,
  regionCode: c.kind === 'coverage_target' ? c.regionCode : null,
});

/**
 * Area-of-work mappings, course equivalences and coverage targets: listed within the caller's scope,
 * previewed, and changed as audited versions with the affected organisations re-evaluated and their
 * rollups refreshed in the same transaction. Who may change what is AccessPolicy.assertCanEditReference.
 */
@Injectable()
export class MappingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly coverage: CoverageService,
    @Inject(RECOMPUTE) private readonly recompute: Recompute,
  ) {}

  /** National rows plus the organisation rows of `orgCode` (or of every organisation the caller sees). */
  private async orgFilter(caller: Caller, orgCode?: string | null): Promise<string[] | null> {
    if (orgCode) {
      await this.access.assertOrgsVisible(caller, [orgCode]);
      return [orgCode];
    }
    return this.access.visibleOrgCodes(caller);
  }

  async areaMappings(caller: Caller, orgCode?: string | null): Promise<AreaOfWorkMappingType[]> {
    const orgs = await this.orgFilter(caller, orgCode);
    return this.db.query(
      `select m.org_code as "orgCode", coalesce(m.area_of_work, m.area_of_work_key) as "areaOfWork", m.area_of_work_key as key,
              m.clinical_area_code as "clinicalAreaCode", c.name as "clinicalAreaName", m.version,
              m.updated_by as "updatedBy", m.updated_at::text as "updatedAt"
       from area_of_work_mapping m join clinical_area c on c.code = m.clinical_area_code
       where m.org_code is null or ($1::text[] is null or m.org_code = any($1))
       order by m.org_code nulls last, c.sort_order, lower(coalesce(m.area_of_work, m.area_of_work_key))`,
      [orgs],
    );
  }

  async equivalences(caller: Caller, orgCode?: string | null): Promise<CourseEquivalenceType[]> {
    const orgs = await this.orgFilter(caller, orgCode);
    return this.db.query(
      `select e.org_code as "orgCode", e.course_name as "courseName", e.course_key as key, e.module_code as "moduleCode",
              t.title as "moduleTitle", e.version, e.updated_by as "updatedBy", e.updated_at::text as "updatedAt"
       from course_equivalence e join training_module t on t.code = e.module_code
       where e.org_code is null or ($1::text[] is null or e.org_code = any($1))
       order by e.org_code nulls last, lower(e.course_name)`,
      [orgs],
    );
  }

  async targets(caller: Caller, orgCode?: string | null): Promise<CoverageTargetType[]> {
    const orgs = await this.orgFilter(caller, orgCode);
    return this.db.query(
      `select org_code as "orgCode", region_code as "regionCode", layer, module_code as "moduleCode",
              effective_from::text as "effectiveFrom", target_pct::float8 as "targetPct", amber_pct::float8 as "amberPct",
              version, updated_by as "updatedBy"
       from coverage_target
       where org_code is null or ($1::text[] is null or org_code = any($1))
       order by org_code nulls first, region_code nulls first, layer nulls first, module_code nulls first, effective_from desc`,
      [orgs],
    );
  }

  async history(
    caller: Caller,
    kind?: ReferenceKindEnum | null,
    orgCode?: string | null,
  ): Promise<ReferenceDataChangeType[]> {
    const orgs = await this.orgFilter(caller, orgCode);
    return this.db.query(
      `select id::text, kind, org_code as "orgCode", region_code as "regionCode", subject, version,
              before::text as before, after::text as after, author, reason, at::text as at,
              organisations_reevaluated as "organisationsReevaluated"
       from reference_data_change
       where ($1::text is null or kind = $1) and (org_code is null or ($2::text[] is null or org_code = any($2)))
         and ($3::text is null or org_code = $3 or org_code is null)
       order by at desc, id desc limit 200`,
      [kind ?? null, orgs, orgCode ?? null],
    );
  }

  async unmatchedCourses(caller: Caller, orgCode?: string | null): Promise<UnmatchedCourseType[]> {
    const orgs = await this.orgFilter(caller, orgCode);
    return this.db.query(
      `select u.org_code as "orgCode", min(u.source_course) as "courseName", count(*)::int as completions,
              count(distinct u.person_key)::int as people
       from unmatched_completion u
       where ($1::text[] is null or u.org_code = any($1))
         and not exists (select 1 from course_equivalence e where e.course_key = u.course_key and (e.org_code is null or e.org_code = u.org_code))
       group by u.org_code, u.course_key order by completions desc limit 200`,
      [orgs],
    );
  }

  async suggestions(
    caller: Caller,
    kind: ReferenceKindEnum,
    value: string,
    orgCode?: string | null,
  ): Promise<MappingSuggestionType[]> {
    if (kind === ReferenceKindEnum.COVERAGE_TARGET)
      throw new BadRequestException('Targets have no suggestions.');
    // A trust's own overrides are among the known names, so they are offered only within scope.
    if (orgCode) await this.access.assertOrgsVisible(caller, [orgCode]);
    return suggestionsFor(this.db, kind, value, orgCode ?? null);
  }

  async preview(caller: Caller, input: ReferenceChangeInput): Promise<ReferencePreviewType> {
    const change = toReferenceChange(input);
    await this.access.assertCanEditReference(caller, scopeOf(change));
    return previewReferenceChange(this.db, change, await this.access.visibleOrgCodes(caller));
  }

  async change(
    caller: Caller,
    input: ReferenceChangeInput,
    reason: string,
  ): Promise<ReferenceChangeResultType> {
    const change = toReferenceChange(input);
    if (!reason?.trim()) throw new BadRequestException('Say why: a reason is required for every change.');
    await this.access.assertCanEditReference(caller, scopeOf(change));
    const result = await this.db.transaction(async (m) => {
      const applied = await applyReferenceChange(m, change, caller.email);
      const organisationsReevaluated = await recomputeAfterReferenceChange(m, applied.work, this.recompute);
      const version = await recordHistory(m, applied, caller.email, reason.trim(), organisationsReevaluated);
      await this.audit.record(
        caller,
        `reference.${applied.kind}.${applied.after ? 'set' : 'remove'}`,
        applied.subject,
        {
          reason: reason.trim(),
          orgCode: applied.orgCode,
          regionCode: applied.regionCode,
          version,
          before: applied.before,
          after: applied.after,
          organisationsReevaluated,
        },
        m,
      );
      return {
        kind: applied.kind as ReferenceKindEnum,
        subject: applied.subject,
        version,
        organisationsReevaluated,
      };
    });
    // Other processes hear the NOTIFY sent in the transaction; this one answers the next request at once.
    this.coverage.cache.invalidate();
    return result;
  }
}
