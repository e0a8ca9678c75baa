/**
 * `npm run bench:load`: autocannon (in its own process) with 200 connections for 30 s against the real API
 * on loopback, with the national workforce of bench:queries. Prints requests/s, latency percentiles, errors,
 * the response cache's hit share and the CPU split; asserts nothing about time.
 *   --scenario mixed (default): ~100 signed-in users of every role and scope (national, region, ICB, trust),
 *     each request a dashboard page query with filters and snapshot dates drawn from the caller's own filter
 *     options (scripts/bench-load-traffic.ts), sent with the browser's cookie, CSRF and Accept-Encoding headers.
 *   --scenario overview: the coverage overview of one national planner, sent again and again.
 * Options: --connections 200, --duration 30, --warmup 15 (s of the same traffic before measuring),
 * --requests 6000 (pool size), --seed 42, plus --scale/--months.
 */
import './bench-production';
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { PerformanceObserver, constants as perf, monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ScopedResponseCache } from '@aiwr/server-coverage';
import { argValue, BenchApp, prepareBenchDatabase, startBenchApp } from './bench-support';
import { describeCpuSplit, postmasterPid, sampleCpu } from './bench-cpu';
import { createTrafficUsers, random, trafficRequests } from './bench-load-traffic';

const OVERVIEW = `query Overview($filter: CoverageFilter) { coverageOverview(filter: $filter) { asAt
  headcount { value { value suppressed } } foundationCoverage { value { value } numerator { value } denominator { value } targetPct rag }
  fullyTrained { value { value } targetPct rag } unmetPlaces { value { value } percent { value } targetPct rag }
  byArchetype { keys { code label } headcount { value suppressed } archetypeCoveragePct { value suppressed } rag } } }`;

const connections = Number(argValue('connections', '200'));
const duration = Number(argValue('duration', '30'));
const n = (x: number) => Math.round(x).toLocaleString('en-GB');

async function main() {
  const spec = {
    scale: Number(argValue('scale', '1')),
    months: Number(argValue('months', '12')),
    seed: Number(argValue('seed', '42')),
  };
  await prepareBenchDatabase(spec);
  const app = await startBenchApp();
  try {
    if (argValue('scenario', 'mixed') === 'overview') await overviewScenario(app);
    else await mixedScenario(app, spec.seed);
  } finally {
    await app.app.close();
  }
}

async function mixedScenario(app: BenchApp, seed: number) {
  const rnd = random(seed);
  const users = await createTrafficUsers(app, rnd);
  const requests = await trafficRequests(app.url, users, rnd, Number(argValue('requests', '6000')));
  const distinct = new Set(requests.map((r) => `${r.user}|${r.body}`)).size;
  const roles = countBy(users.map((u) => `${u.role} ${u.grants[0].type}`));
  console.log(
    `${users.length} signed-in users: ${Object.entries(roles)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
  );
  console.log(
    `${n(requests.length)} requests in the pool, ${n(distinct)} distinct (user, body) pairs; by page:`,
  );
  for (const [page, count] of Object.entries(countBy(requests.map((r) => r.page))))
    console.log(`  ${page.padEnd(28)} ${((100 * count) / requests.length).toFixed(0)}%`);

  // A server in service has been answering for a while: the same traffic first, unmeasured, for --warmup s.
  const warmup = Number(argValue('warmup', '15'));
  const plan = { url: app.url, connections, users: users.map((u) => u.headers), requests };
  if (warmup > 0) {
    const w = await runWorker({ ...plan, duration: warmup });
    console.log(
      `\nwarm-up     ${warmup} s of the same traffic, not counted: ${n(w.result.requests.average)} requests/s, p99 ${w.percentiles.p99?.toFixed(0)} ms`,
    );
  }
  const cache = app.app.get(ScopedResponseCache);
  const stats0 = { ...cache.stats };
  const pg = postmasterPid(process.env.AIWR_DATA_DIR ?? '.bench');
  const cpu0 = sampleCpu(pg);
  // How long the API's event loop was held up (what every request waiting behind a miss or a collection
  // feels), and the garbage collector's pauses over the run.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const gc = { ms: 0, count: 0, max: 0, majorMs: 0, majors: 0 };
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gc.ms += e.duration;
      gc.count++;
      gc.max = Math.max(gc.max, e.duration);
      if ((e as { detail?: { kind?: number } }).detail?.kind === perf.NODE_PERFORMANCE_GC_MAJOR) {
        gc.majors++;
        gc.majorMs += e.duration;
      }
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  loop.enable();
  const t0 = performance.now();
  console.log(
    `\nautocannon -c ${connections} -d ${duration}, a random request of the pool each time, loopback ...`,
  );
  const out = await runWorker({ ...plan, duration });
  const wall = performance.now() - t0;
  const cpu1 = sampleCpu(pg);
  loop.disable();
  gcObserver.disconnect();
  const { result: r, percentiles: p, statuses } = out;
  const hits = cache.stats.hits - stats0.hits;
  const misses = cache.stats.misses - stats0.misses;
  const shared = cache.stats.shared - stats0.shared;
  const answered = hits + misses + shared;
  const non2xx = Object.entries(statuses as Record<string, number>)
    .filter(([s]) => !s.startsWith('2'))
    .reduce((s, [, c]) => s + c, 0);

  // A 200 can carry GraphQL errors: ask every distinct request once more, after the run, and count them.
  let gqlErrors = 0;
  const seen = new Set<string>();
  for (const q of requests) {
    const key = `${q.user}|${q.body}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: users[q.user].headers,
      body: q.body,
    });
    const body: any = await res.json();
    if (body.errors) {
      if (gqlErrors++ === 0)
        console.log(`first GraphQL error (${q.page}): ${JSON.stringify(body.errors).slice(0, 300)}`);
    }
  }

  console.log(
    `\nrequests/s  ${n(r.requests.average)} (average over ${r.duration} s; ${n(r.requests.total)} requests)`,
  );
  const ms = (x: number) => x.toFixed(1);
  console.log(
    `latency     p50 ${ms(p.p50)} ms, p95 ${ms(p.p95)} ms, p99 ${ms(p.p99)} ms, max ${ms(p.max)} ms`,
  );
  console.log(
    `errors      ${r.errors + r.timeouts + non2xx} (connection errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${non2xx}); ` +
      `GraphQL errors in the ${n(seen.size)} distinct requests asked again after the run: ${gqlErrors}`,
  );
  console.log(
    `cache       ${((100 * hits) / Math.max(1, answered)).toFixed(1)}% answered from the response cache ` +
      `(${n(hits)} hits, ${n(shared)} shared an identical request in flight, ${n(misses)} computed from the rollups)`,
  );
  const loopMs = (p: number) => (loop.percentile(p) / 1e6).toFixed(1);
  console.log(
    `event loop  delay p50 ${loopMs(50)} ms, p99 ${loopMs(99)} ms, max ${(loop.max / 1e6).toFixed(1)} ms; ` +
      `GC ${gc.count} pauses, ${(gc.ms / 1000).toFixed(2)} s in all (${((100 * gc.ms) / wall).toFixed(1)}% of the run), longest ${gc.max.toFixed(1)} ms; ` +
      `${gc.majors} full collections, ${(gc.majorMs / 1000).toFixed(2)} s; heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB used after the run`,
  );
  console.log(describeCpuSplit(cpu0, cpu1, out.cpuMs, wall));
  console.log(`\n(targets: >= 2,000 requests/s, p99 <= 100 ms, 0 errors)`);
}

function runWorker(plan: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'bench-load-worker.cjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`load generator exited with ${code}`)),
    );
    child.stdin.end(JSON.stringify(plan));
  });
}

function countBy(xs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

async function overviewScenario(app: BenchApp) {
  const body = JSON.stringify({ query: OVERVIEW, variables: { filter: {} } });
  const check = await fetch(`${app.url}/graphql`, { method: 'POST', headers: app.headers, body });
  const checked: any = await check.json();
  if (checked.errors) throw new Error(`overview failed before the run: ${JSON.stringify(checked.errors)}`);
  console.log(
    `overview as a national planner: headcount ${checked.data.coverageOverview.headcount.value.value}`,
  );

  const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'autocannon');
  const args = ['-c', String(connections), '-d', String(duration), '-m', 'POST', '-b', body, '-j'];
  for (const [k, v] of Object.entries(app.headers)) args.push('-H', `${k}=${v}`);
  args.push(`${app.url}/graphql`);
  console.log(`autocannon -c ${connections} -d ${duration} POST /graphql (coverageOverview), loopback ...`);
  const { stdout } = await promisify(execFile)(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout);
  const errors = r.errors + r.timeouts + r.non2xx;
  console.log(
    `\nrequests/s  ${n(r.requests.average)} (average over ${r.duration} s; ${n(r.requests.total)} requests)`,
  );
  console.log(`latency     p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
  console.log(
    `errors      ${errors} (connection errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`,
  );
  const after: any = await (
    await fetch(`${app.url}/graphql`, { method: 'POST', headers: app.headers, body })
  ).json();
  console.log(
    `after run   ${after.errors ? `GraphQL errors: ${JSON.stringify(after.errors)}` : 'overview still answers without errors'}`,
  );
  console.log(`\n(targets: >= 2,000 requests/s, p99 <= 100 ms, 0 errors)`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
