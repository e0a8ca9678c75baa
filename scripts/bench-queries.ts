/**
 * `npm run bench:queries`: every dashboard query, N times through the real GraphQL endpoint as a signed-in
 * national planner, against the national demo size (about 1.5 M people x 12 monthly snapshots). Prints
 * p50/p95 per query with the response cache (repeat queries of one scope), with only the rollup cache,
 * and with no cache, and the ratio to the same figure computed by GROUP BY on the base rows (person tables)
 * in the same run. Requests come from a separate client process (scripts/bench-client.ts) and are timed to
 * the last byte of the answer, as a browser meets the API; the no-cache p95 including the client's
 * decompressing and parsing is printed beside it. Prints figures; asserts nothing about time.
 * Options: --scale 1 (1 = national), --months 12, --n 200, --seed 42, --base-runs 3 (0 skips the base-row
 * GROUP BY), --client process (inline: the old client, inside the API's process), --accept-encoding,
 * --only <text> (only the queries whose name contains it, e.g. "department").
 */
import './bench-production';
import { DataSource } from 'typeorm';
import { CoverageService, ScopedResponseCache } from '@aiwr/server-coverage';
import { roundToNearest } from '@aiwr/shared-domain';
import { describeCpuSplit, postmasterPid, procCpuMs, sampleCpu } from './bench-cpu';
import { BROWSER_ACCEPT_ENCODING, startBenchClient } from './bench-client';
import { BenchApp, argValue, percentile, prepareBenchDatabase, startBenchApp, timed } from './bench-support';

type BenchQuery = {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The same figures by GROUP BY over the base rows (person tables), for the ratio. */
  baseFn?: (db: DataSource) => Promise<unknown>;
};

// Each organisation's latest snapshot on or before the date: the same population the API counts.
const SNAP = (date: string) => `snap as (select distinct on (org_code) org_code, as_at from staff_snapshot
  where as_at <= '${date}' order by org_code, as_at desc)`;
const PERSON_NEEDS = `nd as (select n.org_code, n.person_key, count(*) as needed, count(*) filter (where n.met) as met,
  bool_and(n.met) as all_met, bool_and(n.met) filter (where n.layer = 'foundation') as foundation_met
  from person_need n join snap s on s.org_code = n.org_code and s.as_at = n.as_at group by 1, 2)`;
const PERSON_ASSIGNMENTS = `pa as (select a.org_code, a.person_key, sum(a.fte) as fte, count(*) as roles
  from staff_assignment a join snap s on s.org_code = a.org_code and s.as_at = a.as_at group by 1, 2)`;
const GEO = `join organisation o on o.code = pa.org_code join icb i on i.code = o.icb_code`;

const base = {
  overview: async (db: DataSource, d: string) => {
    const [t] = await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}, ${PERSON_ASSIGNMENTS}
      select count(*)::int as headcount, count(*) filter (where nd.foundation_met)::int as foundation,
             count(*) filter (where coalesce(nd.all_met, true))::int as fully, sum(nd.needed - nd.met)::int as unmet
      from pa left join nd on nd.org_code = pa.org_code and nd.person_key = pa.person_key`);
    await db.query(`with ${SNAP(d)}
      select a.code, count(*) as headcount, count(*) filter (where not exists (
        select 1 from archetype_requirement r where r.archetype_code = a.code and not exists (
          select 1 from person_need n where n.org_code = p.org_code and n.as_at = p.as_at and n.person_key = p.person_key
            and n.module_code = r.module_code and n.met))) as met
      from person_snapshot p join snap s on s.org_code = p.org_code and s.as_at = p.as_at
      cross join lateral unnest(p.archetypes) a(code) group by a.code`);
    return t.headcount;
  },
  byRegion: async (db: DataSource, d: string) => {
    const rows = await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}, ${PERSON_ASSIGNMENTS}
      select i.region_code, count(*)::int as headcount, sum(pa.fte) as fte, sum(pa.roles) as roles,
             sum(nd.needed) as needed, sum(nd.met) as met
      from pa ${GEO} left join nd on nd.org_code = pa.org_code and nd.person_key = pa.person_key group by 1`);
    return rows.reduce((s: number, r: any) => s + r.headcount, 0);
  },
  byIcbArchetype: async (db: DataSource, d: string) => {
    await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}
      select o.icb_code, a.code, count(*) as headcount, sum(nd.needed) as needed, sum(nd.met) as met
      from person_snapshot p join snap s on s.org_code = p.org_code and s.as_at = p.as_at
      cross join lateral unnest(p.archetypes) a(code)
      join organisation o on o.code = p.org_code
      left join nd on nd.org_code = p.org_code and nd.person_key = p.person_key group by 1, 2`);
  },
  byOrganisation: async (db: DataSource, d: string) => {
    await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}, ${PERSON_ASSIGNMENTS}
      select pa.org_code, count(*) as headcount, sum(pa.fte), sum(nd.needed), sum(nd.met),
             count(*) filter (where nd.foundation_met), count(*) filter (where coalesce(nd.all_met, true))
      from pa left join nd on nd.org_code = pa.org_code and nd.person_key = pa.person_key group by 1`);
  },
  byStaffGroup: async (db: DataSource, d: string) => {
    // Headcount per staff group counts people once per group: distinct people inside each organisation.
    await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS},
      g as (select a.org_code, a.person_key, a.staff_group_code, sum(a.fte) as fte, count(*) as roles
            from staff_assignment a join snap s on s.org_code = a.org_code and s.as_at = a.as_at group by 1, 2, 3)
      select g.staff_group_code, count(*) as headcount, sum(g.fte), sum(g.roles), sum(nd.needed), sum(nd.met)
      from g left join nd on nd.org_code = g.org_code and nd.person_key = g.person_key group by 1`);
  },
  byModule: async (db: DataSource, d: string) => {
    await db.query(`with ${SNAP(d)}
      select n.module_code, count(*) as needed, count(*) filter (where n.met) as met
      from person_need n join snap s on s.org_code = n.org_code and s.as_at = n.as_at group by 1`);
  },
  trend: async (db: DataSource, _d: string, dates: string[]) => {
    for (const d of dates)
      await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}
        select count(*), sum(needed), sum(met), count(*) filter (where foundation_met) from nd`);
  },
  distribution: async (db: DataSource, d: string) => {
    await db.query(`with ${SNAP(d)}, ${PERSON_NEEDS}, ${PERSON_ASSIGNMENTS}
      select pa.org_code, count(*), count(*) filter (where nd.foundation_met)
      from pa left join nd on nd.org_code = pa.org_code and nd.person_key = pa.person_key group by 1`);
  },
  filterOptions: async (db: DataSource, d: string) => {
    await db.query(`with ${SNAP(d)}
      select array_agg(distinct a.department), array_agg(distinct a.staff_group_code), array_agg(distinct a.clinical_area_code),
             array_agg(distinct a.pay_band)
      from staff_assignment a join snap s on s.org_code = a.org_code and s.as_at = a.as_at`);
  },
};

const MEASURES = `headcount { value suppressed } fte { value } roleCount { value } needed { value } met { value }
  unmet { value } coveragePct { value } targetPct rag`;

/** One organisation and one of its departments, for the department queries. */
export type DepartmentSample = { orgCode: string; department: string };

export async function departmentSample(db: DataSource, date: string): Promise<DepartmentSample | undefined> {
  const [row] = await db.query(
    `select org_code as "orgCode", department from staff_assignment
     where org_code = (select org_code from staff_snapshot where as_at = $1 order by headcount desc limit 1)
       and as_at = $1 and department is not null
     group by org_code, department order by count(*) desc, department limit 1`,
    [date],
  );
  return row;
}

/** Queries that group or filter by department (within one organisation, and one department nationally). */
function departmentQueries(d: DepartmentSample): BenchQuery[] {
  const org = JSON.stringify(d.orgCode);
  const dept = JSON.stringify(d.department);
  return [
    {
      name: `drill-down ${d.orgCode} by department`,
      query: `query { coverage(filter: { orgCodes: [${org}] }, groupBy: [DEPARTMENT]) { rows { keys { code } ${MEASURES} } total { ${MEASURES} } } }`,
    },
    {
      name: `${d.orgCode} department x staff group`,
      query: `query { coverage(filter: { orgCodes: [${org}] }, groupBy: [DEPARTMENT, STAFF_GROUP]) { rows { keys { code } ${MEASURES} } } }`,
    },
    {
      name: `overview, one department of ${d.orgCode}`,
      query: `query { coverageOverview(filter: { orgCodes: [${org}], departments: [${dept}] }) { headcount { value { value } }
        foundationCoverage { value { value } } byArchetype { keys { code } headcount { value } archetypeCoveragePct { value } } } }`,
    },
    {
      name: `one department by module, national`,
      query: `query { coverage(filter: { departments: [${dept}] }, groupBy: [MODULE]) { rows { keys { code } ${MEASURES} peopleMet { value } } } }`,
    },
    {
      name: `overview, one department, national`,
      query: `query { coverageOverview(filter: { departments: [${dept}] }) { headcount { value { value } }
        byArchetype { keys { code } headcount { value } archetypeCoveragePct { value } } } }`,
    },
  ];
}

export function queries(dates: string[], department?: DepartmentSample): BenchQuery[] {
  const last = dates[dates.length - 1];
  const b = (fn: (db: DataSource, d: string, dates: string[]) => Promise<unknown>) => (db: DataSource) =>
    fn(db, last, dates);
  return [
    ...(department ? departmentQueries(department) : []),
    {
      name: 'overview (cards + by archetype)',
      query: `query { coverageOverview { asAt headcount { value { value } } foundationCoverage { value { value } rag }
        fullyTrained { value { value } rag } unmetPlaces { value { value } percent { value } rag }
        byArchetype { keys { code label } headcount { value } archetypeCoveragePct { value } rag } } }`,
      baseFn: b(base.overview),
    },
    {
      name: 'coverage by region',
      query: `query { coverage(groupBy: [REGION]) { asAt rows { keys { code label } ${MEASURES} } total { ${MEASURES} } } }`,
      baseFn: b(base.byRegion),
    },
    {
      name: 'coverage by ICB x archetype',
      query: `query { coverage(groupBy: [ICB, ARCHETYPE]) { rows { keys { code } ${MEASURES} archetypeCoveragePct { value } } } }`,
      baseFn: b(base.byIcbArchetype),
    },
    {
      name: 'coverage by organisation',
      query: `query { coverage(groupBy: [ORGANISATION]) { rows { keys { code label } ${MEASURES} foundationPct { value } fullyTrainedPct { value } } } }`,
      baseFn: b(base.byOrganisation),
    },
    {
      name: 'coverage by staff group',
      query: `query { coverage(groupBy: [STAFF_GROUP]) { rows { keys { code label } ${MEASURES} } } }`,
      baseFn: b(base.byStaffGroup),
    },
    {
      name: 'coverage by module',
      query: `query { coverage(groupBy: [MODULE]) { rows { keys { code label } ${MEASURES} peopleMet { value } } } }`,
      baseFn: b(base.byModule),
    },
    {
      name: `trend (${dates.length} monthly snapshots)`,
      query: `query { coverageTrend { asAt rows { headcount { value } needed { value } met { value } coveragePct { value } foundationPct { value } } } }`,
      baseFn: b(base.trend),
    },
    {
      name: 'compare R0A with ICB/region/national/peers',
      query: `query { compareOrganisations(filter: { orgCodes: ["R0A"] }) { peerDescription comparators { level label organisations row { ${MEASURES} } } } }`,
      baseFn: b(base.byOrganisation),
    },
    {
      name: 'funnel distribution (foundation)',
      query: `query { coverageDistribution(measure: FOUNDATION) { nationalRate points { orgCode rate { value } denominator { value } lower95 upper95 lower998 upper998 } } }`,
      baseFn: b(base.distribution),
    },
    {
      name: 'filter options',
      query: `query { coverageFilterOptions { regions { code } icbs { code } organisations { code } departments { code } staffGroups { code } clinicalAreas { code } payBands { code } archetypes { code } } }`,
      baseFn: b(base.filterOptions),
    },
    { name: 'snapshot dates', query: `query { snapshotDates }` },
  ];
}

async function post(app: BenchApp, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: app.headers,
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/**
 * Sends the queries: from a separate process by default (what a browser meets); `--client inline` sends them
 * from this process, on the API's own event loop, as this benchmark did before (kept to compare the two).
 */
type Sender = {
  run(q: BenchQuery, n: number): Promise<number[]>;
  post(query: string): Promise<any>;
  pid?: number;
};

function sender(app: BenchApp): Sender & { close(): void } {
  if (argValue('client', 'process') === 'inline')
    return {
      run: async (q, n) => {
        for (let i = 0; i < 5; i++) await post(app, q.query, q.variables);
        const ms: number[] = [];
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await post(app, q.query, q.variables);
          ms.push(performance.now() - t);
        }
        return { ms, parsedMs: ms };
      },
      post: (query) => post(app, query),
      close: () => undefined,
    };
  const client = startBenchClient(app);
  return {
    run: (q, n) => client.run(q.query, { n, warmup: 5, variables: q.variables }),
    post: (query) => client.post(query),
    pid: client.pid,
    close: () => client.close(),
  };
}

async function timeApi(client: Sender, q: BenchQuery, n: number) {
  const run = await client.run(q, n);
  const ms = run.ms.sort((a, b) => a - b);
  const parsed = run.parsedMs.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), parsedP95: percentile(parsed, 95) };
}

async function timeBase(db: DataSource, fn: (db: DataSource) => Promise<unknown>, runs: number) {
  const ms: number[] = [];
  let value: unknown;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn(db);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), value };
}

const f = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2)).padStart(8);

async function main() {
  const spec = {
    scale: Number(argValue('scale', '1')),
    months: Number(argValue('months', '12')),
    seed: Number(argValue('seed', '42')),
  };
  const n = Number(argValue('n', '200'));
  const baseRuns = Number(argValue('base-runs', '3'));
  const dates = await prepareBenchDatabase(spec);
  const app = await startBenchApp();
  const client = sender(app);
  try {
    const [{ people, rows, needs }] = await app.db.query(
      `select (select sum(headcount) from staff_snapshot where as_at = $1)::int as people,
              (select count(*) from person_snapshot)::bigint as rows, (select count(*) from person_need)::bigint as needs`,
      [dates[dates.length - 1]],
    );
    const [{ orgs }] = await app.db.query(`select count(distinct org_code)::int as orgs from staff_snapshot`);
    const [{ completions }] = await app.db.query(
      `select count(*)::bigint as completions from training_completion`,
    );
    console.log(
      `\nData: ${orgs} trusts, ${Number(people).toLocaleString('en-GB')} people at ${dates[dates.length - 1]}, ` +
        `${Number(rows).toLocaleString('en-GB')} person-snapshots over ${dates.length} months, ` +
        `${Number(needs).toLocaleString('en-GB')} requirement pairs, ${Number(completions).toLocaleString('en-GB')} completions.`,
    );
    console.log(
      `Each API query ${n} times, sequentially, signed in as a national planner, on loopback, ` +
        (client.pid
          ? `from a separate client process (Accept-Encoding: ${argValue('accept-encoding', BROWSER_ACCEPT_ENCODING)}).\n`
          : `from a client inside the API's process (--client inline).\n`),
    );

    const cache = app.app.get(CoverageService).cache;
    const responses = app.app.get(ScopedResponseCache);
    type Timing = { p50: number; p95: number; parsedP95: number };
    const results: { name: string; response: Timing; rollup: Timing; uncached: Timing; base?: number }[] = [];
    const pg = postmasterPid(process.env.AIWR_DATA_DIR ?? '.bench');
    const cpu0 = sampleCpu(pg);
    const client0 = client.pid ? procCpuMs(client.pid) : 0;
    const started = performance.now();
    const only = argValue('only', '');
    const department = await departmentSample(app.db, dates[dates.length - 1]);
    for (const q of queries(dates, department).filter((x) => x.name.includes(only))) {
      const response = await timeApi(client, q, n);
      responses.enabled = false;
      const rollup = await timeApi(client, q, n);
      cache.enabled = false;
      const uncached = await timeApi(client, q, n);
      cache.enabled = true;
      responses.enabled = true;
      let baseMs: number | undefined;
      if (q.baseFn && baseRuns > 0)
        baseMs = (
          await timed(`base-row GROUP BY for "${q.name}"`, () => timeBase(app.db, q.baseFn!, baseRuns))
        ).median;
      results.push({ name: q.name, response, rollup, uncached, base: baseMs });
    }
    const clientMs = client.pid ? procCpuMs(client.pid) - client0 : 0;
    const cpuSplit = client.pid
      ? describeCpuSplit(cpu0, sampleCpu(pg), clientMs, performance.now() - started).replace(
          'load generator',
          'client process',
        )
      : describeCpuSplit(cpu0, sampleCpu(pg), 0, performance.now() - started).replace(
          'API (Node, this process)',
          'API + its client (this process)',
        );

    // The figures agree: national headcount from the API equals the base-row count.
    const overview = await client.post(`query { coverageOverview { headcount { value { value } } } }`);
    const baseHeadcount = await base.overview(app.db, dates[dates.length - 1]);
    // A national planner sees counts rounded to 5 (disclosure control), so compare with the rounded base count.
    const apiHeadcount = overview.coverageOverview.headcount.value.value;
    console.log(
      `\nCheck: national headcount API ${apiHeadcount} vs base rows ${baseHeadcount} (rounded ${roundToNearest(baseHeadcount)})` +
        (apiHeadcount === roundToNearest(baseHeadcount) ? ' (same)' : ' (DIFFERENT)'),
    );

    console.log(
      `\n${''.padEnd(46)} response cache | rollup cache   | no cache       | + client | base GROUP BY | ratio base / API p95`,
    );
    console.log(
      `${'query'.padEnd(46)}   p50      p95 |   p50      p95 |   p50      p95 |      p95 |        median | (response, rollup, none)`,
    );
    for (const r of results) {
      const ratio = (p: number) => (r.base ? `${Math.round(r.base / p).toLocaleString('en-GB')}x` : 'n/a');
      console.log(
        `${r.name.padEnd(46)}${f(r.response.p50)} ${f(r.response.p95)} |${f(r.rollup.p50)} ${f(r.rollup.p95)} |` +
          `${f(r.uncached.p50)} ${f(r.uncached.p95)} | ${f(r.uncached.parsedP95)} | ${r.base ? f(r.base) : '     n/a'} ms | ` +
          `${ratio(r.response.p95)}, ${ratio(r.rollup.p95)}, ${ratio(r.uncached.p95)}`,
      );
    }
    console.log(
      `\n(times in ms, from sending a request to the last byte of its answer; "+ client": no cache, with the ` +
        `client's decompressing and parsing; targets: p95 <= 10 ms at national scope, >= 100x faster than the ` +
        `base-row GROUP BY)`,
    );
    console.log(`\n${cpuSplit}`);
  } finally {
    client.close();
    await app.app.close();
  }
}

// Also imported for its query list (scripts/profile-miss.ts).
if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
