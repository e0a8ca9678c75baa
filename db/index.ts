export { dataSourceOptions, openDataSource, requireDatabaseUrl, migrations } from './data-source';
export { migrateAndSeedReference } from './seeds/setup';
export { loadReferenceData } from './seeds/reference-seed';
export { referencePath } from './seeds/reference-files';
