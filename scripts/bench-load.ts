/**
 * `npm run bench:load`: autocannon (in its own process) with 200 connections for 30 s against the
 * coverage overview query as a signed-in national planner, on loopback, with the national workforce of
 * bench:queries. Prints requests/s, latency p50/p99 and errors; asserts nothing about time.
 * Options: --connections 200, --duration 30 (plus --scale/--months/--seed as bench:queries).
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { argValue, prepareBenchDatabase, startBenchApp } from './bench-support';

const OVERVIEW = `query Overview($filter: CoverageFilter) { coverageOverview(filter: $filter) { asAt
  headcount { value { value suppressed } } foundationCoverage { value { value } numerator { value } denominator { value } targetPct rag }
  fullyTrained { value { value } targetPct rag } unmetPlaces { value { value } percent { value } targetPct rag }
  byArchetype { keys { code label } headcount { value suppressed } archetypeCoveragePct { value suppressed } rag } } }`;

async function main() {
  const spec = {
    scale: Number(argValue('scale', '1')),
    months: Number(argValue('months', '12')),
    seed: Number(argValue('seed', '42')),
  };
  const connections = argValue('connections', '200');
  const duration = argValue('duration', '30');
  await prepareBenchDatabase(spec);
  const app = await startBenchApp();
  try {
    const body = JSON.stringify({ query: OVERVIEW, variables: { filter: {} } });
    const check = await fetch(`${app.url}/graphql`, { method: 'POST', headers: app.headers, body });
    const checked: any = await check.json();
    if (checked.errors) throw new Error(`overview failed before the run: ${JSON.stringify(checked.errors)}`);
    console.log(
      `overview as a national planner: headcount ${checked.data.coverageOverview.headcount.value.value}`,
    );

    const bin = path.join(__dirname, '..', 'node_modules', '.bin', 'autocannon');
    const args = ['-c', connections, '-d', duration, '-m', 'POST', '-b', body, '-j'];
    for (const [k, v] of Object.entries(app.headers)) args.push('-H', `${k}=${v}`);
    args.push(`${app.url}/graphql`);
    console.log(`autocannon -c ${connections} -d ${duration} POST /graphql (coverageOverview), loopback ...`);
    const { stdout } = await promisify(execFile)(bin, args, { maxBuffer: 64 * 1024 * 1024 });
    const r = JSON.parse(stdout);
    const errors = r.errors + r.timeouts + r.non2xx;
    console.log(
      `\nrequests/s  ${Math.round(r.requests.average).toLocaleString('en-GB')} (average over ${r.duration} s; ${r.requests.total.toLocaleString('en-GB')} requests)`,
    );
    console.log(`latency     p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`);
    console.log(
      `errors      ${errors} (connection errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`,
    );
    // A 200 can still carry GraphQL errors: check a response after the run too.
    const after: any = await (
      await fetch(`${app.url}/graphql`, { method: 'POST', headers: app.headers, body })
    ).json();
    console.log(
      `after run   ${after.errors ? `GraphQL errors: ${JSON.stringify(after.errors)}` : 'overview still answers without errors'}`,
    );
    console.log(`\n(targets: >= 2,000 requests/s, p99 <= 100 ms, 0 errors)`);
  } finally {
    await app.app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
