import path from 'node:path';
import { DataSource } from 'typeorm';
import { generateDemoFiles } from './demo-files';
import { DemoSize } from './demo-sizes';
import { evaluateSnapshot } from '@aiwr/server-archetypes';
import { refreshRollups } from '@aiwr/server-coverage';
import { loadCompletionsFileDirect, loadStaffFileDirect } from './direct-load';

export type SeedDemoOptions = {
  size: DemoSize;
  seed: number;
  workDir: string;
  pseudonymisationKey: string;
  ifEmpty?: boolean;
  log?: (m: string) => void;
};

/** Generates the demo workforce for a seed and loads it: completions first, then each monthly snapshot. */
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
  for (const f of files.completionFiles)
    await ds.transaction((m) => loadCompletionsFileDirect(m, f.path, opts.pseudonymisationKey));
  for (const f of files.staffFiles) {
    await ds.transaction(async (m) => {
      await loadStaffFileDirect(m, f.path, f.asAt, opts.pseudonymisationKey);
      await m.query(`analyze staff_assignment`);
      // The same derivations an import runs: archetypes and needs, then the rollups readers use.
      for (const org of files.organisations) {
        await evaluateSnapshot(m, org, f.asAt);
        await refreshRollups(m, org, f.asAt);
      }
    });
    log(`loaded staff snapshot ${f.asAt} (${f.rows.toLocaleString('en-GB')} rows)`);
  }
  log(`demo data (${opts.size}, seed ${opts.seed}) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { loaded: true };
}
