import path from 'node:path';
import { DataSource } from 'typeorm';
import { runImport } from '@aiwr/server-ingest';
import { readReferenceCsv } from '@aiwr/db';
import { recompute } from '@aiwr/server-coverage';
import { generateDemoFiles } from './demo-files';
import { generatePrimaryCareFiles } from './generate-primary-care';
import { DemoSize } from './demo-sizes';

export type SeedDemoOptions = {
  size: DemoSize;
  seed: number;
  workDir: string;
  pseudonymisationKey: string;
  ifEmpty?: boolean;
  log?: (m: string) => void;
};

/**
 * Generates the demo workforce for a seed and loads it through the same import pipeline trusts use
 * (validation, pseudonymisation, archetypes, needs and rollups in each import's transaction):
 * completions first, then each monthly staff snapshot.
 */
export async function seedDemo(ds: DataSource, opts: SeedDemoOptions): Promise<{ loaded: boolean }> {
  const log = opts.log ?? (() => {});
  if (opts.ifEmpty) {
    const [{ n }] = await ds.query(`select count(*)::int as n from staff_snapshot`);
    if (n > 0) {
      log(`demo data already loaded (${n} snapshots); skipping`);
      return { loaded: false };
    }
  }
  const t0 = Date.now();
  const files = await generateDemoFiles({
    seed: opts.seed,
    size: opts.size,
    outDir: path.join(opts.workDir, `${opts.size}-${opts.seed}`),
  });
  log(
    `generated ${files.staffFiles.length} monthly staff files for ${files.organisations.length} organisations in ${Date.now() - t0} ms`,
  );
  const load = async (kind: 'staff' | 'completions' | 'primary_care', filePath: string, asAt?: string) => {
    const r = await runImport(ds, {
      kind,
      filePath,
      fileName: path.basename(filePath),
      asAt: asAt ?? null,
      allowedOrgCodes: null,
      pseudonymisationKey: opts.pseudonymisationKey,
      recompute,
    });
    if (r.outcome !== 'succeeded' && r.outcome !== 'duplicate')
      throw new Error(
        `demo ${kind} import ${path.basename(filePath)} ended ${r.outcome}: ${JSON.stringify(r.errors?.slice(0, 3))}`,
      );
    return r;
  };
  for (const f of files.completionFiles) {
    const r = await load('completions', f.path);
    log(
      `imported completions (${r.rowsImported.toLocaleString('en-GB')} rows, ${r.rowsSkippedByRule.toLocaleString('en-GB')} skipped by rule)`,
    );
  }
  for (const f of files.staffFiles) {
    const r = await load('staff', f.path, f.asAt);
    log(`imported staff snapshot ${f.asAt} (${r.rowsImported.toLocaleString('en-GB')} rows)`);
  }
  await seedPrimaryCare(opts, files.organisations, load, log);
  log(`demo data (${opts.size}, seed ${opts.seed}) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { loaded: true };
}

/**
 * General practice and community pharmacy in the ICBs of the demo trusts, through the primary-care
 * import: each month's staff list (which creates the PCNs and pharmacies on the first one), then the
 * completions of those staff.
 */
async function seedPrimaryCare(
  opts: SeedDemoOptions,
  trusts: string[],
  load: (
    kind: 'primary_care' | 'completions',
    filePath: string,
    asAt?: string,
  ) => Promise<{ rowsImported: number }>,
  log: (m: string) => void,
) {
  const icbOf = new Map(
    readReferenceCsv(
      'ods-etr-nhs-trusts-2026.csv',
      Array.from({ length: 27 }, (_, i) => `c${i + 1}`),
    ).map((r) => [r.c1, r.c4]),
  );
  const icbCodes = [...new Set(trusts.map((t) => icbOf.get(t)).filter((c): c is string => !!c))];
  const pc = await generatePrimaryCareFiles({
    seed: opts.seed,
    size: opts.size,
    outDir: path.join(opts.workDir, `${opts.size}-${opts.seed}`),
    icbCodes,
  });
  if (!pc) return;
  for (const f of pc.files) {
    const r = await load('primary_care', f.path, f.asAt);
    log(`imported primary-care staff list ${f.asAt} (${r.rowsImported.toLocaleString('en-GB')} rows)`);
  }
  const r = await load('completions', pc.completions.path);
  log(`imported primary-care completions (${r.rowsImported.toLocaleString('en-GB')} rows)`);
}
