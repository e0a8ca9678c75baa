// flock /work/bench.lock env AIWR_DATA_DIR=/work/bench-national npm run bench:rule-edit [-- --runs 1]
//
// A broad archetype rule edit on a prepared (national) database, as an administrator makes it: the
// rule that makes registered clinicians Users in AI areas is widened to every clinical area, then the
// same recompute a save runs (the snapshots the change can touch, through @aiwr/server-coverage
// `recompute`: evaluation, needs, rollups). Each run happens in a transaction that is ROLLED BACK, so
// the database is left exactly as it was. Prints the time to find the touched snapshots, the recompute
// time, and how many snapshots and people it covered. Prints figures; asserts nothing.
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@aiwr/db';
import { currentSnapshots, snapshotsTouchedBy } from '@aiwr/server-archetypes';
import { recompute } from '@aiwr/server-coverage';
import { PlanningFlows1764600000001 } from '../db/migrations/1764600000001-planning-flows';
import { postgresCpuMs } from './bench-import-monthly';

const RULE = 'user-registered-clinicians-ai-areas';

async function main() {
  const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '1' } } });
  if (!process.env.AIWR_DATA_DIR)
    throw new Error('Set AIWR_DATA_DIR to a prepared database (e.g. /work/bench-national).');
  const { ensureDatabase } = await (new Function('p', 'return import(p)')(
    path.join(__dirname, 'embedded-db.mjs'),
  ) as Promise<any>);
  delete process.env.DATABASE_URL;
  const dataDir = process.env.AIWR_DATA_DIR;
  const db = await ensureDatabase({ dataDir });
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
      await qr.startTransaction();
      try {
        const m = qr.manager;
        // A database prepared before the planning flows existed lacks their (empty, derived) tables;
        // they are created inside this rolled-back transaction, never kept. The first recompute then
        // builds every pair's flows (as the first recompute after that migration would); the second,
        // in the same transaction, is the steady state of a database whose flows are up to date.
        const [{ flows }] = await m.query(`select to_regclass('workforce_flow') is not null as flows`);
        if (!flows) {
          await new PlanningFlows1764600000001().up(qr);
          console.log('flows tables missing on this database: created inside the rolled-back transaction');
        }
        const [old] = await m.query(`select * from archetype_rule where rule_id = $1 and valid_to is null`, [
          RULE,
        ]);
        const areas: string[] = (await m.query(`select code from clinical_area order by code`)).map(
          (r: any) => r.code,
        );
        const widened = { ...old.conditions, clinicalAreas: areas };
        const t0 = Date.now();
        await m.query(`update archetype_rule set valid_to = now() where rule_id = $1 and valid_to is null`, [
          RULE,
        ]);
        await m.query(
          `insert into archetype_rule(rule_id, version, position, description, conditions, archetypes, source, author, reason)
           select rule_id, version + 1, position, description, $2, archetypes, source, 'bench', 'bench: widened (rolled back)'
           from archetype_rule where rule_id = $1 and version = $3`,
          [RULE, widened, old.version],
        );
        const touched = await snapshotsTouchedBy(m, await currentSnapshots(m), [old.conditions, widened]);
        const t1 = Date.now();
        const cpu = () =>
          process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 + postgresCpuMs(dataDir);
        const c1 = cpu();
        await recompute(m, { snapshots: touched });
        const t2 = Date.now();
        const c2 = cpu();
        await recompute(m, { snapshots: touched });
        const t3 = Date.now();
        const c3 = cpu();
        const [{ people }] = await m.query(
          `select count(*)::int as people from person_snapshot p
           join unnest($1::text[], $2::date[]) s(org_code, as_at) using (org_code, as_at)`,
          [touched.map((s) => s.orgCode), touched.map((s) => s.asAt)],
        );
        console.log(
          `run ${run}: rule written and ${touched.length} touched snapshots found in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
            `recompute of ${people.toLocaleString('en-GB')} people ${((t2 - t1) / 1000).toFixed(1)} s ` +
            `(CPU ${((c2 - c1) / 1000).toFixed(1)} s, node + PostgreSQL); total ${((t2 - t0) / 1000).toFixed(1)} s (target ≤ 30 s); ` +
            `again with flows up to date: ${((t3 - t2) / 1000).toFixed(1)} s (CPU ${((c3 - c2) / 1000).toFixed(1)} s); ` +
            `load average ${os.loadavg()[0].toFixed(2)}`,
        );
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
    }
  } finally {
    await ds.destroy();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
