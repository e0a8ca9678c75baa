import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read paths that keep a cache miss cheap at national scope (issue 14):
 * - a covering index of the organisation totals (grouping set 0), so the totals of every organisation at
 *   every snapshot (trend, funnel, by organisation/ICB/region, headline cards) are an index-only read of a
 *   few thousand entries, whatever plan the join takes;
 * - coverage_filter_option: per snapshot of an organisation and within-organisation dimension, the codes
 *   with at least one person (what the filter lists offer), rebuilt by refreshRollups with the rollups,
 *   so filter options never group tens of thousands of department rows at read time.
 * Existing rollups are copied into the new table here; later refreshes maintain it.
 */
export class CoverageReadPaths1764400000001 implements MigrationInterface {
  name = 'CoverageReadPaths1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create index coverage_rollup_total_idx on coverage_rollup (org_code, as_at)
        include (headcount, fte, role_count, fully_trained, foundation_met, archetype_met, needed, met)
        where gset = 0`);
    await q.query(`
      create table coverage_filter_option (
        org_code text not null,
        as_at date not null,
        dimension text not null,
        codes text[] not null,
        primary key (org_code, as_at, dimension),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    // The same statement refreshFilterOptions runs (frozen here), for every snapshot at once.
    await q.query(`
      insert into coverage_filter_option (org_code, as_at, dimension, codes)
      select org_code, as_at,
             case gset when 1 then 'DEPARTMENT' when 2 then 'STAFF_GROUP' when 4 then 'CLINICAL_AREA'
                       when 8 then 'PAY_BAND' else 'ARCHETYPE' end,
             array_agg(coalesce(department, staff_group_code, clinical_area_code, pay_band, archetype_code)
                       order by coalesce(department, staff_group_code, clinical_area_code, pay_band, archetype_code))
      from coverage_rollup
      where gset in (1, 2, 4, 8, 16) and headcount > 0
      group by org_code, as_at, gset`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists coverage_filter_option`);
    await q.query(`drop index if exists coverage_rollup_total_idx`);
  }
}
