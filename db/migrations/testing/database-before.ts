import { DataSource } from 'typeorm';
import { dataSourceOptions, migrations } from '../../data-source';

/**
 * A database of its own for testing one migration on existing data: created beside the test database,
 * migrated up to the migration before `migration`, with the minimal reference rows a snapshot needs
 * (a London trust RJ1, staff group 03, clinical area `unmapped`, archetype `user`). `migrateAll` runs the
 * rest (the migration under test and those after it); `drop` removes the database.
 */
export async function databaseBefore(migration: (typeof migrations)[number], label: string) {
  const name = `aiwr_${label}_${process.pid}`;
  const u = new URL(process.env.DATABASE_URL!);
  u.pathname = `/${name}`;
  const url = u.toString();
  const admin = await new DataSource(dataSourceOptions(process.env.DATABASE_URL!)).initialize();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const before = migrations.slice(0, migrations.indexOf(migration));
  const ds = await new DataSource(
    dataSourceOptions(url, { migrations: before, extra: { max: 2 } }),
  ).initialize();
  await ds.runMigrations({ transaction: 'each' });
  await ds.query(`
    insert into region(code, name) values ('Y56', 'London');
    insert into organisation(code, name, region_code, open_date) values ('RJ1', 'Trust', 'Y56', '2000-01-01');
    insert into staff_group(code, name, esr_label) values ('03', 'Nursing', 'Nursing');
    insert into clinical_area(code, name) values ('unmapped', 'Unmapped');
    insert into archetype(code, name, description, sort_order) values ('user', 'Users', 'd', 1);`);
  return {
    ds,
    /** A data source over every migration, for running (and undoing) the one under test. */
    withAllMigrations: () => new DataSource(dataSourceOptions(url, { extra: { max: 2 } })).initialize(),
    drop: async () => {
      await ds.destroy();
      await admin.query(`drop database if exists ${name}`);
      await admin.destroy();
    },
  };
}
