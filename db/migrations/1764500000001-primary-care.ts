import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * General practice and community pharmacy beside trusts (docs/importing.md, "Primary-care staff lists").
 *
 * Practices (6-character ODS codes such as A81001), PCNs (U12345) and community pharmacies (F codes such
 * as FA123) are organisations in the same hierarchy as trusts, told apart by `setting` and `kind`. A
 * practice's PCN on a date comes from the staff lists imported for it (`practice_pcn`), one row per
 * practice and observed as-at date, so the PCN of any date is the latest observation on or before it.
 * Staff groups of general practice and community pharmacy get three-character codes (GP1.., CP1..) next
 * to the two-digit NWD groups, and their job roles are reference data (`primary_care_role`).
 */
export class PrimaryCare1764500000001 implements MigrationInterface {
  name = 'PrimaryCare1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table organisation
        add column setting text not null default 'trust'
          check (setting in ('trust', 'general_practice', 'community_pharmacy')),
        add column kind text not null default 'trust'
          check (kind in ('trust', 'practice', 'pcn', 'pharmacy'))`);
    // Each kind has its ODS code shape: trusts 3 or 5 characters, practices a letter and five digits,
    // PCNs U and five digits, community pharmacies F and four letters or digits.
    await q.query(`alter table organisation drop constraint organisation_code_check`);
    await q.query(`
      alter table organisation add constraint organisation_code_check check (
        (kind = 'trust' and length(code) in (3, 5))
        or (kind = 'practice' and code ~ '^[A-Z][0-9]{5}$')
        or (kind = 'pcn' and code ~ '^U[0-9]{5}$')
        or (kind = 'pharmacy' and code ~ '^F[A-Z0-9]{4}$'))`);
    await q.query(`create index organisation_setting_idx on organisation(setting)`);
    await q.query(`
      create table practice_pcn (
        practice_code text not null references organisation(code),
        as_at date not null,
        pcn_code text not null references organisation(code),
        import_id uuid references import_record(id),
        primary key (practice_code, as_at)
      )`);
    await q.query(`create index practice_pcn_pcn_idx on practice_pcn(pcn_code)`);

    await q.query(`alter table staff_group drop constraint staff_group_code_check`);
    await q.query(
      `alter table staff_group add constraint staff_group_code_check check (code ~ '^([0-9]{2}|[A-Z]{2}[0-9])$')`,
    );
    await q.query(`alter table staff_group add column setting text not null default 'trust'`);
    await q.query(`
      create table primary_care_role (
        code text primary key,
        name text not null,
        staff_group_code text not null references staff_group(code),
        arrs boolean not null default false,
        aliases text[] not null default '{}'
      )`);
    // Whether a person's role is flagged advanced practitioner and whether a PCN employs them (ARRS):
    // recorded for primary-care rows only, null for trust assignments.
    await q.query(`
      alter table staff_assignment
        add column advanced_practitioner boolean,
        add column employed_by_pcn boolean`);
    // Coverage by job role (gset bit 32): stored for general practice and community pharmacy, whose job
    // roles are a short national list (libs/server/coverage, refresh-rollups.ts).
    await q.query(`alter table coverage_rollup add column job_role text`);
    await q.query(`alter table coverage_module_rollup add column job_role text`);
    await q.query(`alter table import_record drop constraint import_record_kind_check`);
    await q.query(
      `alter table import_record add constraint import_record_kind_check check (kind in ('staff', 'completions', 'primary_care'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table import_record drop constraint import_record_kind_check`);
    await q.query(
      `alter table import_record add constraint import_record_kind_check check (kind in ('staff', 'completions'))`,
    );
    await q.query(
      `alter table staff_assignment drop column employed_by_pcn, drop column advanced_practitioner`,
    );
    await q.query(`drop table if exists primary_care_role`);
    await q.query(`delete from staff_group where setting <> 'trust'`);
    await q.query(`alter table staff_group drop column setting`);
    await q.query(`alter table staff_group drop constraint staff_group_code_check`);
    await q.query(
      `alter table staff_group add constraint staff_group_code_check check (code ~ '^[0-9]{2}$')`,
    );
    await q.query(`drop table if exists practice_pcn`);
    await q.query(`alter table organisation drop column kind, drop column setting`);
    await q.query(`alter table organisation drop constraint organisation_code_check`);
    await q.query(
      `alter table organisation add constraint organisation_code_check check (length(code) in (3, 5))`,
    );
  }
}
