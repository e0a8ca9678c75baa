import { MigrationInterface, QueryRunner } from 'typeorm';

// A frozen copy of MATCH_KEY_WORDS / MATCH_KEY_PHRASES (libs/shared/domain match-key.ts) as of this
// migration; match-key.int-spec.ts fails if the two drift, and a change to the lists needs a new migration.
const WORDS: [string, string][] = [
  ['paeds', 'paediatrics'],
  ['paed', 'paediatric'],
  ['peds', 'paediatrics'],
  ['pediatrics', 'paediatrics'],
  ['pediatric', 'paediatric'],
  ['gynae', 'gynaecology'],
  ['gyn', 'gynaecology'],
  ['gynecology', 'gynaecology'],
  ['obs', 'obstetrics'],
  ['orthopedics', 'orthopaedics'],
  ['ortho', 'orthopaedics'],
  ['anesthetics', 'anaesthetics'],
  ['anesthesia', 'anaesthesia'],
  ['hematology', 'haematology'],
  ['oncol', 'oncology'],
  ['dept', 'department'],
  ['depts', 'departments'],
  ['svc', 'services'],
  ['svcs', 'services'],
  ['mgmt', 'management'],
  ['mgt', 'management'],
  ['center', 'centre'],
  ['ctr', 'centre'],
  ['admin', 'administrative'],
  ['mh', 'mental health'],
  ['icu', 'intensive care'],
  ['itu', 'intensive care'],
  ['slt', 'speech and language therapy'],
  ['physio', 'physiotherapy'],
];
const PHRASES: [string, string][] = [
  ['a and e', 'accident and emergency'],
  ['o and g', 'obstetrics and gynaecology'],
  ['t and o', 'trauma and orthopaedics'],
  ['s and lt', 'speech and language therapy'],
];
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Reference data a trust can fix in the product (issue 13):
 * - `match_key(text)`: the one matching key for free-text labels (same as matchKey in @aiwr/shared-domain);
 * - area_of_work_mapping keyed by it, national rows (org_code null) and a trust's own overrides;
 * - course_equivalence: a course name counted as a training module, nationally or for one organisation;
 * - unmatched_completion: completions of courses not (yet) in the catalogue, kept pseudonymised so that
 *   a new equivalence counts them without re-importing; training_completion.via_equivalence marks the
 *   rows derived from them;
 * - coverage_target per organisation, region or nationally, with an effective date;
 * - reference_data_change: every edit as a numbered version with author, time, reason, before and after;
 * - pg_trgm for ranked suggestions of the known name an unmatched value most resembles.
 */
export class MappingsEquivalencesTargets1764300000001 implements MigrationInterface {
  name = 'MappingsEquivalencesTargets1764300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pg_trgm`);
    const words = WORDS.map(([a, b]) => `(${lit(a)}, ${lit(b)})`).join(', ');
    const phrases = PHRASES.reduce(
      (sql, [from, to]) => `replace(${sql}, ${lit(` ${from} `)}, ${lit(` ${to} `)})`,
      `' ' || array_to_string(array(
         select coalesce(w.full_word, t.word)
         from unnest(string_to_array(btrim(regexp_replace(regexp_replace(lower(v), '[&+]', ' and ', 'g'), '[^a-z0-9]+', ' ', 'g')), ' '))
              with ordinality t(word, n)
         left join (values ${words}) w(abbreviation, full_word) on w.abbreviation = t.word
         order by t.n), ' ') || ' '`,
    );
    await q.query(`
      create function match_key(v text) returns text
      language sql immutable strict parallel safe
      as $$ select replace(${phrases}, ' ', '') $$`);

    // --- area of work -> clinical area: national rows and a trust's overrides ---------------------
    await q.query(`alter table area_of_work_mapping drop constraint area_of_work_mapping_pkey`);
    await q.query(`
      alter table area_of_work_mapping
        add column org_code text references organisation(code),
        add column area_of_work text,
        add column version int not null default 1`);
    // Keys were folded by case and spaces only; re-key them, keeping one row per new key.
    await q.query(`update area_of_work_mapping set area_of_work = area_of_work_key`);
    await q.query(`
      delete from area_of_work_mapping a using area_of_work_mapping b
      where match_key(a.area_of_work_key) = match_key(b.area_of_work_key) and a.ctid > b.ctid`);
    await q.query(`update area_of_work_mapping set area_of_work_key = match_key(area_of_work_key)`);
    await q.query(
      `create unique index area_of_work_mapping_scope_idx on area_of_work_mapping (coalesce(org_code, ''), area_of_work_key)`,
    );
    await q.query(
      `create index area_of_work_mapping_org_idx on area_of_work_mapping (org_code) where org_code is not null`,
    );

    // --- course name -> training module equivalence ----------------------------------------------
    await q.query(`
      create table course_equivalence (
        org_code text references organisation(code),
        course_key text not null,
        course_name text not null,
        module_code text not null references training_module(code),
        version int not null default 1,
        updated_by text not null,
        updated_at timestamptz not null default now()
      )`);
    await q.query(
      `create unique index course_equivalence_scope_idx on course_equivalence (coalesce(org_code, ''), course_key)`,
    );

    // --- completions of courses not in the catalogue, kept for later equivalences ---------------
    await q.query(`
      create table unmatched_completion (
        org_code text not null references organisation(code),
        person_key text not null,
        course_key text not null,
        source_course text not null,
        completed_on date not null,
        expires_on date,
        import_id uuid references import_record(id),
        primary key (org_code, person_key, course_key, completed_on)
      )`);
    await q.query(
      `create index unmatched_completion_course_idx on unmatched_completion (course_key, org_code)`,
    );
    await q.query(
      `alter table training_completion add column via_equivalence boolean not null default false`,
    );

    // --- coverage targets: organisation, region or national, from an effective date -------------
    await q.query(`drop index coverage_target_scope_idx`);
    await q.query(`
      alter table coverage_target
        add column region_code text references region(code),
        add column effective_from date not null default '2000-01-01',
        add column version int not null default 1,
        add column updated_by text,
        add column updated_at timestamptz not null default now(),
        add constraint coverage_target_one_scope check (org_code is null or region_code is null),
        add constraint coverage_target_module_or_layer check (module_code is null or layer is null)`);
    await q.query(`
      create unique index coverage_target_scope_idx on coverage_target
        (coalesce(org_code, ''), coalesce(region_code, ''), coalesce(layer, ''), coalesce(module_code, ''), effective_from)`);

    // --- history of every edit ---------------------------------------------------------------------
    await q.query(`
      create table reference_data_change (
        id bigint generated always as identity primary key,
        kind text not null check (kind in ('area_of_work', 'course_equivalence', 'coverage_target')),
        org_code text,
        region_code text,
        subject text not null,
        version int not null,
        before jsonb,
        after jsonb,
        author text not null,
        reason text not null,
        at timestamptz not null default now(),
        organisations_reevaluated int not null default 0
      )`);
    await q.query(
      `create index reference_data_change_subject_idx on reference_data_change (kind, coalesce(org_code, ''), subject, version desc)`,
    );
    await q.query(`create index reference_data_change_at_idx on reference_data_change (at desc)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists reference_data_change`);
    await q.query(`drop index if exists coverage_target_scope_idx`);
    await q.query(`delete from coverage_target where org_code is null and region_code is not null`);
    await q.query(`
      alter table coverage_target drop constraint if exists coverage_target_one_scope,
        drop constraint if exists coverage_target_module_or_layer,
        drop column region_code, drop column effective_from, drop column version, drop column updated_by, drop column updated_at`);
    await q.query(
      `create unique index coverage_target_scope_idx on coverage_target (coalesce(org_code, ''), coalesce(layer, ''), coalesce(module_code, ''))`,
    );
    await q.query(`delete from training_completion where via_equivalence`);
    await q.query(`alter table training_completion drop column via_equivalence`);
    await q.query(`drop table if exists unmatched_completion`);
    await q.query(`drop table if exists course_equivalence`);
    await q.query(`delete from area_of_work_mapping where org_code is not null`);
    await q.query(`drop index if exists area_of_work_mapping_scope_idx`);
    await q.query(`drop index if exists area_of_work_mapping_org_idx`);
    await q.query(
      `alter table area_of_work_mapping drop column org_code, drop column area_of_work, drop column version`,
    );
    await q.query(`alter table area_of_work_mapping add primary key (area_of_work_key)`);
    await q.query(`drop function if exists match_key(text)`);
  }
}
