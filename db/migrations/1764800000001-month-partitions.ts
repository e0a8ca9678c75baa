import { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['staff_assignment', 'person_archetype', 'person_need', 'person_snapshot'];
const SNAPSHOT_KEY =
  'FOREIGN KEY (org_code, as_at) REFERENCES staff_snapshot(org_code, as_at) ON DELETE CASCADE';

/**
 * staff_assignment and the person tables become partitioned by month of as_at (db/month-partitions.ts
 * explains why and how new months are written). Nothing is rewritten: each existing table, with its
 * indexes, checks and foreign keys, becomes the one partition covering the months it holds (attaching it
 * reads it once to check the range); an empty one is dropped. New months get partitions of their own.
 * The parent gets the same columns, indexes and constraints, taken from the catalogue, not restated,
 * except one: the foreign key to staff_snapshot.
 *
 * Why not that key: attaching a partition adds its foreign keys, which locks the referenced table in
 * SHARE ROW EXCLUSIVE mode until the import commits, and every import writes staff_snapshot. Two
 * organisations' first files of the same month then deadlocked (each waiting for the other's
 * staff_snapshot row), and any import of the month had to wait for the first to commit. The key's two
 * duties are kept set-based instead, once per statement: a row's snapshot must exist (a statement
 * trigger on each parent; MonthWrite checks a new partition's rows before attaching it), and deleting
 * or truncating snapshots removes their rows (statement triggers on staff_snapshot). The other foreign
 * keys point at the catalogue (staff group, clinical area, archetype, module), which imports do not write.
 */
export class MonthPartitions1764800000001 implements MigrationInterface {
  name = 'MonthPartitions1764800000001';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES) await partition(q, table);
    await snapshotTriggers(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`drop trigger staff_snapshot_rows_deleted on staff_snapshot`);
    await q.query(`drop trigger staff_snapshot_rows_truncated on staff_snapshot`);
    await q.query(`drop function staff_snapshot_delete_rows(), staff_snapshot_truncate_rows()`);
    // Back to plain tables: the partitions' rows copied into one table with the same definition.
    for (const table of TABLES) {
      await q.query(`drop trigger ${table}_snapshot_exists on ${table}`);
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
      await recreate(q, table, {
        ...shape,
        foreignKeys: [...shape.foreignKeys, { name: `${table}_org_code_as_at_fkey`, def: SNAPSHOT_KEY }],
      });
      await q.query(`drop table ${table}_partitioned`);
    }
    await q.query(`drop function snapshot_rows_exist()`);
  }
}

/** The foreign key to staff_snapshot, as statement triggers (see the class comment). */
async function snapshotTriggers(q: QueryRunner) {
  await q.query(`
    create function snapshot_rows_exist() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from (select distinct org_code, as_at from added) a
                 where not exists (select 1 from staff_snapshot s where s.org_code = a.org_code and s.as_at = a.as_at)) then
        raise foreign_key_violation using message = format('rows of %s for a snapshot not in staff_snapshot', tg_table_name);
      end if;
      return null;
    end $$`);
  for (const table of TABLES)
    await q.query(
      `create trigger ${table}_snapshot_exists after insert on ${table}
       referencing new table as added for each statement execute function snapshot_rows_exist()`,
    );
  // One index-range delete per table and snapshot (each table's key starts with org_code, as_at).
  await q.query(`
    create function staff_snapshot_delete_rows() returns trigger language plpgsql as $$
    declare s record;
    begin
      for s in select distinct org_code, as_at from gone loop
        ${TABLES.map((t) => `delete from ${t} where org_code = s.org_code and as_at = s.as_at;`).join('\n        ')}
      end loop;
      return null;
    end $$`);
  await q.query(
    `create trigger staff_snapshot_rows_deleted after delete on staff_snapshot
     referencing old table as gone for each statement execute function staff_snapshot_delete_rows()`,
  );
  await q.query(`
    create function staff_snapshot_truncate_rows() returns trigger language plpgsql as $$
    begin
      truncate ${TABLES.join(', ')};
      return null;
    end $$`);
  await q.query(
    `create trigger staff_snapshot_rows_truncated after truncate on staff_snapshot
     for each statement execute function staff_snapshot_truncate_rows()`,
  );
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
  const all = await shapeOf(q, table);
  const snapshotKey = all.foreignKeys.find((fk) => fk.def === SNAPSHOT_KEY);
  if (!snapshotKey) throw new Error(`${table} has no foreign key to staff_snapshot to replace`);
  const shape = { ...all, foreignKeys: all.foreignKeys.filter((fk) => fk !== snapshotKey) };
  const legacy = `${table}_legacy`;
  await q.query(`alter table ${table} drop constraint ${snapshotKey.name}`);
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
