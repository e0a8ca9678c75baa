import { DataSource, DataSourceOptions } from 'typeorm';
import { Foundation1763800000000 } from './migrations/1763800000000-foundation';
import { IngestFunctions1763820000000 } from './migrations/1763820000000-ingest-functions';
import { ArchetypeRulesAndNeeds1763830000000 } from './migrations/1763830000000-archetype-rules-and-needs';
import { CoverageRollups1763850000000 } from './migrations/1763850000000-coverage-rollups';
import { HashAssignmentNumbers1764100000001 } from './migrations/1764100000001-hash-assignment-numbers';
import { ImportLiveness1764200000001 } from './migrations/1764200000001-import-liveness';
import { MappingsEquivalencesTargets1764300000001 } from './migrations/1764300000001-mappings-equivalences-targets';
import { CoverageReadPaths1764400000001 } from './migrations/1764400000001-coverage-read-paths';
import { PrimaryCare1764500000001 } from './migrations/1764500000001-primary-care';
import { PlanningFlows1764600000001 } from './migrations/1764600000001-planning-flows';
import { ReportSubscriptions1764700000001 } from './migrations/1764700000001-report-subscriptions';
import { ReportPackPlanning1764700000002 } from './migrations/1764700000002-report-pack-planning';
import { MonthPartitions1764800000001 } from './migrations/1764800000001-month-partitions';

/** Every migration, in order. The schema changes only through these (never `synchronize`). */
export const migrations = [
  Foundation1763800000000,
  IngestFunctions1763820000000,
  ArchetypeRulesAndNeeds1763830000000,
  CoverageRollups1763850000000,
  HashAssignmentNumbers1764100000001,
  ImportLiveness1764200000001,
  MappingsEquivalencesTargets1764300000001,
  CoverageReadPaths1764400000001,
  PrimaryCare1764500000001,
  PlanningFlows1764600000001,
  ReportSubscriptions1764700000001,
  ReportPackPlanning1764700000002,
  MonthPartitions1764800000001,
];

export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    migrations,
    migrationsTableName: 'schema_migration',
    entities: [],
    extra: { max: 20 },
    ...extra,
  } as DataSourceOptions;
}

export async function openDataSource(url = requireDatabaseUrl()): Promise<DataSource> {
  return new DataSource(dataSourceOptions(url)).initialize();
}

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (run through scripts/with-db.mjs or npm start)');
  return url;
}
