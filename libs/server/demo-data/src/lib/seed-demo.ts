import path from 'node:path';
import { DataSource } from 'typeorm';
import { runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { generateDemoFiles } from './demo-files';
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
  const load = async (kind: 'staff' | 'completions', filePath: string, asAt?: string) => {
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
  log(`demo data (${opts.size}, seed ${opts.seed}) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { loaded: true };
}
