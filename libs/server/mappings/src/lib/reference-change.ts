import { BadRequestException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { matchKey } from '@aiwr/shared-domain';
import { currentSnapshots } from '@aiwr/server-archetypes';
import { applyAreaMappings, rebuildEquivalentCompletions } from '@aiwr/server-ingest';
import { RecomputeWork } from './recompute';

export type ReferenceKind = 'area_of_work' | 'course_equivalence' | 'coverage_target';

/**
 * One edit of reference data. A null mapping (clinicalAreaCode, moduleCode, targetPct) removes the
 * row of that scope, so the next wider scope applies again (a trust's override falls back to the
 * national mapping, a national mapping to Unmapped / not in the catalogue, a target to the wider one).
 */
export type ReferenceChange =
  | { kind: 'area_of_work'; orgCode: string | null; areaOfWork: string; clinicalAreaCode: string | null }
  | { kind: 'course_equivalence'; orgCode: string | null; courseName: string; moduleCode: string | null }
  | {
      kind: 'coverage_target';
      orgCode: string | null;
      regionCode: string | null;
      layer: string | null;
      moduleCode: string | null;
      effectiveFrom: string;
      targetPct: number | null;
      amberPct: number | null;
    };

export type AppliedChange = {
  kind: ReferenceKind;
  orgCode: string | null;
  regionCode: string | null;
  subject: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  work: RecomputeWork;
};

const bad = (message: string) => new BadRequestException(message);

async function mustExist(m: EntityManager, table: string, code: string | null, what: string) {
  if (code === null) return;
  const [row] = await m.query(`select 1 from ${table} where code = $1`, [code]);
  if (!row) throw bad(`Unknown ${what} "${code}".`);
}

/**
 * Writes one edit to its current table, in the caller's transaction, and does the set-based data
 * work it implies (re-mapping the current snapshots, rebuilding completions via equivalences).
 * Returns what changed and what must be recomputed; history and audit are the caller's.
 */
export async function applyReferenceChange(
  m: EntityManager,
  c: ReferenceChange,
  author: string,
): Promise<AppliedChange> {
  await mustExist(m, 'organisation', c.orgCode, 'organisation');
  switch (c.kind) {
    case 'area_of_work':
      return applyAreaChange(m, c, author);
    case 'course_equivalence':
      return applyCourseChange(m, c, author);
    case 'coverage_target':
      return applyTargetChange(m, c, author);
  }
}

async function applyAreaChange(
  m: EntityManager,
  c: Extract<ReferenceChange, { kind: 'area_of_work' }>,
  author: string,
): Promise<AppliedChange> {
  const key = matchKey(c.areaOfWork);
  if (!key) throw bad('An area of work needs at least one letter or digit.');
  if (c.clinicalAreaCode === 'unmapped') throw bad('Remove the mapping instead of mapping to Unmapped.');
  await mustExist(m, 'clinical_area', c.clinicalAreaCode, 'clinical area');
  const [before] = await m.query(
    `select area_of_work as "areaOfWork", clinical_area_code as "clinicalAreaCode", version
     from area_of_work_mapping where coalesce(org_code, '') = coalesce($1, '') and area_of_work_key = $2`,
    [c.orgCode, key],
  );
  if (c.clinicalAreaCode === null)
    await m.query(
      `delete from area_of_work_mapping where coalesce(org_code, '') = coalesce($1, '') and area_of_work_key = $2`,
      [c.orgCode, key],
    );
  else
    await m.query(
      `insert into area_of_work_mapping(org_code, area_of_work_key, area_of_work, clinical_area_code, updated_by, updated_at, version)
       values ($1, $2, $3, $4, $5, now(), 1)
       on conflict ((coalesce(org_code, '')), area_of_work_key) do update
         set area_of_work = excluded.area_of_work, clinical_area_code = excluded.clinical_area_code,
             updated_by = excluded.updated_by, updated_at = now(), version = area_of_work_mapping.version + 1`,
      [c.orgCode, key, c.areaOfWork.trim(), c.clinicalAreaCode, author],
    );
  // A national edit reaches every organisation without its own mapping of the value; an override, one.
  const snapshots = await currentSnapshots(m, c.orgCode ? [c.orgCode] : null);
  const { changed } = await applyAreaMappings(m, snapshots, [key]);
  return {
    kind: 'area_of_work',
    orgCode: c.orgCode,
    regionCode: null,
    subject: key,
    before: before ?? null,
    after: c.clinicalAreaCode
      ? { areaOfWork: c.areaOfWork.trim(), clinicalAreaCode: c.clinicalAreaCode }
      : null,
    work: { snapshots: changed, completionsOf: [], figuresChanged: true },
  };
}

async function applyCourseChange(
  m: EntityManager,
  c: Extract<ReferenceChange, { kind: 'course_equivalence' }>,
  author: string,
): Promise<AppliedChange> {
  const key = matchKey(c.courseName);
  if (!key) throw bad('A course name needs at least one letter or digit.');
  const [module] = c.moduleCode
    ? await m.query(`select code, retired_at from training_module where code = $1`, [c.moduleCode])
    : [null];
  if (c.moduleCode && (!module || module.retired_at))
    throw bad(`Unknown or retired training module "${c.moduleCode}".`);
  const [catalogue] = await m.query(
    `select t.code from training_module t cross join unnest(array[t.code, t.title] || t.aliases) a
     where t.retired_at is null and match_key(a) = $1 limit 1`,
    [key],
  );
  if (catalogue)
    throw bad(
      `"${c.courseName}" is already a name of ${catalogue.code} in the catalogue; no equivalence is needed.`,
    );
  const [before] = await m.query(
    `select course_name as "courseName", module_code as "moduleCode", version
     from course_equivalence where coalesce(org_code, '') = coalesce($1, '') and course_key = $2`,
    [c.orgCode, key],
  );
  if (c.moduleCode === null)
    await m.query(
      `delete from course_equivalence where coalesce(org_code, '') = coalesce($1, '') and course_key = $2`,
      [c.orgCode, key],
    );
  else
    await m.query(
      `insert into course_equivalence(org_code, course_key, course_name, module_code, updated_by, updated_at, version)
       values ($1, $2, $3, $4, $5, now(), 1)
       on conflict ((coalesce(org_code, '')), course_key) do update
         set course_name = excluded.course_name, module_code = excluded.module_code, updated_by = excluded.updated_by,
             updated_at = now(), version = course_equivalence.version + 1`,
      [c.orgCode, key, c.courseName.trim(), c.moduleCode, author],
    );
  const orgs: string[] = (
    await m.query(
      `select distinct org_code from unmatched_completion where course_key = $1 and ($2::text is null or org_code = $2) order by 1`,
      [key, c.orgCode],
    )
  ).map((r: { org_code: string }) => r.org_code);
  await rebuildEquivalentCompletions(m, orgs);
  return {
    kind: 'course_equivalence',
    orgCode: c.orgCode,
    regionCode: null,
    subject: key,
    before: before ?? null,
    after: c.moduleCode ? { courseName: c.courseName.trim(), moduleCode: c.moduleCode } : null,
    work: { snapshots: [], completionsOf: orgs, figuresChanged: true },
  };
}

const LAYERS = ['foundation', 'archetype', 'product'];

async function applyTargetChange(
  m: EntityManager,
  c: Extract<ReferenceChange, { kind: 'coverage_target' }>,
  author: string,
): Promise<AppliedChange> {
  if (c.orgCode && c.regionCode)
    throw bad('A target is for one organisation, one region or the whole country.');
  if (c.layer && c.moduleCode) throw bad('A target is for one module or one layer, not both.');
  if (c.layer && !LAYERS.includes(c.layer)) throw bad(`Unknown layer "${c.layer}".`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.effectiveFrom) || Number.isNaN(Date.parse(c.effectiveFrom)))
    throw bad('The effective date must be a date in YYYY-MM-DD form.');
  await mustExist(m, 'region', c.regionCode, 'region');
  await mustExist(m, 'training_module', c.moduleCode, 'training module');
  if (c.targetPct !== null) {
    const amber = c.amberPct ?? c.targetPct;
    if (c.targetPct < 0 || c.targetPct > 100 || amber < 0 || amber > 100)
      throw bad('Targets are percentages between 0 and 100.');
    if (amber > c.targetPct) throw bad('The amber threshold cannot be above the target.');
  }
  const scope = `coalesce(org_code, '') = coalesce($1, '') and coalesce(region_code, '') = coalesce($2, '')
    and coalesce(layer, '') = coalesce($3, '') and coalesce(module_code, '') = coalesce($4, '') and effective_from = $5`;
  const params = [c.orgCode, c.regionCode, c.layer, c.moduleCode, c.effectiveFrom];
  const [before] = await m.query(
    `select target_pct::float8 as "targetPct", amber_pct::float8 as "amberPct", version from coverage_target where ${scope}`,
    params,
  );
  if (c.targetPct === null) await m.query(`delete from coverage_target where ${scope}`, params);
  else
    await m.query(
      `insert into coverage_target(org_code, region_code, layer, module_code, effective_from, target_pct, amber_pct, updated_by, updated_at, version)
       values ($1, $2, $3, $4, $5, $6, $7, $8, now(), 1)
       on conflict ((coalesce(org_code, '')), (coalesce(region_code, '')), (coalesce(layer, '')), (coalesce(module_code, '')), effective_from)
       do update set target_pct = excluded.target_pct, amber_pct = excluded.amber_pct, updated_by = excluded.updated_by,
                     updated_at = now(), version = coverage_target.version + 1`,
      [...params, c.targetPct, c.amberPct ?? c.targetPct, author],
    );
  return {
    kind: 'coverage_target',
    orgCode: c.orgCode,
    regionCode: c.regionCode,
    subject: `${c.moduleCode ?? c.layer ?? 'all'}@${c.effectiveFrom}`,
    before: before ?? null,
    after:
      c.targetPct === null
        ? null
        : { targetPct: c.targetPct, amberPct: c.amberPct ?? c.targetPct, effectiveFrom: c.effectiveFrom },
    work: { snapshots: [], completionsOf: [], figuresChanged: true },
  };
}

/** Appends the edit to reference_data_change as the next version of its subject; returns that version. */
export async function recordHistory(
  m: EntityManager,
  a: AppliedChange,
  author: string,
  reason: string,
  organisationsReevaluated: number,
): Promise<number> {
  const [{ version }] = await m.query(
    `insert into reference_data_change(kind, org_code, region_code, subject, version, before, after, author, reason, organisations_reevaluated)
     select $1, $2, $3, $4, coalesce(max(version), 0) + 1, $5, $6, $7, $8, $9
     from reference_data_change
     where kind = $1 and coalesce(org_code, '') = coalesce($2, '') and coalesce(region_code, '') = coalesce($3, '') and subject = $4
     returning version`,
    [a.kind, a.orgCode, a.regionCode, a.subject, a.before, a.after, author, reason, organisationsReevaluated],
  );
  return version;
}
