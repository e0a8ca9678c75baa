// npm run bench:import -- --scenario monthly [--runs 10] [--trust-rows 30000] [--multi 0.08] [--departments 0]
//   [--titles 3000] [--columns "Assignment Number,Job Role,..."] [--plain-spellings] [--org RJ1]
//   [--base-months 2] [--base-trusts 20] [--no-explain] [--explain-ms 1000] [--async-commit]
//   [--department-question]
//
// The shape users have: a trust uploads its NEXT month into a database that already holds months of
// history. With AIWR_DATA_DIR pointing at a prepared database (e.g. a copy of bench:queries' national
// one: 199 trusts × 12 monthly snapshots) that database is used as it is; otherwise a fresh one is built
// with --base-months of the trust and of --base-trusts other trusts, then ANALYZEd as autovacuum would.
// One warm-up month (the trust's first month of this shape: everyone is new), then --runs further months,
// each its own import through the real pipeline. Prints each run's phases, p50/p95/max/min of the wall
// time, peak RSS, and PostgreSQL's own plan (auto_explain) of the slowest statement over 1 s.
// Prints figures; asserts nothing. The months it added are removed at the end (and at the start, after
// an interrupted run). On the shared national database wrap it in `flock /work/bench.lock`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { dropPartitionsAddedSince, monthPartitions } from './bench-partitions';
import { dataSourceOptions, migrateAndSeedReference } from '@aiwr/db';
import { runImport } from '@aiwr/server-ingest';
import { ensureDepartmentRows, recompute } from '@aiwr/server-coverage';
import { shapeFromArgs, TrustShape, writeTrustMonth } from './bench-trust-shape';

const FILE_PREFIX = 'bench-monthly-';

type Args = Record<string, string | boolean | undefined>;
type SlowStatement = { ms: number; text: string; name: string };

export async function runMonthlyScenario(args: Args): Promise<void> {
  const shape = shapeFromArgs(args);
  const runs = Number(args['runs'] ?? 10);
  const fresh = !process.env.AIWR_DATA_DIR;
  const dataDir = process.env.AIWR_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-bench-monthly-'));
  fs.chmodSync(dataDir, 0o755);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-bench-monthly-files-'));
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  delete process.env.DATABASE_URL; // always our own server on the given data directory
  const explain = args['no-explain'] !== true;
  const explainMs = Number(args['explain-ms'] ?? 1000);
  const serverLog: string[] = [];
  const db = await ensureDatabase({
    dataDir,
    tuning: [
      ...(args['async-commit'] ? ['-c', 'synchronous_commit=off'] : []),
      ...(explain
        ? [
            // PostgreSQL's own plan of every statement over 1 s, with actual row counts (no per-node
            // timing, which would slow the statements it measures).
            ...[
              '-c',
              'session_preload_libraries=auto_explain',
              '-c',
              `auto_explain.log_min_duration=${explainMs}`,
            ],
            ...['-c', 'auto_explain.log_analyze=on', '-c', 'auto_explain.log_timing=off'],
            ...['-c', 'auto_explain.log_nested_statements=on'],
          ]
        : []),
    ],
    onServerLog: (line: string) => serverLog.push(String(line)),
  });
  if (!db.owned) throw new Error(`another process already runs PostgreSQL on ${dataDir}; stop it first`);
  process.env.DATABASE_URL = db.url;
  process.env.PSEUDONYMISATION_KEY ??= 'bench-only-key';
  const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  const log = (...parts: unknown[]) => console.log(...parts);
  let partitionsAtStart: Set<string> | null = null;
  try {
    log(
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} at start ` +
        `(the machine is shared: other engineers' builds and tests may run at the same time), node ${process.version}`,
    );
    log(`shape: ${JSON.stringify(shape)}`);
    // A prepared database is used as it is: its migrations are its owner's business (a migration that
    // rewrites staff_assignment must never run on a shared benchmark database by accident).
    if (fresh) {
      await migrateAndSeedReference(db.url);
      await buildBase(ds, shape, args, work, log);
    } else log('prepared database: used as it is, no migrations run');
    await removeEarlierBenchMonths(ds);
    partitionsAtStart = await monthPartitions(ds);
    const [{ snapshots, people, last }] = await ds.query(
      `select count(*)::int as snapshots, coalesce(sum(headcount), 0)::bigint::text as people, max(as_at)::text as last from staff_snapshot`,
    );
    log(
      `database ${dataDir}: ${snapshots} snapshots, ${Number(people).toLocaleString('en-GB')} people-months, latest ${last}`,
    );

    const dates = monthEndsAfter(last, runs + 1);
    const baseMonths = fresh ? Number(args['base-months'] ?? 2) : 2;
    const walls: number[] = [];
    const cpus: number[] = [];
    const questions: number[] = [];
    let slowest: (SlowStatement & { run: string }) | null = null;
    for (const [i, asAt] of dates.entries()) {
      const label = i === 0 ? 'warm-up (first month of this shape: everyone new)' : `run ${i}`;
      const file = path.join(work, `${FILE_PREFIX}${shape.orgCode}-${asAt}.csv`);
      const rows = await writeTrustMonth(file, shape, baseMonths + i);
      serverLog.length = 0;
      const phases: Record<string, number> = {};
      global.gc?.();
      const cpuBefore = { node: process.cpuUsage(), pg: postgresCpuMs(dataDir) };
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const started = process.hrtime.bigint();
      const s = await runImport(ds, {
        kind: 'staff',
        filePath: file,
        fileName: path.basename(file),
        asAt,
        allowedOrgCodes: null,
        recompute,
        onPhase: (phase, ms) => (phases[phase] = ms),
      }).finally(() => clearInterval(sampler));
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const nodeCpu = process.cpuUsage(cpuBefore.node);
      const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1000, pg: postgresCpuMs(dataDir) - cpuBefore.pg };
      if (i > 0) cpus.push(cpu.node + cpu.pg);
      if (s.outcome !== 'succeeded')
        throw new Error(`${label}: ${s.outcome} ${JSON.stringify(s.errors.slice(0, 3))}`);
      if (i > 0) walls.push(ms);
      const slow = slowStatements(serverLog);
      for (const st of slow) if (i > 0 && (!slowest || st.ms > slowest.ms)) slowest = { ...st, run: label };
      log(
        `${label.padEnd(10)} ${asAt} ${rows.toLocaleString('en-GB')} rows: ${(ms / 1000).toFixed(2)} s | ` +
          `CPU ${((cpu.node + cpu.pg) / 1000).toFixed(2)} s (node ${(cpu.node / 1000).toFixed(2)}, PostgreSQL ${(cpu.pg / 1000).toFixed(2)}) | peak RSS ${Math.round(peak / 2 ** 20)} MB | ` +
          Object.entries(phases)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(', ') +
          (slow.length
            ? ` | statements over ${explainMs} ms: ${slow.map((x) => `${(x.ms / 1000).toFixed(2)} s «${x.name}»`).join(', ')}`
            : ''),
      );
      if (i === 0 && slow.length)
        log(`  warm-up's slowest statement:\n${indent(slow.sort((a, b) => b.ms - a.ms)[0].text)}`);
      // --department-question: then the first department question about the new snapshot, which writes
      // its department rollups (libs/server/coverage, department-rollups.ts); not part of the import. Off
      // by default: its writes wake autovacuum on the rollup tables, which then runs during later imports.
      if (args['department-question'] === true) await askDepartmentQuestion(asAt, i > 0);
      fs.rmSync(file);
    }
    async function askDepartmentQuestion(asAt: string, measured: boolean) {
      serverLog.length = 0;
      const questionCpu = { node: process.cpuUsage(), pg: postgresCpuMs(dataDir) };
      const asked = process.hrtime.bigint();
      await ensureDepartmentRows(ds, [{ orgCode: shape.orgCode, asAt }]);
      const questionMs = Number(process.hrtime.bigint() - asked) / 1e6;
      const qNode = process.cpuUsage(questionCpu.node);
      const qCpu = (qNode.user + qNode.system) / 1000 + postgresCpuMs(dataDir) - questionCpu.pg;
      if (measured) questions.push(questionMs);
      log(
        `           then its first department question (writes its department rows): ${(questionMs / 1000).toFixed(2)} s, CPU ${(qCpu / 1000).toFixed(2)} s` +
          slowStatements(serverLog)
            .map((x) => `, ${(x.ms / 1000).toFixed(2)} s «${x.name}»`)
            .join(''),
      );
    }
    const sorted = [...walls].sort((a, b) => a - b);
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    log(
      `\nmonthly ${shape.orgCode}, ${runs} runs: p50 ${(q(0.5) / 1000).toFixed(2)} s, p95 ${(q(0.95) / 1000).toFixed(2)} s, ` +
        `max ${(sorted[sorted.length - 1] / 1000).toFixed(2)} s, min ${(sorted[0] / 1000).toFixed(2)} s, ` +
        `max/min ${(sorted[sorted.length - 1] / sorted[0]).toFixed(2)}; load average at end ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
    );
    const asked = [...questions].sort((a, b) => a - b);
    if (asked.length)
      log(
        `first department question after each import (not part of it): p50 ${(asked[Math.ceil(asked.length / 2) - 1] / 1000).toFixed(2)} s, ` +
          `max ${(asked[asked.length - 1] / 1000).toFixed(2)} s`,
      );
    const cpuSorted = [...cpus].sort((a, b) => a - b);
    log(
      `CPU time per run (node + this server's PostgreSQL processes; less sensitive to other work on the machine than wall time): ` +
        `p50 ${(cpuSorted[Math.ceil(cpuSorted.length / 2) - 1] / 1000).toFixed(2)} s, max ${(cpuSorted[cpuSorted.length - 1] / 1000).toFixed(2)} s`,
    );
    log('targets (issue 11): p95 ≤ 3 s and max/min ≤ 1.5 over 10 runs; peak RSS ≤ 400 MB');
    if (slowest)
      log(
        `\nslowest statement over 1 s (${slowest.run}, ${(slowest.ms / 1000).toFixed(2)} s):\n${indent(slowest.text)}`,
      );
    else if (explain) log('\nno statement of the measured runs took over 1 s');
  } finally {
    // Leave a shared database as it was: the months this run added (snapshot rows, derived rows and
    // rollups cascade from staff_snapshot), their import records and the month partitions it created.
    await removeEarlierBenchMonths(ds)
      .then(() => partitionsAtStart && dropPartitionsAddedSince(ds, partitionsAtStart))
      .catch((e) => console.error('cleanup failed', e));
    await ds.destroy();
    await db.stop();
    fs.rmSync(work, { recursive: true, force: true });
    if (fresh && !args['keep']) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * CPU time (user + system, ms) of this data directory's PostgreSQL processes: the postmaster's children
 * (the import's backend among them), read from /proc. Linux only; 0 elsewhere.
 */
export function postgresCpuMs(dataDir: string): number {
  try {
    const postmaster = Number(
      fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const tick = 1000 / 100; // USER_HZ is 100 on Linux
    let total = 0;
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== postmaster) continue; // fields[1] is the parent pid
        total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
      } catch {
        // the process ended while we looked
      }
    }
    return total;
  } catch {
    return 0;
  }
}

/** A fresh database's history: --base-months of the trust and of --base-trusts other trusts, analysed. */
async function buildBase(
  ds: DataSource,
  shape: TrustShape,
  args: Args,
  work: string,
  log: (...p: unknown[]) => void,
) {
  const months = Number(args['base-months'] ?? 2);
  const others: string[] = (
    await ds.query(
      `select code from organisation where kind = 'trust' and region_code is not null and close_date is null and open_date <= '2025-01-01'
         and code ~ '^R[A-Z0-9]{2}$' and code <> $1 order by code limit $2`,
      [shape.orgCode, Number(args['base-trusts'] ?? 20)],
    )
  ).map((r: { code: string }) => r.code);
  const dates = monthEndsAfter('2025-12-31', months);
  const started = Date.now();
  for (const [m, asAt] of dates.entries())
    for (const [k, org] of [shape.orgCode, ...others].entries()) {
      const trust = k === 0 ? shape : { ...shape, orgCode: org, rows: 7_500, seed: shape.seed + k };
      const file = path.join(work, `base-${org}-${asAt}.csv`);
      await writeTrustMonth(file, trust, m);
      const s = await runImport(ds, {
        kind: 'staff',
        filePath: file,
        fileName: path.basename(file),
        asAt,
        allowedOrgCodes: null,
        recompute,
      });
      if (s.outcome !== 'succeeded')
        throw new Error(`base ${org} ${asAt}: ${s.outcome} ${JSON.stringify(s.errors.slice(0, 3))}`);
      fs.rmSync(file);
    }
  // A live database has statistics (autovacuum analyses it); the issue's slow plans appear only then.
  await ds.query('analyze');
  log(
    `base: ${months} months of ${shape.orgCode} and ${others.length} other trusts in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

async function removeEarlierBenchMonths(ds: DataSource) {
  await ds.query(
    `delete from staff_snapshot s using import_record r where r.id = s.import_id and r.file_name like $1`,
    [`${FILE_PREFIX}%`],
  );
  await ds.query(`delete from import_record where file_name like $1`, [`${FILE_PREFIX}%`]);
}

function monthEndsAfter(last: string, count: number): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(y, m + i + 1, 0)).toISOString().slice(0, 10),
  );
}

/** auto_explain's entries in the server's log output: duration and the plan that follows. */
function slowStatements(lines: string[]): SlowStatement[] {
  const out: SlowStatement[] = [];
  // Chunks of the server's stderr, not lines; entries start with log_line_prefix's timestamp.
  for (const entry of lines.join('').split(/\n(?=\d{4}-\d{2}-\d{2} \d)/)) {
    const m = /duration: ([\d.]+) ms\s+plan:\n([\s\S]*)/.exec(entry);
    if (!m) continue;
    const query = /Query Text: ([\s\S]*?)(?:\n\s*Query Parameters|\n\s*[A-Z][a-zA-Z ]+ {2}\(cost)/.exec(m[2]);
    const name = (query?.[1] ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
    out.push({ ms: Number(m[1]), text: m[2].trimEnd(), name });
  }
  return out;
}

const indent = (text: string) =>
  text
    .split('\n')
    .slice(0, 120)
    .map((l) => `    ${l}`)
    .join('\n');
