// Report packs in the dashboard: the subscriptions page (/reports) and the pack's print view
// (/reports/pack), which the report worker renders to PDF in headless Chromium.
export { SubscriptionsPage } from './lib/SubscriptionsPage';
export { ReportPackView, PACK_SECTIONS } from './lib/ReportPackView';
export type { PackSection } from './lib/ReportPackView';
