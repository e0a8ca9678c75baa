import { ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessPolicy, AuditService, Caller, describeGrants, SessionService } from '@aiwr/server-access';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import { CoverageWorkbook } from '@aiwr/server-reporting';
import {
  packSearch,
  PackFilters,
  PackSection,
  planningTargetDate,
  SECTION_TITLES,
  toCoverageFilter,
} from './report-pack';
import { assertFiltersVisible } from './recipient-scope';
import { PackRenderer } from './pack-renderer';
import { ReportMailer } from './report-mailer';
import { REPORTS_CONFIG, ReportsConfig } from './reports-config';
import type { Attempt } from './report-queue';
import { unsubscribeToken } from './unsubscribe-token';
import { packEmail } from './pack-email';

type Claimed = {
  id: string;
  period: string;
  subscriptionId: string;
  userId: string;
  title: string;
  sections: PackSection[];
  filters: PackFilters;
  stillWanted: boolean;
};

/** A reason to stop without retrying: the pack is no longer wanted or cannot be made for this recipient. */
class Skip extends Error {}

/**
 * Sends one pack to one recipient: claims the delivery, computes the pack as the recipient (a render-only
 * session for Chromium, the recipient's Caller for the XLSX), keeps the files for the download links,
 * emails it, and records the outcome in `report_delivery` and the audit log. A failure is recorded and
 * rethrown, so the queue retries it with back-off; the last failure marks the delivery failed.
 */
@Injectable()
export class PackSender {
  private readonly log = new Logger('PackSender');
  private readonly renderer: PackRenderer;
  readonly mailer: ReportMailer;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly workbook: CoverageWorkbook,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
    private readonly http: HttpAdapterHost,
  ) {
    this.renderer = new PackRenderer(config.chromiumPath);
    this.mailer = new ReportMailer(config.smtpUrl, config.from);
  }

  async send(deliveryId: string, attempt: Attempt): Promise<void> {
    const delivery = await this.claim(deliveryId);
    if (!delivery) return; // sent already, or another process holds it
    let caller: Caller | null = null;
    try {
      if (!delivery.stillWanted) throw new Skip('Unsubscribed, cancelled or the user is disabled.');
      const session = await this.sessions.createForRendering(delivery.userId);
      try {
        caller = (await this.sessions.resolve(session.token))?.caller ?? null;
        if (!caller) throw new Skip('The recipient can no longer sign in.');
        await this.sendAs(delivery, caller, session.token);
      } finally {
        await this.sessions.destroy(session.token);
      }
    } catch (e) {
      await this.recordFailure(delivery, caller, e, attempt);
      if (!(e instanceof Skip)) throw e;
    }
  }

  private async sendAs(d: Claimed, caller: Caller, renderToken: string): Promise<void> {
    const scope = describeGrants(caller.grants);
    await assertFiltersVisible(this.policy, caller, d.filters).catch((e) => {
      throw e instanceof ForbiddenException
        ? new Skip("The subscription's filters are outside the recipient's scope.")
        : e;
    });
    const asAt = d.filters.asAt ?? (await this.latestSnapshot(caller));
    const base = this.config.renderUrl ?? this.selfUrl();
    if (!base) throw new Error('The API is not listening yet: nowhere to render the pack from.');
    const pdf = await this.renderer.render({
      url: `${base}/reports/pack${packSearch(d.sections, d.filters)}`,
      cookie: { name: this.sessions.cookieName, value: renderToken },
      header: { title: d.title, scope, asAt },
    });
    const planning = d.sections.includes('planning')
      ? { targetDate: planningTargetDate(new Date()) }
      : undefined;
    const xlsx = await this.workbook.build(caller, toCoverageFilter(d.filters), ['ORGANISATION'], planning);
    const stamp = asAt.replace(/[^\d-]/g, '') || 'latest';
    const files = await this.storeFiles(d, [
      { kind: 'pdf', fileName: `report-pack-${stamp}.pdf`, content: pdf },
      { kind: 'xlsx', fileName: `report-pack-${stamp}.xlsx`, content: xlsx.content },
    ]);
    const attach = pdf.length + xlsx.content.length <= this.config.attachMaxBytes;
    const publicUrl = this.config.publicUrl ?? base;
    const unsubscribeUrl = `${publicUrl}/api/reports/unsubscribe?s=${d.subscriptionId}&u=${d.userId}&t=${unsubscribeToken(this.app.pseudonymisationKey, d.subscriptionId, d.userId)}`;
    const mail = packEmail({
      title: d.title,
      sections: d.sections.map((s) => SECTION_TITLES[s]),
      scope,
      asAt,
      attach,
      links: files.map((f) => ({ label: f.fileName, url: `${publicUrl}/api/reports/files/${f.id}` })),
      expiresAt: files[0].expiresAt,
      manageUrl: `${publicUrl}/reports`,
      unsubscribeUrl,
    });
    await this.mailer.send({
      to: caller.email,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      unsubscribeUrl,
      attachments: attach
        ? [
            { filename: files[0].fileName, content: pdf, contentType: 'application/pdf' },
            {
              filename: files[1].fileName,
              content: xlsx.content,
              contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            },
          ]
        : [],
    });
    await this.db.query(
      `update report_delivery set status = 'sent', scope = $2, delivered_as = $3, pdf_bytes = $4,
              xlsx_bytes = $5, last_error = null, sent_at = now(), updated_at = now()
       where id = $1`,
      [d.id, scope, attach ? 'attachment' : 'link', pdf.length, xlsx.content.length],
    );
    await this.audit.record(caller, 'report_pack.sent', `report_subscription:${d.subscriptionId}`, {
      delivery: d.id,
      period: d.period,
      to: caller.email,
      sections: d.sections,
      filters: d.filters,
      deliveredAs: attach ? 'attachment' : 'link',
    });
    this.log.log(`report pack ${d.id} sent (${scope})`);
  }

  /** Takes the delivery unless it is done or another worker holds it (a stale hold is taken over). */
  private async claim(deliveryId: string): Promise<Claimed | null> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [[row]] = await this.db.query(
      `update report_delivery d set status = 'sending', attempts = attempts + 1, updated_at = now()
       from report_subscription s, report_recipient r, app_user u
       where d.id = $1 and s.id = d.subscription_id
         and r.subscription_id = d.subscription_id and r.user_id = d.user_id and u.id = d.user_id
         and (d.status in ('queued', 'retrying')
              or (d.status = 'sending' and d.updated_at < now() - interval '10 minutes'))
       returning d.id, d.period, d.subscription_id as "subscriptionId", d.user_id as "userId", s.title,
                 s.sections, s.filters,
                 (s.cancelled_at is null and r.unsubscribed_at is null and u.disabled_at is null) as "stillWanted"`,
      [deliveryId],
    );
    return (row as Claimed) ?? null;
  }

  private async recordFailure(d: Claimed, caller: Caller | null, e: unknown, attempt: Attempt) {
    const skipped = e instanceof Skip;
    const final = skipped || attempt.retryCount >= attempt.retryLimit;
    const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
    await this.db.query(
      `update report_delivery set status = $2, last_error = $3, scope = coalesce($4, scope), updated_at = now()
       where id = $1`,
      [
        d.id,
        skipped ? 'skipped' : final ? 'failed' : 'retrying',
        message,
        caller ? describeGrants(caller.grants) : null,
      ],
    );
    if (final)
      await this.audit.record(
        caller,
        skipped ? 'report_pack.skipped' : 'report_pack.failed',
        `report_subscription:${d.subscriptionId}`,
        { delivery: d.id, period: d.period, recipient: d.userId, reason: message },
      );
    this.log.warn(
      `report pack ${d.id} ${skipped ? 'skipped' : final ? 'failed' : 'will be retried'}: ${message}`,
    );
  }

  private async storeFiles(
    d: Claimed,
    files: { kind: 'pdf' | 'xlsx'; fileName: string; content: Buffer }[],
  ): Promise<{ id: string; fileName: string; expiresAt: Date }[]> {
    const out = [];
    for (const f of files) {
      const [row] = await this.db.query(
        `insert into report_file (delivery_id, user_id, kind, file_name, content, expires_at)
         values ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
         on conflict (delivery_id, kind) do update
           set file_name = excluded.file_name, content = excluded.content, expires_at = excluded.expires_at
         returning id, file_name as "fileName", expires_at as "expiresAt"`,
        [d.id, d.userId, f.kind, f.fileName, f.content, this.config.linkDays],
      );
      out.push({ ...row, expiresAt: new Date(row.expiresAt) });
    }
    return out;
  }

  /** This process on loopback, once it listens: the default place to render from and link to. */
  private selfUrl(): string | undefined {
    const address = this.http.httpAdapter?.getHttpServer()?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : undefined;
  }

  private async latestSnapshot(caller: Caller): Promise<string> {
    const orgs = await this.policy.visibleOrgCodes(caller);
    const [row] = await this.db.query(
      `select to_char(max(as_at), 'YYYY-MM-DD') as "asAt" from staff_snapshot
       where $1::text[] is null or org_code = any($1::text[])`,
      [orgs],
    );
    return row?.asAt ?? 'no snapshot in scope';
  }
}
