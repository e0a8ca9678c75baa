// The HTTP client of bench:queries and profile:miss, in its own process (forked, IPC), so that its fetch,
// decompression and JSON parsing of large answers neither share the API's event loop nor count as the API's
// CPU: the API is measured as a browser meets it. Each message asks for one query sent `warmup` + `n` times,
// one at a time, with the browser's Accept-Encoding; the reply carries the n wall times (ms), the answer's
// size and this process's CPU time over the timed requests.
process.on('message', async (job) => {
  try {
    const send = async () => {
      const res = await fetch(`${job.url}/graphql`, {
        method: 'POST',
        headers: job.headers,
        body: JSON.stringify({ query: job.query, variables: job.variables }),
      });
      const body = await res.json();
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body;
    };
    let last;
    for (let i = 0; i < job.warmup; i++) last = await send();
    const ms = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < job.n; i++) {
      const t = performance.now();
      last = await send();
      ms.push(performance.now() - t);
    }
    const used = process.cpuUsage(cpu);
    process.send({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      bytes: JSON.stringify(last ?? null).length,
      data: job.returnData ? last.data : undefined,
    });
  } catch (e) {
    process.send({ error: String(e && e.stack ? e.stack : e) });
  }
});
