// flock /work/bench.lock env AIWR_DATA_DIR=/work/bench-national npm run bench:rule-edit [-- --runs 3] [--full]
//
// A broad archetype rule edit on a prepared (national) database, as an administrator makes it: the
// rule that makes registered clinicians Users in AI areas is widened to every clinical area, then
// narrowed back, each followed by the recompute a save runs (@aiwr/server-coverage `recompute` with
// `rulesChanged`: only the people the old or new version matches; `--full` recomputes every person of
// the touched snapshots instead, as before). Each run happens in a transaction that is ROLLED BACK, so
// the database is left exactly as it was. Prints, per edit, the time to write the rule and find the
// touched snapshots, the recompute's wall and CPU time, and how many people it covered and rewrote.
// Prints figures; asserts nothing.
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { StoredRuleConditions } from '@aiwr/shared-domain';
import { dataSourceOptions } from '@aiwr/db';
import { currentSnapshots, snapshotsTouchedBy } from '@aiwr/server-archetypes';
import { recompute } from '@aiwr/server-coverage';
import { postgresCpuMs } from './bench-import-monthly';

const RULE = 'user-registered-clinicians-ai-areas';

/**
 * Writes a new version of the rule with `to` as its conditions and runs the recompute a save runs on
 * the snapshots it touches: the incremental one (people the old or new version matches), or with
 * `full` every person of those snapshots, as before. Prints wall and CPU time and what was rewritten.
 */
async function timedEdit(
  m: EntityManager,
  dataDir: string,
  run: number,
  label: string,
  from: StoredRuleConditions,
  to: StoredRuleConditions,
  full: boolean,
) {
  const cpu = () =>
    process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 + postgresCpuMs(dataDir);
  const t0 = Date.now();
  const c0 = cpu();
  await m.query(`update archetype_rule set valid_to = now() where rule_id = $1 and valid_to is null`, [RULE]);
  await m.query(
    `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason)
     select rule_id, version + 1, position, description, $2, archetypes, source, 'bench', 'bench: ${label} (rolled back)'
     from archetype_rule where rule_id = $1 and valid_to is not null order by version desc limit 1`,
    [RULE, to],
  );
  const touched = await snapshotsTouchedBy(m, await currentSnapshots(m), [from, to]);
  const t1 = Date.now();
  statementTimes.length = 0;
  if (full) await recompute(m, { snapshots: touched });
  else await recompute(m, { rulesChanged: { snapshots: touched, conditions: [from, to] } });
  const t2 = Date.now();
  const c2 = cpu();
  // Rows written by this transaction carry its id: the people whose summaries were rewritten.
  const [{ people, rewritten }] = await m.query(
    `select count(*)::int as people, (count(*) filter (where p.xmin = pg_current_xact_id()::xid))::int as rewritten
     from person_snapshot p join unnest($1::text[], $2::date[]) s(org_code, as_at) using (org_code, as_at)`,
    [touched.map((s) => s.orgCode), touched.map((s) => s.asAt)],
  );
  console.log(
    `run ${run}, ${label} (${full ? 'full' : 'incremental'}): ${touched.length} snapshots, ` +
      `${people.toLocaleString('en-GB')} people, ${rewritten.toLocaleString('en-GB')} summaries rewritten in this transaction so far; ` +
      `rule and touched snapshots ${((t1 - t0) / 1000).toFixed(1)} s, recompute ${((t2 - t1) / 1000).toFixed(1)} s; ` +
      `total ${((t2 - t0) / 1000).toFixed(1)} s (target ≤ 30 s), CPU ${((c2 - c0) / 1000).toFixed(1)} s (node + PostgreSQL); ` +
      `load average ${os.loadavg()[0].toFixed(2)}`,
  );
  for (const [ms, sql] of [...statementTimes].sort((a, b) => b[0] - a[0]).slice(0, 8))
    console.log(`    ${(ms / 1000).toFixed(2)} s  ${sql}`);
}

/** Each statement's wall time in the recompute, to print the slowest. */
const statementTimes: [number, string][] = [];
function timeStatements(qr: QueryRunner) {
  const original = qr.query.bind(qr);
  (qr as any).query = async (sql: string, params?: unknown[]) => {
    const t = process.hrtime.bigint();
    try {
      return await original(sql, params);
    } finally {
      statementTimes.push([
        Number(process.hrtime.bigint() - t) / 1e6,
        sql.replace(/\s+/g, ' ').slice(0, 150),
      ]);
    }
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      runs: { type: 'string', default: '1' },
      full: { type: 'boolean', default: false },
      'explain-ms': { type: 'string', default: '0' },
    },
  });
  const full = args.full!;
  if (!process.env.AIWR_DATA_DIR)
    throw new Error('Set AIWR_DATA_DIR to a prepared database (e.g. /work/bench-national).');
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  delete process.env.DATABASE_URL;
  const dataDir = process.env.AIWR_DATA_DIR;
  const plans: string[] = [];
  const db = await ensureDatabase({ dataDir, onServerLog: (line: string) => plans.push(line) });
  const ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  try {
    console.log(
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (shared machine)`,
    );
    for (let run = 1; run <= Number(args.runs); run++) {
      const qr = ds.createQueryRunner();
      await qr.connect();
      timeStatements(qr);
      // PostgreSQL's own plans (with row counts) of the statements over --explain-ms, printed at the end.
      if (Number(args['explain-ms']) > 0)
        for (const setting of [
          `load 'auto_explain'`,
          `set auto_explain.log_min_duration = ${Number(args['explain-ms'])}`,
          `set auto_explain.log_analyze = on`,
          `set auto_explain.log_nested_statements = on`,
        ])
          await qr.query(setting);
      await qr.startTransaction();
      try {
        const m = qr.manager;
        // Flows are derived and rebuilt only for the pairs a change touches; a database whose flows
        // were never built would rebuild every pair's here (the planning migration's first recompute).
        const [{ flows }] = await m.query(`select exists (select 1 from workforce_flow) as flows`);
        if (!flows)
          console.log("workforce_flow is empty: this first recompute also builds every pair's flows");
        const [old] = await m.query(`select * from archetype_rule where rule_id = $1 and valid_to is null`, [
          RULE,
        ]);
        const areas: string[] = (await m.query(`select code from clinical_area order by code`)).map(
          (r: any) => r.code,
        );
        const widened = { ...old.conditions, clinicalAreas: areas };
        // The edit, then the edit undone: two broad edits, each re-evaluated as a save would.
        await timedEdit(m, dataDir, run, 'widened to every clinical area', old.conditions, widened, full);
        await timedEdit(m, dataDir, run, 'narrowed back', widened, old.conditions, full);
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
    }
  } finally {
    await ds.destroy();
    await db.stop();
  }
  if (plans.length) console.log(plans.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
