import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Department grouping sets (gset bit 1) are no longer stored: coverage answers them from the person rows
 * of the snapshots a question asks about (libs/server/coverage, query/department-rows.ts), and the
 * department filter options are read from the assignments. Their stored rows are never read again, so
 * they go. Going down recomputes nothing: run a recompute (or re-import) before serving department
 * questions from code that reads them from the rollups.
 */
export class DepartmentRollupsOnDemand1764800000010 implements MigrationInterface {
  name = 'DepartmentRollupsOnDemand1764800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`delete from coverage_module_rollup where gset & 1 <> 0`);
    await q.query(`delete from coverage_rollup where gset & 1 <> 0`);
  }

  async down(): Promise<void> {
    // Nothing to restore in the schema; see above for the rows.
  }
}
