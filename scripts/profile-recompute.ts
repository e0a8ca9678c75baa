// Profiles the one recompute statement by statement on a prepared database (e.g. one kept by
// `npm run bench:import -- --no-recompute --keep`), in a transaction that is rolled back:
//   AIWR_DATA_DIR=<dir>/db node -r ./scripts/register.cjs scripts/profile-recompute.ts [--explain-ms 2000]
// --batch N recomputes the snapshots in groups of N (statement size against statement count).
// Prints each statement over 200 ms with its time, and PostgreSQL's plan (EXPLAIN ANALYZE is not
// used: auto_explain logs the plan of the statement as it ran) of those over --explain-ms.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@aiwr/db';
import { recompute } from '@aiwr/server-coverage';

async function main() {
  const { values: args } = parseArgs({
    options: { 'explain-ms': { type: 'string', default: '0' }, batch: { type: 'string', default: '0' } },
  });
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  delete process.env.DATABASE_URL;
  const plans: string[] = [];
  const db = await ensureDatabase({
    dataDir: process.env.AIWR_DATA_DIR,
    onServerLog: (line: string) => plans.push(line),
  });
  const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  const qr = ds.createQueryRunner();
  await qr.connect();
  const original = qr.query.bind(qr);
  const times: [number, string][] = [];
  (qr as any).query = async (sql: string, params?: unknown[]) => {
    const t = process.hrtime.bigint();
    try {
      return await original(sql, params);
    } finally {
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      times.push([ms, sql.replace(/\s+/g, ' ').slice(0, 160)]);
    }
  };
  await qr.startTransaction();
  try {
    if (Number(args['explain-ms']) > 0) {
      await original(`load 'auto_explain'`);
      await original(`set local auto_explain.log_min_duration = ${Number(args['explain-ms'])}`);
      await original(`set local auto_explain.log_analyze = on`);
      await original(`set local auto_explain.log_nested_statements = on`);
    }
    const snapshots = await original(
      `select org_code as "orgCode", as_at::text as "asAt" from staff_snapshot`,
    );
    const t0 = Date.now();
    const cpu0 = postgresCpuMs(process.env.AIWR_DATA_DIR!);
    // --batch N: the snapshots in groups of N (to compare statement size against statement count).
    const size = Number(args.batch) || snapshots.length;
    for (let i = 0; i < snapshots.length; i += size)
      await recompute(qr.manager, { snapshots: snapshots.slice(i, i + size) });
    const cpu = postgresCpuMs(process.env.AIWR_DATA_DIR!) - cpu0;
    console.log(
      `recompute of ${snapshots.length} snapshots: ${Date.now() - t0} ms, PostgreSQL CPU ${cpu.toFixed(0)} ms`,
    );
    for (const [ms, sql] of times) if (ms > 200) console.log(`${ms.toFixed(0).padStart(7)} ms  ${sql}`);
    console.log(`statements: ${times.length}, total ${times.reduce((a, [ms]) => a + ms, 0).toFixed(0)} ms`);
  } finally {
    await qr.rollbackTransaction();
    await qr.release();
    await ds.destroy();
    await db.stop();
  }
  if (plans.length) console.log(plans.join('\n'));
}

/** CPU time (ms) of the PostgreSQL processes under this data directory's postmaster (Linux /proc). */
function postgresCpuMs(dataDir: string): number {
  const postmaster = Number(
    fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0],
  );
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
