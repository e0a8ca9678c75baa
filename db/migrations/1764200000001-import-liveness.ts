import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An import whose process is gone must not stay `running` for ever. Each running import records the
 * PostgreSQL backend that carries its transaction (pid and start time: pids are reused, the pair is
 * not); a `running` record whose backend no longer exists is shown, and on the next start stored, as
 * `abandoned` (libs/server/ingest import-records.ts). Nothing it wrote survives: its transaction died
 * with the backend.
 */
export class ImportLiveness1764200000001 implements MigrationInterface {
  name = 'ImportLiveness1764200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table import_record drop constraint if exists import_record_outcome_check`);
    await q.query(`
      alter table import_record
        add constraint import_record_outcome_check
          check (outcome in ('running', 'succeeded', 'validated', 'rejected', 'failed', 'duplicate', 'abandoned')),
        add column backend_pid int,
        add column backend_started_at timestamptz`);
    await q.query(
      `create index import_record_running_idx on import_record(created_at) where outcome = 'running'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index import_record_running_idx`);
    await q.query(`update import_record set outcome = 'failed' where outcome = 'abandoned'`);
    await q.query(`alter table import_record drop constraint import_record_outcome_check,
      drop column backend_pid, drop column backend_started_at`);
    await q.query(`alter table import_record add constraint import_record_outcome_check
      check (outcome in ('running', 'succeeded', 'validated', 'rejected', 'failed', 'duplicate'))`);
  }
}
