// The load generator of `bench:load --scenario mixed`, in its own process so its CPU is not the API's:
// autocannon with a pool of requests (body + the signed-in user's headers), one drawn at random per request.
// Reads its plan as JSON on stdin; prints autocannon's result, per-status counts and its own CPU time as JSON.
const autocannon = require('autocannon');

let input = '';
process.stdin.on('data', (c) => (input += c));
process.stdin.on('end', () => {
  const plan = JSON.parse(input);
  const pool = plan.requests.map((r) => ({ body: r.body, headers: plan.users[r.user] }));
  const cpu = process.cpuUsage();
  const latencies = [];
  const statuses = {};
  const instance = autocannon(
    {
      url: `${plan.url}/graphql`,
      connections: plan.connections,
      duration: plan.duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const r = pool[Math.floor(Math.random() * pool.length)];
            return { ...req, method: 'POST', path: '/graphql', body: r.body, headers: r.headers };
          },
        },
      ],
    },
    (error, result) => {
      if (error) throw error;
      const used = process.cpuUsage(cpu);
      latencies.sort((a, b) => a - b);
      const at = (p) =>
        latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)];
      const percentiles = { p50: at(50), p95: at(95), p99: at(99), max: latencies[latencies.length - 1] };
      delete result.histograms;
      process.stdout.write(
        JSON.stringify({ result, percentiles, statuses, cpuMs: (used.user + used.system) / 1000 }),
      );
    },
  );
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  instance.on('error', (e) => console.error(e));
});
