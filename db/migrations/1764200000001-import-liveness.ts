import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import whose process is gone must not stay `running` for ever. A running import holds an advisory
 * lock named after its record for as long as its transaction lives; a `running` record whose lock is not
 * held is shown, and on the next start stored, as `abandoned` (libs/server/ingest import-records.ts).
 * Nothing it wrote survives: its transaction died with it.
 */
export class ImportLiveness1764200000001 implements MigrationInterface {
  name = 'ImportLiveness1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table import_record drop constraint if exists import_record_outcome_check`);
    await q.query(`
      alter table import_record
        add constraint import_record_outcome_check
          check (outcome in ('running', 'succeeded', 'validated', 'rejected', 'failed', 'duplicate', 'abandoned'))`);
    await q.query(
      `create index import_record_running_idx on import_record(created_at) where outcome = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index import_record_running_idx`);
    await q.query(`update import_record set outcome = 'failed' where outcome = 'abandoned'`);
    await q.query(`alter table import_record drop constraint import_record_outcome_check`);
    await q.query(`alter table import_record add constraint import_record_outcome_check
      check (outcome in ('running', 'succeeded', 'validated', 'rejected', 'failed', 'duplicate'))`);
  }
}
