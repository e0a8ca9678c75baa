import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['staff_assignment', 'person_archetype', 'person_need', 'person_snapshot'];

/**
 * staff_assignment and the person tables become partitioned by month of as_at (db/month-partitions.ts
 * explains why and how new months are written). Nothing is rewritten: each existing table, with its
 * indexes, checks and foreign keys, becomes the one partition covering the months it holds (attaching it
 * reads it once to check the range); an empty one is dropped. New months get partitions of their own.
 * The parent gets the same columns, indexes and constraints, taken from the catalogue, not restated.
 */
export class MonthPartitions1764800000001 implements MigrationInterface {
  name = 'MonthPartitions1764800000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await partition(q, table);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to plain tables: the partitions' rows copied into one table with the same definition.
    for (const table of TABLES) {
      const shape = await shapeOf(q, table);
      await q.query(`alter table ${table} rename to ${table}_partitioned`);
      await renameIndexes(q, table, shape, `${table}_partitioned`);
      await q.query(
        `create table ${table} (like ${table}_partitioned including defaults including generated including constraints including comments)`,
      );
      const [{ columns }] = await q.query(
        `select string_agg(quote_ident(attname), ', ' order by attnum) as columns from pg_attribute
         where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = ''`,
        [table],
      );
      await q.query(`insert into ${table} (${columns}) select ${columns} from ${table}_partitioned`);
      await recreate(q, table, shape);
      await q.query(`drop table ${table}_partitioned`);
    }
  }
}

type Shape = {
  primaryKey: { name: string; def: string };
  indexes: { name: string; def: string }[];
  foreignKeys: { name: string; def: string }[];
};

async function shapeOf(q: QueryRunner, table: string): Promise<Shape> {
  const [pk] = await q.query(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'p'`,
    [table],
  );
  const indexes = await q.query(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid = $1::regclass and not i.indisprimary order by c.relname`,
    [table],
  );
  const foreignKeys = await q.query(
    `select conname as name, pg_get_constraintdef(oid) as def
     from pg_constraint where conrelid = $1::regclass and contype = 'f' order by conname`,
    [table],
  );
  return { primaryKey: pk, indexes, foreignKeys };
}

/** Frees the index names (and the primary key's) for the table that takes over the name. */
async function renameIndexes(q: QueryRunner, table: string, shape: Shape, renamed: string) {
  const moved = (name: string) => `${renamed}_${name.slice(table.length + 1)}`;
  await q.query(`alter index ${shape.primaryKey.name} rename to ${moved(shape.primaryKey.name)}`);
  for (const ix of shape.indexes) await q.query(`alter index ${ix.name} rename to ${moved(ix.name)}`);
}

/** The primary key, indexes and foreign keys of `shape` on `table` (index definitions name the table). */
async function recreate(q: QueryRunner, table: string, shape: Shape) {
  await q.query(`alter table ${table} add constraint ${shape.primaryKey.name} ${shape.primaryKey.def}`);
  for (const ix of shape.indexes) await q.query(ix.def);
  for (const fk of shape.foreignKeys)
    await q.query(`alter table ${table} add constraint ${fk.name} ${fk.def}`);
}

async function partition(q: QueryRunner, table: string) {
  const shape = await shapeOf(q, table);
  const legacy = `${table}_legacy`;
  await q.query(`alter table ${table} rename to ${legacy}`);
  await renameIndexes(q, table, shape, legacy);
  await q.query(
    `create table ${table} (like ${legacy} including defaults including generated including constraints including comments)
     partition by range (as_at)`,
  );
  await recreate(q, table, shape);

  const [range] = await q.query(
    `select to_char(date_trunc('month', min(as_at)), 'YYYY-MM-DD') as "from",
            to_char(date_trunc('month', max(as_at)) + interval '1 month', 'YYYY-MM-DD') as "to"
     from ${legacy}`,
  );
  if (!range.from) {
    await q.query(`drop table ${legacy}`);
    return;
  }
  // Named after the months it covers, like the monthly partitions that follow (table_YYYY_MM).
  const months = `${range.from.slice(0, 7).replace('-', '_')}_to_${lastMonth(range.to)}`;
  await q.query(`alter table ${legacy} rename to ${table}_${months}`);
  await q.query(
    `alter table ${table} attach partition ${table}_${months} for values from ('${range.from}') to ('${range.to}')`,
  );
}

/** "2026-11-01" (exclusive end) → "2026_10", the last month covered. */
function lastMonth(exclusiveEnd: string): string {
  const [y, m] = exclusiveEnd.split('-').map(Number);
  return m === 1 ? `${y - 1}_12` : `${y}_${String(m - 1).padStart(2, '0')}`;
}
