import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source';
import { loadReferenceData } from './reference-seed';
import { loadArchetypeReference } from './archetype-seed';
import { loadPrimaryCareReference } from './primary-care-seed';

export type SeedStep = { name: string; run: (ds: DataSource) => Promise<void> };

/** Extra reference loaders (training catalogue, archetype rules) register here from their own files. */
export const referenceSteps: SeedStep[] = [
  { name: 'organisations and reference lists', run: (ds) => ds.transaction((m) => loadReferenceData(m)) },
  {
    name: 'GP practices, primary-care staff groups and job roles',
    run: (ds) => ds.transaction((m) => loadPrimaryCareReference(m)),
  },
  {
    name: 'training catalogue, requirements and default archetype rules',
    run: (ds) => ds.transaction((m) => loadArchetypeReference(m)),
  },
];

/** Brings a database up to date: pending migrations, then idempotent reference data. */
export async function migrateAndSeedReference(
  url: string,
  log: (m: string) => void = () => {},
): Promise<void> {
  const ds = await new DataSource(dataSourceOptions(url)).initialize();
  try {
    const ran = await ds.runMigrations({ transaction: 'each' });
    for (const m of ran) log(`migrated: ${m.name}`);
    for (const step of referenceSteps) await step.run(ds);
  } finally {
    await ds.destroy();
  }
}
