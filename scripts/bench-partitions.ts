import { DataSource } from 'typeorm';
import { MONTH_PARTITIONED } from '@aiwr/db';

/**
 * Benchmarks that add months to a shared database leave it as they found it, month partitions included:
 * a partition left behind would turn the next series' first file of that month from a bulk-built new
 * partition into rows inserted into an existing one (db/month-partitions.ts).
 */
export async function monthPartitions(ds: DataSource): Promise<Set<string>> {
  const rows: { name: string }[] = await ds.query(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent::regclass::text = any($1)`,
    [MONTH_PARTITIONED],
  );
  return new Set(rows.map((r) => r.name));
}

/** Drops the partitions created since `before` (the caller has deleted their snapshots: they are empty). */
export async function dropPartitionsAddedSince(ds: DataSource, before: Set<string>): Promise<void> {
  for (const name of await monthPartitions(ds)) {
    if (before.has(name)) continue;
    const [{ rows }] = await ds.query(`select count(*)::int as rows from ${name}`);
    if (rows > 0) throw new Error(`${name} still holds ${rows} rows; left in place`);
    await ds.query(`drop table ${name}`);
  }
}
