export { runImport } from './lib/pipeline';
export { importProgress } from './lib/progress';
export { closeAbandonedImports, getImportRecord, listImports, encodeCursor } from './lib/import-records';
export { errorsAsCsv } from './lib/errors-csv';
export { pseudonymise, assignmentKey } from './lib/pseudonymise';
export { mapHeaders, foldHeader, personalDataKind, STAFF_COLUMNS, COMPLETION_COLUMNS } from './lib/columns';
export type { ImportKind, ColumnSpec } from './lib/columns';
export * from './lib/import-types';
export { IngestModule } from './lib/api/ingest.module';
export { ImportsService } from './lib/api/imports.service';
// Mapping raw rows through the editable mappings: run at import, and again when a mapping changes.
export { applyAreaMappings, applyTrustAreaOverrides } from './lib/mapping/area-mappings';
export { rebuildEquivalentCompletions } from './lib/mapping/equivalences';
