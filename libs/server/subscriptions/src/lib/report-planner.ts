import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '@aiwr/server-access';
import { calendarPeriod, importPeriod } from './report-pack';
import { recipientCaller } from './recipients';

/**
 * Decides which packs are due and records one `report_delivery` per recipient and period. The insert's
 * unique key (subscription, recipient, period) is the one-send guarantee: when several API processes plan
 * at once, each delivery row is created by exactly one of them, and only its creator queues the send.
 */
@Injectable()
export class ReportPlanner {
  private readonly log = new Logger('ReportPlanner');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: AccessPolicy,
  ) {}

  /** Returns the deliveries to queue: those this call created, and any left waiting. */
  async planDue(now = new Date()): Promise<string[]> {
    const calendar: { id: string }[] = await this.db.query(
      `insert into report_delivery (subscription_id, user_id, period)
       select s.id, r.user_id, case s.cadence when 'weekly' then $1 else $2 end
       from report_subscription s
       join report_recipient r on r.subscription_id = s.id
       join app_user u on u.id = r.user_id
       where s.cancelled_at is null and r.unsubscribed_at is null and u.disabled_at is null
         and s.cadence in ('weekly', 'monthly')
       on conflict (subscription_id, user_id, period) do nothing
       returning id`,
      [calendarPeriod('weekly', now), calendarPeriod('monthly', now)],
    );
    const afterImport = await this.planAfterImports();
    const created = [...calendar.map((r) => r.id), ...afterImport];
    if (created.length) this.log.log(`${created.length} report pack(s) due`);
    // Deliveries recorded where no worker runs (REPORTS_WORKER=off, "send now"), or left by a process that
    // stopped before queueing them; queueing one twice is harmless (the send claims the delivery).
    const waiting: { id: string }[] = await this.db.query(
      `select id from report_delivery where status = 'queued' and created_at < now() - interval '1 minute'`,
    );
    return [...created, ...waiting.map((r) => r.id)];
  }

  /**
   * After-import packs: for each recipient, the latest successful import of an organisation in their
   * scope since they were added, unless a pack for it exists already.
   */
  private async planAfterImports(): Promise<string[]> {
    const pairs: { subscriptionId: string; userId: string; since: Date }[] = await this.db.query(
      `select s.id as "subscriptionId", r.user_id as "userId", greatest(s.created_at, r.added_at) as since
       from report_subscription s
       join report_recipient r on r.subscription_id = s.id
       join app_user u on u.id = r.user_id
       where s.cancelled_at is null and r.unsubscribed_at is null and u.disabled_at is null
         and s.cadence = 'after_import'`,
    );
    const created: string[] = [];
    for (const pair of pairs) {
      const caller = await recipientCaller(this.db, pair.userId);
      if (!caller) continue;
      const orgs = await this.policy.visibleOrgCodes(caller);
      const [latest] = await this.db.query(
        `select id from import_record
         where outcome = 'succeeded' and created_at > $1 and ($2::text[] is null or org_codes && $2::text[])
         order by created_at desc limit 1`,
        [pair.since, orgs],
      );
      if (!latest) continue;
      const rows: { id: string }[] = await this.db.query(
        `insert into report_delivery (subscription_id, user_id, period) values ($1, $2, $3)
         on conflict (subscription_id, user_id, period) do nothing returning id`,
        [pair.subscriptionId, pair.userId, importPeriod(latest.id)],
      );
      created.push(...rows.map((r) => r.id));
    }
    return created;
  }
}
