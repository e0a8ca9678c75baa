import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole first schema. Tables that grow with the workforce carry `org_code` first in their key so a
 * later move to Citus can distribute them by organisation (see docs/architecture.md); small reference
 * tables become Citus reference tables as they are.
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`create extension if not exists pgcrypto`);

    // --- organisation hierarchy (time-versioned) -------------------------------------------------
    await q.query(`
      create table region (
        code text primary key,
        name text not null,
        ons_code text,
        valid_from date not null default '2019-04-01',
        valid_to date,
        is_current boolean generated always as (valid_to is null) stored
      )`);
    await q.query(`
      create table icb (
        code text primary key,
        name text not null,
        region_code text not null references region(code),
        valid_from date not null,
        valid_to date,
        successor_codes text[] not null default '{}',
        check (valid_to is null or valid_to >= valid_from)
      )`);
    await q.query(`create index icb_region_idx on icb(region_code)`);
    await q.query(`
      create table organisation (
        code text primary key check (length(code) in (3, 5)),
        name text not null,
        region_code text references region(code),
        icb_code text references icb(code),
        open_date date not null,
        close_date date,
        postcode text,
        trust_type text,
        size_band text
      )`);
    await q.query(`create index organisation_icb_idx on organisation(icb_code)`);
    await q.query(`create index organisation_region_idx on organisation(region_code)`);
    // Which ICB an organisation belonged to over time (the ODS extract gives the current host ICB).
    await q.query(`
      create table organisation_icb_membership (
        org_code text not null references organisation(code),
        icb_code text not null references icb(code),
        valid_from date not null,
        valid_to date,
        primary key (org_code, valid_from)
      )`);

    // --- reference lists -------------------------------------------------------------------------
    await q.query(`
      create table staff_group (
        code text primary key check (code ~ '^[0-9]{2}$'),
        name text not null unique,
        esr_label text not null
      )`);
    await q.query(`
      create table clinical_area (
        code text primary key,
        name text not null unique,
        sort_order int not null default 0
      )`);
    // Editable: which free-text area of work (normalised lower-case) belongs to which clinical area.
    await q.query(`
      create table area_of_work_mapping (
        area_of_work_key text primary key,
        clinical_area_code text not null references clinical_area(code),
        updated_by text,
        updated_at timestamptz not null default now()
      )`);
    await q.query(`
      create table pay_band (
        code text primary key,
        label text not null,
        kind text not null check (kind in ('afc', 'medical', 'other')),
        sort_order int not null
      )`);

    // --- archetypes, training catalogue, requirements, rules, targets ----------------------------
    await q.query(`
      create table archetype (
        code text primary key,
        name text not null,
        description text not null,
        sort_order int not null
      )`);
    await q.query(`
      create table training_module (
        code text primary key,
        title text not null,
        layer text not null check (layer in ('foundation', 'archetype', 'product')),
        provider text,
        renewal_months int check (renewal_months is null or renewal_months > 0),
        framework_level int check (framework_level between 1 and 4),
        aliases text[] not null default '{}',
        description text,
        retired_at timestamptz
      )`);
    await q.query(`
      create table archetype_requirement (
        archetype_code text not null references archetype(code),
        module_code text not null references training_module(code),
        primary key (archetype_code, module_code)
      )`);
    // A rule is a chain of versions; exactly one version per rule is current (valid_to is null).
    await q.query(`
      create table archetype_rule (
        rule_id text not null,
        version int not null,
        position int not null,
        description text not null,
        conditions jsonb not null,
        archetypes text[] not null,
        source text,
        author text not null,
        reason text not null,
        valid_from timestamptz not null default now(),
        valid_to timestamptz,
        primary key (rule_id, version)
      )`);
    await q.query(
      `create unique index archetype_rule_current_idx on archetype_rule(rule_id) where valid_to is null`,
    );
    await q.query(`
      create table coverage_target (
        id bigint generated always as identity primary key,
        org_code text references organisation(code),
        layer text check (layer in ('foundation', 'archetype', 'product')),
        module_code text references training_module(code),
        target_pct numeric(5,2) not null default 90 check (target_pct between 0 and 100),
        amber_pct numeric(5,2) not null default 75 check (amber_pct between 0 and 100),
        check (amber_pct <= target_pct)
      )`);
    await q.query(
      `create unique index coverage_target_scope_idx on coverage_target (coalesce(org_code, ''), coalesce(layer, ''), coalesce(module_code, ''))`,
    );
    // AI products a trust deploys, and who will use them (product-layer requirements).
    await q.query(`
      create table ai_product (
        org_code text not null references organisation(code),
        product_code text not null,
        name text not null,
        module_code text not null references training_module(code),
        live_from date not null,
        live_to date,
        primary key (org_code, product_code)
      )`);
    await q.query(`
      create table ai_product_audience (
        org_code text not null,
        product_code text not null,
        audience_id bigint generated always as identity,
        staff_group_code text references staff_group(code),
        clinical_area_code text references clinical_area(code),
        department text,
        primary key (org_code, product_code, audience_id),
        foreign key (org_code, product_code) references ai_product(org_code, product_code) on delete cascade
      )`);

    // --- users, roles, scopes, sessions, audit ---------------------------------------------------
    await q.query(`
      create table app_user (
        id uuid primary key default gen_random_uuid(),
        email text not null unique,
        display_name text not null,
        role text not null check (role in ('trust_lead', 'planner', 'analyst', 'admin')),
        password_hash text,
        oidc_subject text unique,
        disabled_at timestamptz,
        created_at timestamptz not null default now()
      )`);
    await q.query(`
      create table user_scope (
        user_id uuid not null references app_user(id) on delete cascade,
        scope_type text not null check (scope_type in ('national', 'region', 'icb', 'organisation')),
        scope_code text not null default '',
        primary key (user_id, scope_type, scope_code)
      )`);
    await q.query(`
      create table user_session (
        id text primary key,
        user_id uuid not null references app_user(id) on delete cascade,
        csrf_token text not null,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      )`);
    await q.query(`create index user_session_user_idx on user_session(user_id)`);
    await q.query(`
      create table audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null default now(),
        user_id uuid,
        action text not null,
        target text,
        scope text,
        details jsonb not null default '{}'
      )`);
    await q.query(`create index audit_log_at_idx on audit_log(at desc)`);

    // --- imports ---------------------------------------------------------------------------------
    await q.query(`
      create table import_record (
        id uuid primary key default gen_random_uuid(),
        kind text not null check (kind in ('staff', 'completions')),
        mode text not null check (mode in ('all_or_nothing', 'validate_only', 'skip_invalid')),
        file_name text not null,
        file_sha256 text not null,
        org_codes text[] not null default '{}',
        as_at date,
        rows_read int not null default 0,
        rows_imported int not null default 0,
        rows_skipped_by_rule int not null default 0,
        rows_rejected int not null default 0,
        error_count int not null default 0,
        errors jsonb not null default '[]',
        warnings jsonb not null default '[]',
        summary jsonb not null default '{}',
        outcome text not null check (outcome in ('running', 'succeeded', 'validated', 'rejected', 'failed', 'duplicate')),
        duration_ms int,
        created_by uuid references app_user(id),
        created_at timestamptz not null default now()
      )`);
    await q.query(`create index import_record_sha_idx on import_record(file_sha256)`);
    await q.query(`create index import_record_created_idx on import_record(created_at desc)`);

    // --- workforce snapshots, archetypes, completions (distributed by org_code) ------------------
    await q.query(`
      create table staff_snapshot (
        org_code text not null references organisation(code),
        as_at date not null,
        import_id uuid references import_record(id),
        headcount int not null,
        assignments int not null,
        loaded_at timestamptz not null default now(),
        primary key (org_code, as_at)
      )`);
    await q.query(`
      create table staff_assignment (
        org_code text not null,
        as_at date not null,
        person_key text not null,
        assignment_no text not null,
        staff_group_code text not null references staff_group(code),
        job_role text,
        occupation_code text,
        area_of_work text,
        clinical_area_code text not null references clinical_area(code),
        position_title text,
        pay_band text,
        department text,
        fte numeric(6,4) not null check (fte > 0 and fte <= 1),
        primary key (org_code, as_at, person_key, assignment_no),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    await q.query(`
      create table person_archetype (
        org_code text not null,
        as_at date not null,
        person_key text not null,
        archetype_code text not null references archetype(code),
        rule_id text not null,
        rule_version int not null,
        assignment_no text not null,
        primary key (org_code, as_at, person_key, archetype_code, rule_id, assignment_no),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    // One row per person per snapshot: what the archetype rules and requirements concluded about them.
    await q.query(`
      create table person_snapshot (
        org_code text not null,
        as_at date not null,
        person_key text not null,
        assignments int not null,
        fte numeric(7,4) not null,
        archetypes text[] not null default '{}',
        modules_needed int not null default 0,
        modules_met int not null default 0,
        fully_trained boolean generated always as (modules_met = modules_needed) stored,
        primary key (org_code, as_at, person_key),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    // Every (person, required module) pair as at the snapshot date, with whether it was met then.
    await q.query(`
      create table person_need (
        org_code text not null,
        as_at date not null,
        person_key text not null,
        module_code text not null references training_module(code),
        layer text not null check (layer in ('foundation', 'archetype', 'product')),
        reasons text[] not null default '{}',
        met boolean not null,
        met_on date,
        expires_on date,
        primary key (org_code, as_at, person_key, module_code),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    await q.query(`
      create table training_completion (
        org_code text not null references organisation(code),
        person_key text not null,
        module_code text not null references training_module(code),
        completed_on date not null,
        expires_on date,
        source_course text not null,
        import_id uuid references import_record(id),
        primary key (org_code, person_key, module_code, completed_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'training_completion',
      'person_archetype',
      'staff_assignment',
      'staff_snapshot',
      'import_record',
      'audit_log',
      'user_session',
      'user_scope',
      'app_user',
      'ai_product_audience',
      'ai_product',
      'coverage_target',
      'archetype_rule',
      'archetype_requirement',
      'training_module',
      'archetype',
      'pay_band',
      'area_of_work_mapping',
      'clinical_area',
      'staff_group',
      'organisation_icb_membership',
      'organisation',
      'icb',
      'region',
    ]) {
      await q.query(`drop table if exists ${t} cascade`);
    }
  }
}
