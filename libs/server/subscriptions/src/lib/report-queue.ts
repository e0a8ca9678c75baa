import { Logger } from '@nestjs/common';
import { PgBoss } from 'pg-boss';
import type { JobWithMetadata } from 'pg-boss';
import type { ReportsConfig } from './reports-config';

export const PLAN_QUEUE = 'report-packs-plan';
export const SEND_QUEUE = 'report-pack-send';

export type SendJob = { deliveryId: string };
/** What the send handler learns about the attempt: whether a failure now is the last one. */
export type Attempt = { retryCount: number; retryLimit: number };

/**
 * The report job queue on PostgreSQL (pg-boss). The planner runs on a cron schedule that pg-boss keeps in
 * the database, so with several API processes it fires once, not once per process; sends are jobs with
 * retries and exponential back-off, picked up by whichever process is free. Nothing here is a timer of
 * the API process's own: stop every process and the queue simply waits in PostgreSQL.
 */
export class ReportQueue {
  private boss?: PgBoss;
  private readonly log = new Logger('ReportQueue');

  constructor(
    private readonly databaseUrl: string,
    private readonly config: ReportsConfig,
  ) {}

  /** Installs/updates pg-boss's schema (its own migrations, under an advisory lock) and the queues. */
  async start(handlers: {
    plan: () => Promise<void>;
    send: (job: SendJob, attempt: Attempt) => Promise<void>;
  }): Promise<void> {
    const boss = new PgBoss({
      connectionString: this.databaseUrl,
      schema: 'pgboss',
      max: 4,
      application_name: 'aiwr-reports',
    });
    boss.on('error', (e) => this.log.error(`pg-boss: ${e.message}`));
    await boss.start();
    this.boss = boss;
    await boss.createQueue(PLAN_QUEUE, { retryLimit: 2, retryDelay: 30 });
    await boss.createQueue(SEND_QUEUE, {
      retryLimit: this.config.retryLimit,
      retryDelay: this.config.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 600,
    });
    await boss.schedule(PLAN_QUEUE, this.config.planCron, null, { tz: 'UTC' });
    await boss.work(PLAN_QUEUE, async () => handlers.plan());
    await boss.work<SendJob, void, { includeMetadata: true; pollingIntervalSeconds: number }>(
      SEND_QUEUE,
      { includeMetadata: true, pollingIntervalSeconds: 1 },
      async (jobs: JobWithMetadata<SendJob>[]) => {
        for (const job of jobs)
          await handlers.send(job.data, { retryCount: job.retryCount, retryLimit: job.retryLimit });
      },
    );
  }

  /** Queues one send per delivery; the delivery id is the singleton key, so a duplicate is dropped. */
  async enqueueSends(deliveryIds: string[]): Promise<void> {
    if (!this.boss) throw new Error('The report queue is not running in this process (REPORTS_WORKER=off).');
    for (const deliveryId of deliveryIds)
      await this.boss.send(SEND_QUEUE, { deliveryId }, { singletonKey: deliveryId });
  }

  get running(): boolean {
    return this.boss !== undefined;
  }

  async stop(): Promise<void> {
    const boss = this.boss;
    this.boss = undefined;
    await boss?.stop({ graceful: true, timeout: 20_000 });
  }
}
