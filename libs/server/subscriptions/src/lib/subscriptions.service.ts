import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, Caller } from '@aiwr/server-access';
import { CADENCES, cleanFilters, manualPeriod, PACK_SECTIONS, PackFilters, PackSection } from './report-pack';
import { assertFiltersVisible } from './recipient-scope';
import { recipientCaller } from './recipients';
import type {
  ReportDeliveryType,
  ReportSubscriptionInput,
  ReportSubscriptionType,
} from './subscriptions.graphql-types';

type Row = {
  id: string;
  title: string;
  sections: PackSection[];
  filters: PackFilters;
  cadence: ReportSubscriptionType['cadence'];
  createdById: string;
  createdBy: string;
  createdAt: string;
  cancelledAt: string | null;
  recipients: { userId: string; email: string; displayName: string; subscribed: boolean }[];
};

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/**
 * Report subscriptions: who gets which pack how often. Users subscribe themselves; administrators may
 * subscribe a group. Filters naming a place must be inside the scope of whoever receives the pack (checked
 * here through the access policy, and again at every send). Every change is audited.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  /** The caller's subscriptions (as creator or recipient); administrators see every one. */
  async list(caller: Caller): Promise<ReportSubscriptionType[]> {
    const rows = await this.rows(caller.role === 'admin' ? null : caller.userId, null);
    return rows.map((r) => this.present(caller, r));
  }

  async subscribeSelf(caller: Caller, input: ReportSubscriptionInput): Promise<ReportSubscriptionType> {
    return this.create(caller, input, [caller.userId]);
  }

  /** Administrators: one subscription for a group of users, each receiving the pack in their own scope. */
  async subscribeGroup(
    caller: Caller,
    input: ReportSubscriptionInput,
    emails: string[],
  ): Promise<ReportSubscriptionType> {
    if (emails.length === 0 || emails.length > 500)
      throw new BadRequestException('Give between 1 and 500 recipient emails.');
    const users: { id: string; email: string }[] = await this.db.query(
      `select id, email from app_user where lower(email) = any($1::text[]) and disabled_at is null`,
      [emails.map((e) => e.trim().toLowerCase())],
    );
    const found = new Set(users.map((u) => u.email.toLowerCase()));
    const missing = emails.filter((e) => !found.has(e.trim().toLowerCase()));
    if (missing.length) throw new BadRequestException(`No active user with email ${missing.join(', ')}.`);
    return this.create(
      caller,
      input,
      users.map((u) => u.id),
    );
  }

  async update(caller: Caller, id: string, input: ReportSubscriptionInput): Promise<ReportSubscriptionType> {
    const current = await this.managed(caller, id);
    const clean = this.validate(input);
    for (const r of current.recipients.filter((x) => x.subscribed))
      await this.assertRecipientSees(r.userId, r.email, clean.filters);
    await this.db.transaction(async (m) => {
      await m.query(
        `update report_subscription set title = $2, sections = $3, filters = $4, cadence = $5, updated_at = now()
         where id = $1`,
        [id, clean.title, clean.sections, clean.filters, clean.cadence],
      );
      await this.audit.record(caller, 'report_subscription.update', `report_subscription:${id}`, clean, m);
    });
    return this.one(caller, id);
  }

  async cancel(caller: Caller, id: string): Promise<ReportSubscriptionType> {
    await this.managed(caller, id);
    await this.db.transaction(async (m) => {
      await m.query(
        `update report_subscription set cancelled_at = now(), updated_at = now() where id = $1 and cancelled_at is null`,
        [id],
      );
      await this.audit.record(caller, 'report_subscription.cancel', `report_subscription:${id}`, {}, m);
    });
    return this.one(caller, id);
  }

  /** The caller stops receiving a pack (from the dashboard). */
  async unsubscribe(caller: Caller, id: string): Promise<ReportSubscriptionType> {
    await this.unsubscribeUser(caller, id, caller.userId, 'dashboard');
    return this.one(caller, id);
  }

  /** Shared by the dashboard and the email's one-click link (which acts without a session). */
  async unsubscribeUser(actor: Caller | null, id: string, userId: string, via: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const [rows] = await m.query(
        // an UPDATE answers [rows, affected count]
        `update report_recipient set unsubscribed_at = now()
         where subscription_id = $1 and user_id = $2 and unsubscribed_at is null returning user_id`,
        [id, userId],
      );
      const [exists] = await m.query(
        `select 1 from report_recipient where subscription_id = $1 and user_id = $2`,
        [id, userId],
      );
      if (!exists) throw new NotFoundException('You do not receive that report pack.');
      if (rows.length)
        await this.audit.record(
          actor,
          'report_subscription.unsubscribe',
          `report_subscription:${id}`,
          {
            user: userId,
            via,
          },
          m,
        );
    });
  }

  /** Creates deliveries for every current recipient now (its own period); returns their ids to queue. */
  async sendNow(caller: Caller, id: string): Promise<string[]> {
    const s = await this.managed(caller, id);
    if (s.cancelledAt) throw new BadRequestException('That subscription is cancelled.');
    const rows: { id: string }[] = await this.db.query(
      `insert into report_delivery (subscription_id, user_id, period)
       select r.subscription_id, r.user_id, $2 from report_recipient r join app_user u on u.id = r.user_id
       where r.subscription_id = $1 and r.unsubscribed_at is null and u.disabled_at is null
       on conflict do nothing returning id`,
      [id, manualPeriod(new Date())],
    );
    await this.audit.record(caller, 'report_subscription.send_now', `report_subscription:${id}`, {
      deliveries: rows.length,
    });
    return rows.map((r) => r.id);
  }

  /**
   * Delivery history: the caller's own packs (with their download links), plus, for a subscription the
   * caller manages, how the sends to its other recipients went (no links to their files).
   */
  async deliveries(
    caller: Caller,
    subscriptionId: string | null,
    limit: number,
  ): Promise<ReportDeliveryType[]> {
    const rows = await this.db.query(
      `select d.id, d.subscription_id as "subscriptionId", s.title as "subscriptionTitle", u.email as recipient,
              d.period, d.status, d.attempts, d.scope, d.last_error as "lastError", d.delivered_as as "deliveredAs",
              ${iso('d.created_at')} as "createdAt", ${iso('d.sent_at')} as "sentAt",
              case when d.user_id = $1 then coalesce((
                select json_agg(json_build_object('kind', f.kind, 'url', '/api/reports/files/' || f.id,
                                                  'expiresAt', ${iso('f.expires_at')}) order by f.kind)
                from report_file f where f.delivery_id = d.id and f.expires_at > now()), '[]') else '[]' end as files
       from report_delivery d
       join report_subscription s on s.id = d.subscription_id
       join app_user u on u.id = d.user_id
       where ($2::uuid is null or d.subscription_id = $2)
         and (d.user_id = $1 or $3 or s.created_by = $1)
       order by d.created_at desc limit $4`,
      [caller.userId, subscriptionId, caller.role === 'admin', limit],
    );
    return rows;
  }

  private async create(
    caller: Caller,
    input: ReportSubscriptionInput,
    userIds: string[],
  ): Promise<ReportSubscriptionType> {
    const clean = this.validate(input);
    await assertFiltersVisible(this.policy, caller, clean.filters);
    for (const userId of userIds)
      if (userId !== caller.userId) await this.assertRecipientSees(userId, null, clean.filters);
    const id = await this.db.transaction(async (m) => {
      const [row] = await m.query(
        `insert into report_subscription (title, sections, filters, cadence, created_by)
         values ($1, $2, $3, $4, $5) returning id`,
        [clean.title, clean.sections, clean.filters, clean.cadence, caller.userId],
      );
      await m.query(
        `insert into report_recipient (subscription_id, user_id) select $1, unnest($2::uuid[])
         on conflict do nothing`,
        [row.id, userIds],
      );
      await this.audit.record(
        caller,
        'report_subscription.create',
        `report_subscription:${row.id}`,
        {
          ...clean,
          recipients: userIds.length,
        },
        m,
      );
      return row.id as string;
    });
    return this.one(caller, id);
  }

  private validate(input: ReportSubscriptionInput) {
    const title = input.title?.trim() ?? '';
    if (title.length < 1 || title.length > 120)
      throw new BadRequestException('Give a title of 1 to 120 characters.');
    if (input.sections.length === 0 || input.sections.some((s) => !PACK_SECTIONS.includes(s)))
      throw new BadRequestException(`Choose sections from ${PACK_SECTIONS.join(', ')}.`);
    // Printed in the dashboard's order, whatever order they were ticked in.
    const sections = PACK_SECTIONS.filter((s) => input.sections.includes(s));
    if (!CADENCES.includes(input.cadence)) throw new BadRequestException('Unknown cadence.');
    let filters: PackFilters;
    try {
      filters = cleanFilters({ ...(input.filters ?? {}) });
    } catch (e) {
      throw new BadRequestException((e as Error).message);
    }
    return { title, sections, filters, cadence: input.cadence };
  }

  private async assertRecipientSees(userId: string, email: string | null, filters: PackFilters) {
    const recipient = await recipientCaller(this.db, userId);
    if (!recipient) return;
    await assertFiltersVisible(this.policy, recipient, filters).catch(() => {
      throw new ForbiddenException(
        `${email ?? recipient.email} cannot see the place chosen in the filters, so could not receive this pack.`,
      );
    });
  }

  /** The subscription if the caller may change it (creator or admin); otherwise "not found". */
  private async managed(caller: Caller, id: string): Promise<Row> {
    const [row] = await this.rows(null, id);
    if (!row || (caller.role !== 'admin' && row.createdById !== caller.userId))
      throw new NotFoundException('No such report subscription that you may change.');
    return row;
  }

  private async one(caller: Caller, id: string): Promise<ReportSubscriptionType> {
    const [row] = await this.rows(null, id);
    if (!row) throw new NotFoundException('No such report subscription.');
    return this.present(caller, row);
  }

  private present(caller: Caller, r: Row): ReportSubscriptionType {
    const canManage = caller.role === 'admin' || r.createdById === caller.userId;
    const mine = r.recipients.find((x) => x.userId === caller.userId);
    return {
      id: r.id,
      title: r.title,
      sections: r.sections,
      filters: r.filters,
      cadence: r.cadence,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      cancelledAt: r.cancelledAt ?? undefined,
      receiving: !!mine?.subscribed && !r.cancelledAt,
      canManage,
      recipients: (canManage ? r.recipients : mine ? [mine] : []).map(
        ({ email, displayName, subscribed }) => ({
          email,
          displayName,
          subscribed,
        }),
      ),
    };
  }

  /** Subscriptions with their recipients; `forUser` narrows to those the user created or receives. */
  private rows(forUser: string | null, id: string | null): Promise<Row[]> {
    return this.db.query(
      `select s.id, s.title, s.sections, s.filters, s.cadence, s.created_by as "createdById",
              c.email as "createdBy", ${iso('s.created_at')} as "createdAt", ${iso('s.cancelled_at')} as "cancelledAt",
              coalesce((select json_agg(json_build_object('userId', u.id, 'email', u.email,
                          'displayName', u.display_name, 'subscribed', r.unsubscribed_at is null) order by u.email)
                        from report_recipient r join app_user u on u.id = r.user_id
                        where r.subscription_id = s.id), '[]') as recipients
       from report_subscription s join app_user c on c.id = s.created_by
       where ($1::uuid is null or s.created_by = $1
              or exists (select 1 from report_recipient r where r.subscription_id = s.id and r.user_id = $1))
         and ($2::uuid is null or s.id = $2)
       order by s.created_at desc`,
      [forUser, id],
    );
  }
}
