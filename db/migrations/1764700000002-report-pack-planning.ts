import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report packs gain a planning section (the dashboard's planning page, libs/web/planning): the sections a
 * subscription may name are checked by the database as well as by the API.
 */
export class ReportPackPlanning1764700000002 implements MigrationInterface {
  name = 'ReportPackPlanning1764700000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table report_subscription drop constraint report_subscription_sections_check`);
    await q.query(`
      alter table report_subscription add constraint report_subscription_sections_check
        check (cardinality(sections) > 0
               and sections <@ array['overview', 'matrix', 'compare', 'planning', 'data_quality'])`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Subscriptions that named planning keep their other sections; one of planning alone falls back to
    // the overview, so no subscription is left without a section.
    await q.query(`
      update report_subscription
         set sections = coalesce(nullif(array_remove(sections, 'planning'), '{}'), array['overview'])
       where 'planning' = any(sections)`);
    await q.query(`alter table report_subscription drop constraint report_subscription_sections_check`);
    await q.query(`
      alter table report_subscription add constraint report_subscription_sections_check
        check (cardinality(sections) > 0
               and sections <@ array['overview', 'matrix', 'compare', 'data_quality'])`);
  }
}
