import {
  Controller,
  ForbiddenException,
  Get,
  GoneException,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Response } from 'express';
import { AuditService, Caller, CurrentCaller, Public } from '@aiwr/server-access';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import { SubscriptionsService } from './subscriptions.service';
import { unsubscribeTokenMatches } from './unsubscribe-token';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Downloads of sent packs (recipient only, until expiry) and the email's unsubscribe link. */
@Controller('api/reports')
export class ReportFilesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly subscriptions: SubscriptionsService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly app: AppConfig,
  ) {}

  /** Sign-in required (the global guard); only the pack's recipient may download it. */
  @Get('files/:id')
  async download(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const [file] = await this.db.query(
      `select f.user_id as "userId", f.kind, f.file_name as "fileName", f.content, f.expires_at < now() as expired,
              d.subscription_id as "subscriptionId"
       from report_file f join report_delivery d on d.id = f.delivery_id where f.id = $1`,
      [id],
    );
    if (!file) throw new NotFoundException('No such report file.');
    if (file.userId !== caller.userId)
      throw new ForbiddenException('That report pack was sent to someone else.');
    if (file.expired)
      throw new GoneException('That link has expired: packs can be downloaded for a limited time.');
    await this.audit.record(caller, 'report_pack.download', `report_subscription:${file.subscriptionId}`, {
      file: id,
      kind: file.kind,
    });
    res.setHeader(
      'Content-Type',
      file.kind === 'pdf'
        ? 'application/pdf'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    res.setHeader('Cache-Control', 'no-store');
    res.end(file.content);
  }

  /** The email's link: a page with one button, because mail scanners follow links (GET never unsubscribes). */
  @Public()
  @Get('unsubscribe')
  confirmPage(@Query() q: Record<string, string>, @Res() res: Response): void {
    this.check(q);
    const action = `/api/reports/unsubscribe?s=${encodeURIComponent(q.s)}&u=${encodeURIComponent(q.u)}&t=${encodeURIComponent(q.t)}`;
    res.type('html').send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribe</title></head>
<body style="font-family:Arial,sans-serif;margin:2rem"><h1>Stop receiving this report pack?</h1>
<form method="post" action="${action}"><button type="submit">Unsubscribe</button></form></body></html>`,
    );
  }

  /** One-click unsubscribe (RFC 8058 List-Unsubscribe-Post, and the confirmation page's button). */
  @Public()
  @Post('unsubscribe')
  async unsubscribe(@Query() q: Record<string, string>, @Res() res: Response): Promise<void> {
    this.check(q);
    await this.subscriptions.unsubscribeUser(null, q.s, q.u, 'email link');
    res.type('html').send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Unsubscribed</title></head>
<body style="font-family:Arial,sans-serif;margin:2rem"><h1>You are unsubscribed</h1>
<p>You will not receive this report pack again. Your other subscriptions are listed under Reports in the dashboard.</p></body></html>`,
    );
  }

  private check(q: Record<string, string>): void {
    if (
      !UUID.test(q.s ?? '') ||
      !UUID.test(q.u ?? '') ||
      typeof q.t !== 'string' ||
      !unsubscribeTokenMatches(this.app.pseudonymisationKey, q.s, q.u, q.t)
    )
      throw new ForbiddenException('That unsubscribe link is not valid.');
  }
}
