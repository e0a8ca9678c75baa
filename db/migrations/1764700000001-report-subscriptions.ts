import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scheduled report packs (libs/server/subscriptions). A subscription names the sections and filters of a
 * pack and how often it goes; its recipients are users, each sent a pack computed with their own scope.
 * `report_delivery` is the history of every send and also the guarantee of one send per recipient per
 * period: its unique key is what several API processes race on, so only one of them enqueues the send.
 * The pack's files are kept for the download links (expiring, recipient only). The job queue itself
 * (pg-boss) keeps its own tables in the `pgboss` schema, which the library installs and migrates.
 */
export class ReportSubscriptions1764700000001 implements MigrationInterface {
  name = 'ReportSubscriptions1764700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      create table report_subscription (
        id uuid primary key default gen_random_uuid(),
        title text not null check (length(title) between 1 and 120),
        sections text[] not null
          check (cardinality(sections) > 0
                 and sections <@ array['overview', 'matrix', 'compare', 'data_quality']),
        filters jsonb not null default '{}',
        cadence text not null check (cadence in ('weekly', 'monthly', 'after_import')),
        created_by uuid not null references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        cancelled_at timestamptz
      )`);
    await q.query(`
      create table report_recipient (
        subscription_id uuid not null references report_subscription(id) on delete cascade,
        user_id uuid not null references app_user(id) on delete cascade,
        added_at timestamptz not null default now(),
        unsubscribed_at timestamptz,
        primary key (subscription_id, user_id)
      )`);
    await q.query(`create index report_recipient_user_idx on report_recipient(user_id)`);
    await q.query(`
      create table report_delivery (
        id uuid primary key default gen_random_uuid(),
        subscription_id uuid not null references report_subscription(id) on delete cascade,
        user_id uuid not null references app_user(id) on delete cascade,
        period text not null,
        status text not null default 'queued'
          check (status in ('queued', 'sending', 'retrying', 'sent', 'failed', 'skipped')),
        attempts int not null default 0,
        scope text,
        last_error text,
        delivered_as text check (delivered_as in ('attachment', 'link')),
        pdf_bytes int,
        xlsx_bytes int,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        sent_at timestamptz,
        unique (subscription_id, user_id, period)
      )`);
    await q.query(`create index report_delivery_user_idx on report_delivery(user_id, created_at desc)`);
    await q.query(`
      create table report_file (
        id uuid primary key default gen_random_uuid(),
        delivery_id uuid not null references report_delivery(id) on delete cascade,
        user_id uuid not null references app_user(id) on delete cascade,
        kind text not null check (kind in ('pdf', 'xlsx')),
        file_name text not null,
        content bytea not null,
        expires_at timestamptz not null,
        unique (delivery_id, kind)
      )`);
    // A session minted for rendering one pack as its recipient: read-only and short-lived (null: a sign-in).
    await q.query(`alter table user_session add column purpose text check (purpose in ('report_render'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`alter table user_session drop column purpose`);
    for (const t of ['report_file', 'report_delivery', 'report_recipient', 'report_subscription'])
      await q.query(`drop table ${t}`);
  }
}
