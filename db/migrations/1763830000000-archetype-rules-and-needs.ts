import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archetype rules can be retired (a retirement is itself a version, so history stays explainable),
 * and the per-person tables get the indexes that coverage aggregation and "why" look-ups use.
 */
export class ArchetypeRulesAndNeeds1763830000000 implements MigrationInterface {
  name = 'ArchetypeRulesAndNeeds1763830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table archetype_rule add column retired boolean not null default false`);
    await q.query(
      `create index archetype_rule_position_idx on archetype_rule(position) where valid_to is null`,
    );
    // Module coverage counts people needing / meeting one module in one snapshot.
    await q.query(`create index person_need_module_idx on person_need(org_code, as_at, module_code, met)`);
    // Rule match counts and "who did this rule map" look-ups.
    await q.query(`create index person_archetype_rule_idx on person_archetype(org_code, as_at, rule_id)`);
    // Snapshots containing one person, for completions that match nobody.
    await q.query(`create index person_snapshot_person_idx on person_snapshot(org_code, person_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop index if exists person_snapshot_person_idx`);
    await q.query(`drop index if exists person_archetype_rule_idx`);
    await q.query(`drop index if exists person_need_module_idx`);
    await q.query(`drop index if exists archetype_rule_position_idx`);
    await q.query(`alter table archetype_rule drop column if exists retired`);
  }
}
