// Report packs in the dashboard: the subscriptions page (/reports) and the pack's print view
// (/reports/pack), which the report worker renders to PDF in headless Chromium as each recipient.
export { reportsFeature } from './lib/feature';
export { PACK_SECTIONS, type PackSection } from './lib/sections';
