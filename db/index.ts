export { dataSourceOptions, openDataSource, requireDatabaseUrl, migrations } from './data-source';
export { migrateAndSeedReference } from './seeds/setup';
export { loadReferenceData } from './seeds/reference-seed';
export {
  referencePath,
  readCsv as readReferenceCsv,
  readYaml as readReferenceYaml,
} from './seeds/reference-files';
export { trustTypeFromName } from './seeds/reference-seed';
export * from './seeds/archetype-seed';
export { rowTriggersOffIfAllowed, rowTriggersOn } from './bulk-write';
export { withHashJoins, withWorkMem } from './planner';
export { SnapshotScope } from './snapshot-scope';
export { lockOrganisations } from './organisation-lock';
export { MonthWrite, ensureMonthPartitions, monthBounds, MONTH_PARTITIONED } from './month-partitions';
export type { MonthPartitionedTable } from './month-partitions';
export type { SnapshotKey } from './snapshot-scope';
export { readPseudonymisationKey, keyFileOf } from './pseudonymisation-key';
export * from './seeds/primary-care-seed';
