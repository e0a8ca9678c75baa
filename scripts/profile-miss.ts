/**
 * `npm run profile:miss`: what one cache miss costs the API. Starts the real API on the bench database
 * (already prepared by bench:queries; nothing is generated or migrated), turns off the response and rollup
 * caches, and sends each dashboard query of bench:queries N times, one at a time, as a national planner.
 * Prints per query the wall p50/p95, the API process's CPU per request (user + system, its loopback client
 * included), the garbage collector's pause per request and the event loop's longest block, and the CPU per
 * request of the same query answered from the response cache (the client's and transport's share). Run it under
 * `node --cpu-prof` for a profile of misses only. Options: --n 100, --only <part of a query name>.
 */
import './bench-production';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { CoverageService, ScopedResponseCache } from '@aiwr/server-coverage';
import { queries } from './bench-queries';
import { BenchApp, argValue, monthEnds, percentile, startBenchApp } from './bench-support';

async function post(app: BenchApp, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: app.headers,
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await res.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body;
}

async function main() {
  const n = Number(argValue('n', '100'));
  const only = argValue('only', '');
  const app = await startBenchApp();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  try {
    const responses = app.app.get(ScopedResponseCache);
    const rollups = app.app.get(CoverageService).cache;
    console.log(`Each query ${n} times, one at a time, no response or rollup cache, national planner.\n`);
    console.log(
      `${'query'.padEnd(46)}   p50 ms   p95 ms   CPU ms/req   GC ms/req   max loop block ms   KB   hit CPU ms/req`,
    );
    for (const q of queries(monthEnds(12)).filter((x) => x.name.includes(only))) {
      responses.enabled = rollups.enabled = false;
      let bytes = 0;
      for (let i = 0; i < 10; i++) bytes = JSON.stringify(await post(app, q.query, q.variables)).length;
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      gcMs = 0;
      const cpu0 = process.cpuUsage();
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await post(app, q.query, q.variables);
        ms.push(performance.now() - t);
      }
      const cpu = process.cpuUsage(cpu0);
      delay.disable();
      ms.sort((a, b) => a - b);
      // The same request answered from the response cache: what the loopback client and transport cost.
      responses.enabled = rollups.enabled = true;
      for (let i = 0; i < 10; i++) await post(app, q.query, q.variables);
      const hit0 = process.cpuUsage();
      for (let i = 0; i < n; i++) await post(app, q.query, q.variables);
      const hit = process.cpuUsage(hit0);
      const f = (x: number, w = 9) => x.toFixed(2).padStart(w);
      console.log(
        `${q.name.padEnd(46)}${f(percentile(ms, 50))}${f(percentile(ms, 95))}${f((cpu.user + cpu.system) / 1000 / n, 13)}` +
          `${f(gcMs / n, 12)}${f(delay.max / 1e6, 20)}${(bytes / 1024).toFixed(0).padStart(5)}` +
          `${f((hit.user + hit.system) / 1000 / n, 17)}`,
      );
    }
  } finally {
    gc.disconnect();
    await app.app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
