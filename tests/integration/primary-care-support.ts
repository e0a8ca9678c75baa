import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { ImportRequest, ImportSummary, runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { importedDataChecksum } from './import-support';

export const PC_FIXTURES = path.join(__dirname, '../fixtures/primary-care');
/** The as-at date of the primary-care fixtures (no other suite uses it). */
export const PC_AS_AT = '2026-10-31';

export function importPrimaryCare(
  ds: DataSource,
  name: string,
  opts: Partial<Omit<ImportRequest, 'recompute'>> = {},
): Promise<ImportSummary> {
  return runImport(ds, {
    kind: 'primary_care',
    filePath: path.join(PC_FIXTURES, name),
    fileName: name,
    asAt: PC_AS_AT,
    allowedOrgCodes: null,
    recompute,
    ...opts,
  });
}

/** The fixture's rows as the test reads them itself (independent of the import's SQL). */
export function fixtureRows(name: string): Record<string, string>[] {
  return parse(fs.readFileSync(path.join(PC_FIXTURES, name)), { columns: true, skip_empty_lines: true });
}

/** importedDataChecksum plus what only a primary-care import writes: organisations it creates, practice → PCN. */
export async function primaryCareChecksum(ds: DataSource, orgCodes: string[]): Promise<string> {
  const [orgs] = await ds.query(
    `select count(*) || ':' || coalesce(md5(string_agg(o::text, ',' order by o.code)), '') as sum from organisation o where o.code = any($1)`,
    [orgCodes],
  );
  const [links] = await ds.query(
    `select count(*) || ':' || coalesce(md5(string_agg(p::text, ',' order by p::text)), '') as sum from practice_pcn p`,
  );
  return `${await importedDataChecksum(ds)}|${orgs.sum}|${links.sum}`;
}

/**
 * Forget what earlier runs imported for these practices, PCNs and pharmacies (suites share one database,
 * so each suite names its own organisations).
 */
export async function resetPrimaryCare(ds: DataSource, orgCodes: string[]) {
  await ds.query(`delete from practice_pcn where practice_code = any($1) or pcn_code = any($1)`, [orgCodes]);
  await ds.query(`delete from staff_snapshot where org_code = any($1)`, [orgCodes]);
  await ds.query(`delete from training_completion where org_code = any($1)`, [orgCodes]);
  await ds.query(`delete from organisation where kind in ('pcn', 'pharmacy') and code = any($1)`, [orgCodes]);
  await ds.query(`
    delete from import_record r where kind = 'primary_care'
      and not exists (select 1 from staff_snapshot s where s.import_id = r.id)
      and not exists (select 1 from practice_pcn p where p.import_id = r.id)`);
}
