export { runImport } from './lib/pipeline';
export { importProgress } from './lib/progress';
export { getImportRecord, listImports, encodeCursor } from './lib/import-records';
export { errorsAsCsv } from './lib/errors-csv';
export { pseudonymise } from './lib/pseudonymise';
export { mapHeaders, foldHeader, personalDataKind, STAFF_COLUMNS, COMPLETION_COLUMNS } from './lib/columns';
export type { ImportKind, ColumnSpec } from './lib/columns';
export * from './lib/import-types';
