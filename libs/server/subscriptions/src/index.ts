export { SubscriptionsModule } from './lib/subscriptions.module';
export { ReportPlanner } from './lib/report-planner';
export { ReportQueue, PLAN_QUEUE, SEND_QUEUE } from './lib/report-queue';
export { PackSender } from './lib/pack-sender';
export { PACK_SECTIONS, CADENCES, calendarPeriod } from './lib/report-pack';
export type { PackSection, Cadence, PackFilters } from './lib/report-pack';
export { unsubscribeToken } from './lib/unsubscribe-token';
export { loadReportsConfig } from './lib/reports-config';
export type { ReportsConfig } from './lib/reports-config';
