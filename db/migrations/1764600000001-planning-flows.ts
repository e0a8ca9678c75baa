import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workforce and training flows between consecutive snapshots of an organisation, and the schedule of
 * certificates due to expire after each snapshot: the inputs of planning forecasts, kept as rollups
 * (rebuilt by refreshFlows in @aiwr/server-coverage inside the import transaction) so that no reader
 * compares person rows.
 */
export class PlanningFlows1764600000001 implements MigrationInterface {
  name = 'PlanningFlows1764600000001';

  async up(q: QueryRunner): Promise<void> {
    // One row per (organisation, snapshot that has an earlier one). People measures: headcount at as_at,
    // joiners (person keys not in the previous snapshot), leavers (in the previous, not in this one), and
    // people in both who hold an archetype now that they did not hold before (so have new needs).
    await q.query(`
      create table workforce_flow (
        org_code text not null,
        as_at date not null,
        previous_as_at date not null,
        months int not null check (months >= 1),
        headcount int not null,
        joiners int not null,
        leavers int not null,
        gained_archetype int not null,
        primary key (org_code, as_at),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
    // Per module over the same interval: pairs needed / met at both ends, needs that are new at as_at
    // (joiners and role changes), met pairs that left with a leaver, met pairs whose certificate expired
    // in the interval, and completions recorded in it (completed_on in (previous_as_at, as_at]).
    await q.query(`
      create table module_flow (
        org_code text not null,
        as_at date not null,
        module_code text not null,
        layer text not null,
        needed int not null,
        met int not null,
        needed_before int not null,
        met_before int not null,
        new_needs int not null,
        leavers_met int not null,
        expired int not null,
        completions int not null,
        primary key (org_code, as_at, module_code),
        foreign key (org_code, as_at) references workforce_flow(org_code, as_at) on delete cascade
      )`);
    // Met pairs at a snapshot by the calendar month their certificate expires (first of the month).
    await q.query(`
      create table module_expiry (
        org_code text not null,
        as_at date not null,
        module_code text not null,
        layer text not null,
        expires_month date not null,
        pairs int not null,
        primary key (org_code, as_at, module_code, expires_month),
        foreign key (org_code, as_at) references staff_snapshot(org_code, as_at) on delete cascade
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop table if exists module_expiry`);
    await q.query(`drop table if exists module_flow`);
    await q.query(`drop table if exists workforce_flow`);
  }
}
