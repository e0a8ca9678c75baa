import { Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import { ReportingModule } from '@aiwr/server-reporting';
import { PackSender } from './pack-sender';
import { ReportFilesController } from './report-files.controller';
import { ReportPlanner } from './report-planner';
import { ReportQueue } from './report-queue';
import { loadReportsConfig, REPORTS_CONFIG, ReportsConfig } from './reports-config';
import { SubscriptionsResolver } from './subscriptions.resolver';
import { SubscriptionsService } from './subscriptions.service';

/**
 * Scheduled report packs: subscriptions (GraphQL), the planner and sender on a PostgreSQL job queue
 * (pg-boss), PDF rendering in headless Chromium, delivery by SMTP. Every API process can run the workers;
 * the queue and the deliveries table make sure each pack goes once.
 */
@Module({
  imports: [ReportingModule],
  providers: [
    { provide: REPORTS_CONFIG, useFactory: (): ReportsConfig => loadReportsConfig() },
    {
      provide: ReportQueue,
      inject: [APP_CONFIG, REPORTS_CONFIG],
      useFactory: (app: AppConfig, config: ReportsConfig) => new ReportQueue(app.databaseUrl, config),
    },
    SubscriptionsService,
    SubscriptionsResolver,
    ReportPlanner,
    PackSender,
  ],
  controllers: [ReportFilesController],
  exports: [ReportPlanner, ReportQueue, PackSender],
})
export class SubscriptionsModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('SubscriptionsModule');

  constructor(
    private readonly queue: ReportQueue,
    private readonly planner: ReportPlanner,
    private readonly sender: PackSender,
    @Inject(REPORTS_CONFIG) private readonly config: ReportsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker) return;
    if (!this.config.smtpUrl)
      this.log.warn('SMTP_URL is not set: report packs will fail to send until it is.');
    await this.queue.start({
      plan: async () => this.queue.enqueueSends(await this.planner.planDue()),
      send: (job, attempt) => this.sender.send(job.deliveryId, attempt),
    });
    // Catch up on anything that came due while no process was running. Processes starting together all
    // do this at once; the delivery table's unique key lets each pack be created, and sent, once.
    try {
      await this.queue.enqueueSends(await this.planner.planDue());
    } catch (e) {
      this.log.error(`planning report packs at start failed: ${(e as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.stop();
    this.sender.mailer.close();
  }
}
