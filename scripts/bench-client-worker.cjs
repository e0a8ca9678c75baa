// The HTTP client of bench:queries and profile:miss, in its own process (forked, IPC), so that its
// decompression and JSON parsing of large answers neither share the API's event loop nor count as the API's
// CPU: the API is measured as a browser meets it. Each message asks for one query sent `warmup` + `n` times,
// one at a time, on one keep-alive connection, with the browser's Accept-Encoding. A request's time runs from
// sending it to the last byte of the answer (as it arrives, compressed or not); decompressing and parsing it
// are the client's work and are timed separately. The reply carries both series of times (ms), the answer's
// size and this process's CPU time over the timed requests.
const http = require('node:http');
const zlib = require('node:zlib');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const DECODE = {
  br: zlib.brotliDecompressSync,
  gzip: zlib.gunzipSync,
  deflate: zlib.inflateSync,
  zstd: zlib.zstdDecompressSync, // absent before Node 22.15; the API does not send zstd
};

function request(job, payload) {
  return new Promise((resolve, reject) => {
    const url = new URL(`${job.url}/graphql`);
    const started = performance.now();
    const req = http.request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { ...job.headers, 'content-length': Buffer.byteLength(payload) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const lastByte = performance.now() - started;
          const raw = Buffer.concat(chunks);
          const encoding = res.headers['content-encoding'];
          const text = (encoding ? DECODE[encoding](raw) : raw).toString('utf8');
          const body = JSON.parse(text);
          if (res.statusCode !== 200 || body.errors)
            return reject(new Error(`${res.statusCode} ${JSON.stringify(body.errors ?? body)}`));
          resolve({ body, lastByte, parsed: performance.now() - started, wire: raw.length });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

process.on('message', async (job) => {
  try {
    const payload = JSON.stringify({ query: job.query, variables: job.variables });
    let last;
    for (let i = 0; i < job.warmup; i++) last = await request(job, payload);
    const ms = [];
    const parsedMs = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < job.n; i++) {
      last = await request(job, payload);
      ms.push(last.lastByte);
      parsedMs.push(last.parsed);
    }
    const used = process.cpuUsage(cpu);
    process.send({
      ms,
      parsedMs,
      cpuMs: (used.user + used.system) / 1000,
      bytes: last ? JSON.stringify(last.body).length : 0,
      wireBytes: last ? last.wire : 0,
      data: job.returnData ? last.body.data : undefined,
    });
  } catch (e) {
    process.send({ error: String(e && e.stack ? e.stack : e) });
  }
});
