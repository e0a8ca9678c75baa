import path from 'node:path';
import { DataSource } from 'typeorm';
import { ImportRequest, ImportSummary, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';

export const FIXTURES = path.join(__dirname, '../fixtures/imports');
export const fixture = (name: string) => path.join(FIXTURES, name);

/** The as-at date every staff fixture is imported at (a date no other suite uses). */
export const AS_AT = '2026-09-30';

export function importFixture(
  ds: DataSource,
  kind: ImportRequest['kind'],
  name: string,
  opts: Partial<Omit<ImportRequest, 'recompute'>> = {},
): Promise<ImportSummary> {
  return runImport(ds, {
    kind,
    filePath: fixture(name),
    fileName: name,
    asAt: kind === 'staff' ? AS_AT : null,
    allowedOrgCodes: null,
    recompute,
    ...opts,
  });
}

/**
 * A checksum of every table an import writes or recomputes, except import_record (which records every
 * attempt): "the database is unchanged" means this is equal before and after.
 */
export async function importedDataChecksum(ds: DataSource): Promise<string> {
  const tables: { name: string }[] = await ds.query(
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE'
       and (table_name in ('staff_snapshot', 'staff_assignment', 'training_completion', 'unmatched_completion')
            or table_name like 'person\\_%' or (table_name like 'coverage\\_%' and table_name <> 'coverage_target'))
     order by table_name`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const [row] = await ds.query(
      `select '${name}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '') as sum from ${name} t`,
    );
    parts.push(row.sum);
  }
  return parts.join('|');
}

export const errorKeys = (s: ImportSummary) =>
  s.errors.map((e) => ({ line: e.line, column: e.column, code: e.code }));

/**
 * Suites share one database, so an earlier suite may have imported the same fixture (making this one a
 * "duplicate" no-op) or removed what it imported. Start from organisations with no workforce data and
 * forget the import records that no longer back any row.
 */
export async function resetImportState(ds: DataSource, orgCodes: string[] = ['RJ1', 'RJZ', 'R0A', 'G6V2S']) {
  await ds.query(`delete from staff_snapshot where org_code = any($1)`, [orgCodes]);
  await ds.query(`delete from training_completion where org_code = any($1)`, [orgCodes]);
  await ds.query(`delete from unmatched_completion where org_code = any($1)`, [orgCodes]);
  await ds.query(`
    delete from import_record r
    where not exists (select 1 from staff_snapshot s where s.import_id = r.id)
      and not exists (select 1 from training_completion c where c.import_id = r.id)
      and not exists (select 1 from unmatched_completion u where u.import_id = r.id)`);
}
