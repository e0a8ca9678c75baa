// npm run bench:planning [-- --scale 0.05 --months 6 --runs 7]
//
// What planning costs: refreshFlows (the flows rollups each import now rebuilds, per organisation, inside
// its transaction) for the largest organisations, and the planning query (places by ICB and module for
// the whole country, cache bypassed) over a generated workforce. Prints p50, p95 and spread; asserts nothing.
import { DataSource, EntityManager } from 'typeorm';
import { openDataSource, SnapshotScope, withHashJoins } from '@aiwr/db';
import { CoverageService } from '@aiwr/server-coverage';
import { PlanningService } from '@aiwr/server-planning';
import { refreshFlows } from '../libs/server/coverage/src/lib/rollups/refresh-flows';
import { argValue, NATIONAL_VIEWER, prepareBenchDatabase, printTimings } from './bench-support';

/** Every flow pair of one organisation, as the recompute rebuilds them (hash joins, a snapshot scope). */
async function refreshFlowsOf(m: EntityManager, orgCode: string): Promise<void> {
  const scope = await SnapshotScope.ofOrganisations(m, '_bench_flow_snap', [orgCode]);
  await withHashJoins(m, () => refreshFlows(m, scope));
  await scope.drop(m);
}

async function main() {
  const scale = Number(argValue('scale', '0.05'));
  const months = Number(argValue('months', '6'));
  const runs = Number(argValue('runs', '7'));
  const dates = await prepareBenchDatabase({ scale, months, seed: 1 });
  const db: DataSource = await openDataSource(process.env.DATABASE_URL!);
  try {
    const orgs: { org_code: string; headcount: number }[] = await db.query(
      `select org_code, max(headcount)::int as headcount from staff_snapshot group by org_code order by 2 desc limit 3`,
    );
    for (const o of orgs) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await db.transaction((m) => refreshFlowsOf(m, o.org_code));
        ms.push(performance.now() - t);
      }
      printTimings(
        `refreshFlows ${o.org_code} (${o.headcount.toLocaleString('en-GB')} people, ${months} snapshots)`,
        ms,
      );
    }
    const [{ n }] = await db.query(`select count(*)::int as n from workforce_flow`);
    if (n === 0) {
      const all: { org_code: string }[] = await db.query(`select distinct org_code from staff_snapshot`);
      for (const o of all) await db.transaction((m) => refreshFlowsOf(m, o.org_code));
    }
    const coverage = new CoverageService(db);
    const planning = new PlanningService(coverage);
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Uncached: keep only the catalogue (loaded once per data version in the API too).
      const entries: Map<string, unknown> = (coverage.cache as any).entries;
      for (const k of [...entries.keys()]) if (k !== 'catalog') entries.delete(k);
      const t = performance.now();
      const r = await planning.planning(
        NATIONAL_VIEWER,
        { asAt: dates[dates.length - 1] },
        { groupBy: ['ICB'], level: 'MODULE', targetDate: '2027-12-31' },
      );
      ms.push(performance.now() - t);
      if (i === 0) console.log(`planning by ICB x module: ${r.rows.length} rows`);
    }
    printTimings('planning query, national, by ICB x module (uncached)', ms);
  } finally {
    await db.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
