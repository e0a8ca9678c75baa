export { ReportingModule } from './lib/reporting.module';
export { safeText, writeCsv, writeXlsx } from './lib/table-writers';
export type { Cell, ExportColumn, ExtraSheet, Provenance } from './lib/table-writers';
export { CoverageWorkbook } from './lib/coverage-workbook';
export type { Workbook } from './lib/coverage-workbook';
