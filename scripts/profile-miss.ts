/**
 * `npm run profile:miss`: what one cache miss costs the API. Starts the real API on the bench database
 * (already prepared by bench:queries; nothing is generated or migrated), turns off the response and rollup
 * caches, and sends each dashboard query of bench:queries N times, one at a time, as a national planner.
 * Prints per query the wall p50/p95, the API process's CPU per request (user + system; the client is a
 * separate process, scripts/bench-client.ts), the garbage collector's pause per request and the event loop's
 * longest block, the API's CPU per request of the same query answered from the response cache (HTTP, session
 * and sending: the part a miss shares with a hit), and the client's time to decompress and parse an answer
 * (not in the wall times, which end at the answer's last byte). Run it under
 * `node --cpu-prof` for a profile of misses only. Options: --n 100, --only <part of a query name>.
 */
import './bench-production';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { CoverageService, ScopedResponseCache } from '@aiwr/server-coverage';
import { queries } from './bench-queries';
import { startBenchClient } from './bench-client';
import { argValue, monthEnds, percentile, startBenchApp } from './bench-support';

async function main() {
  const n = Number(argValue('n', '100'));
  const only = argValue('only', '');
  const app = await startBenchApp();
  const client = startBenchClient(app);
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
      `${'query'.padEnd(46)}   p50 ms   p95 ms   CPU ms/req   GC ms/req   max loop block ms   KB   hit CPU ms/req   client decode+parse p50 ms`,
    );
    for (const q of queries(monthEnds(12)).filter((x) => x.name.includes(only))) {
      responses.enabled = rollups.enabled = false;
      const { bytes } = await client.run(q.query, { n: 1, warmup: 9, variables: q.variables });
      const delay = monitorEventLoopDelay({ resolution: 1 });
      delay.enable();
      gcMs = 0;
      const cpu0 = process.cpuUsage();
      const run = await client.run(q.query, { n, warmup: 0, variables: q.variables });
      const cpu = process.cpuUsage(cpu0);
      const ms = run.ms;
      const parse = run.parsedMs.map((x, i) => x - run.ms[i]).sort((a, b) => a - b);
      delay.disable();
      ms.sort((a, b) => a - b);
      // The same request answered from the response cache: what HTTP, the session check and sending cost.
      responses.enabled = rollups.enabled = true;
      await client.run(q.query, { n: 0, warmup: 10, variables: q.variables });
      const hit0 = process.cpuUsage();
      await client.run(q.query, { n, warmup: 0, variables: q.variables });
      const hit = process.cpuUsage(hit0);
      const hitPerReq = (hit.user + hit.system) / 1000 / n;
      const f = (x: number, w = 9) => x.toFixed(2).padStart(w);
      console.log(
        `${q.name.padEnd(46)}${f(percentile(ms, 50))}${f(percentile(ms, 95))}${f((cpu.user + cpu.system) / 1000 / n, 13)}` +
          `${f(gcMs / n, 12)}${f(delay.max / 1e6, 20)}${(bytes / 1024).toFixed(0).padStart(5)}` +
          `${f(hitPerReq, 17)}${f(percentile(parse, 50), 27)}`,
      );
    }
  } finally {
    client.close();
    gc.disconnect();
    await app.app.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
