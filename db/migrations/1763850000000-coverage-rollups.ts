import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed coverage rollups, rebuilt by the import transaction (refreshRollups in
 * @aiwr/server-coverage) so that no reader ever aggregates person rows.
 *
 * One row per (organisation, snapshot, grouping set, group). `gset` is a bit mask of the
 * within-organisation dimensions the row is grouped by: 1 department, 2 staff group, 4 clinical area,
 * 8 pay band, 16 archetype (0 = the organisation total). A dimension not in the mask is null. Every
 * subset of at most two dimensions is stored, so any query whose filters and group-bys touch at most two
 * of them is a plain SUM over rows of one grouping set (headcount is distinct people within an
 * organisation, and person keys are per organisation, so it adds up across organisations).
 * Readers cache rollup reads; refreshRollups sends NOTIFY coverage_rollups, delivered only when the
 * import commits, which empties those caches.
 */
export class CoverageRollups1763850000000 implements MigrationInterface {
  name = 'CoverageRollups1763850000000';

  async up(q: QueryRunner): Promise<void> {
    // People measures per group: headcount (distinct people), FTE and role count (their assignments in
    // the group), people fully trained / meeting the foundation layer / meeting every module of the
    // row's archetype, and the requirement pairs (needed, met) of the group's people.
    await q.query(`
      create table coverage_rollup (
        org_code text not null,
        as_at date not null,
        gset smallint not null,
        department text,
        staff_group_code text,
        clinical_area_code text,
        pay_band text,
        archetype_code text,
        headcount int not null,
        fte numeric(12,4) not null,
        role_count int not null,
        fully_trained int not null,
        foundation_met int not null,
        archetype_met int,
        needed int not null,
        met int not null,
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    await q.query(`create index coverage_rollup_snapshot_idx on coverage_rollup(org_code, as_at, gset)`);

    // Requirement measures per group and module (module_code set) or per layer (module_code null):
    // people needing it (and their FTE and roles in the group), people meeting all of it, pairs.
    await q.query(`
      create table coverage_module_rollup (
        org_code text not null,
        as_at date not null,
        gset smallint not null,
        department text,
        staff_group_code text,
        clinical_area_code text,
        pay_band text,
        archetype_code text,
        layer text not null,
        module_code text,
        people int not null,
        fte numeric(12,4) not null,
        role_count int not null,
        people_met int not null,
        needed int not null,
        met int not null,
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    await q.query(
      `create index coverage_module_rollup_snapshot_idx on coverage_module_rollup(org_code, as_at, gset)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists coverage_module_rollup`);
    await q.query(`drop table if exists coverage_rollup`);
  }
}
