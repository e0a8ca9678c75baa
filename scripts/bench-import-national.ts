// npm run bench:import -- --scenario national-next-month [--runs 3] [--rows 1500000]
//
// The national file (~1.5 M rows over the open English trusts, generated as bench:import generates it)
// imported as the NEXT month of the prepared database at AIWR_DATA_DIR (the national benchmark database:
// 12 months of 199 trusts, analysed): the shape of a national extract arriving on a live database,
// rather than bench:import's first import into an empty one. Each run imports the same month through the
// real pipeline (recompute included) and then removes it again (its snapshots, import record and month
// partitions), so every run is the first file of its month and the database is left as it was. Prints
// wall and CPU time, phases, peak RSS and the ratio to a plain COPY of the file into the same server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@aiwr/db';
import { runImport } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { postgresCpuMs } from './bench-import-monthly';
import { rawCopy, withPeakRss, writeStaffFile } from './bench-import';
import { dropPartitionsAddedSince, monthPartitions } from './bench-partitions';

const FILE = 'bench-national-next-month.csv';

export async function runNationalNextMonth(args: Record<string, unknown>): Promise<void> {
  const dataDir = process.env.AIWR_DATA_DIR;
  if (!dataDir) throw new Error('set AIWR_DATA_DIR to a prepared database (the national benchmark one)');
  const runs = Number(args['runs'] ?? 3);
  const rows = Number(args['rows'] ?? 1_500_000);
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  delete process.env.DATABASE_URL;
  const db = await ensureDatabase({ dataDir });
  if (!db.owned) throw new Error(`another process already runs PostgreSQL on ${dataDir}; stop it first`);
  process.env.DATABASE_URL = db.url;
  process.env.PSEUDONYMISATION_KEY ??= 'bench-only-key';
  const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-bench-national-'));
  const partitionsAtStart = await monthPartitions(ds);
  const remove = async () => {
    await ds.query(
      `delete from staff_snapshot s using import_record r where r.id = s.import_id and r.file_name = $1`,
      [FILE],
    );
    await ds.query(`delete from import_record where file_name = $1`, [FILE]);
    await dropPartitionsAddedSince(ds, partitionsAtStart);
  };
  try {
    await remove();
    const [{ last, snapshots }] = await ds.query(
      `select max(as_at)::text as last, count(*)::int as snapshots from staff_snapshot`,
    );
    const [y, m] = last.split('-').map(Number);
    const asAt = new Date(Date.UTC(y, m + 1, 0)).toISOString().slice(0, 10);
    const orgs: string[] = (
      await ds.query(
        `select code from organisation where kind = 'trust' and region_code is not null and close_date is null
           and open_date <= $1 order by code`,
        [asAt],
      )
    ).map((r: { code: string }) => r.code);
    const file = path.join(work, FILE);
    await writeStaffFile(file, orgs, rows, 11);
    console.log(
      `database ${dataDir}: ${snapshots} snapshots, latest ${last}; national file ${rows.toLocaleString('en-GB')} rows ` +
        `over ${orgs.length} trusts as at ${asAt}; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(2)}`,
    );
    const walls: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const copyMs = await rawCopy(db.url, file);
      const phases: Record<string, number> = {};
      const cpuBefore = { node: process.cpuUsage(), pg: postgresCpuMs(dataDir) };
      const result = await withPeakRss(() =>
        runImport(ds, {
          kind: 'staff',
          filePath: file,
          fileName: FILE,
          asAt,
          allowedOrgCodes: null,
          recompute,
          onPhase: (phase, ms) => (phases[phase] = ms),
        }),
      );
      const nodeCpu = process.cpuUsage(cpuBefore.node);
      const cpuMs = (nodeCpu.user + nodeCpu.system) / 1000 + postgresCpuMs(dataDir) - cpuBefore.pg;
      if (result.result.outcome !== 'succeeded')
        throw new Error(
          `run ${run}: ${result.result.outcome} ${JSON.stringify(result.result.errors.slice(0, 3))}`,
        );
      const pipelineMs = Object.entries(phases).reduce((t, [k, v]) => (k === 'recompute' ? t : t + v), 0);
      walls.push(result.ms);
      console.log(
        `run ${run}: wall ${(result.ms / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(2)} s | raw COPY ` +
          `${(copyMs / 1000).toFixed(2)} s, without recompute ${(pipelineMs / copyMs).toFixed(2)}× | peak RSS ` +
          `${result.peakRssMb} MB | ${Object.entries(phases)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(', ')} | load average ${os.loadavg()[0].toFixed(2)}`,
      );
      await remove();
    }
    const sorted = [...walls].sort((a, b) => a - b);
    console.log(
      `\nnational next month, ${runs} runs: p50 ${(sorted[Math.ceil(runs / 2) - 1] / 1000).toFixed(2)} s, ` +
        `max ${(sorted[runs - 1] / 1000).toFixed(2)} s, min ${(sorted[0] / 1000).toFixed(2)} s, ` +
        `max/min ${(sorted[runs - 1] / sorted[0]).toFixed(2)}`,
    );
    console.log(
      'targets (issue 11): ≤ 40 s end to end, within 1.5× across 3 runs; ≤ 5× COPY without the recompute',
    );
  } finally {
    await remove().catch((e) => console.error('cleanup failed', e));
    await ds.destroy();
    await db.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
