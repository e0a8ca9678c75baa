/**
 * The loopback client of bench:queries and profile:miss as a separate process (scripts/bench-client-worker.cjs):
 * a client in the API's own process would parse each 100 KB answer on the API's event loop and count its CPU
 * as the API's. Requests carry a browser's Accept-Encoding (as bench:load's do) unless --accept-encoding says
 * otherwise; a request is timed to the last byte of its answer, the client's decompressing and parsing apart.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { argValue, type BenchApp } from './bench-support';

/**
 * ms: from sending each request to the last byte of its answer; parsedMs: the same plus the client's
 * decompressing and parsing it. bytes: the answer's JSON size; wireBytes: as sent (compressed).
 */
export type ClientRun = {
  ms: number[];
  parsedMs: number[];
  cpuMs: number;
  bytes: number;
  wireBytes: number;
  data?: any;
};

export type BenchClient = {
  /** Sends the query warmup + n times, one at a time; resolves with the n times (unsorted). */
  run(
    query: string,
    opts: { n: number; warmup?: number; variables?: Record<string, unknown> },
  ): Promise<ClientRun>;
  /** One request; resolves with its `data`. */
  post(query: string, variables?: Record<string, unknown>): Promise<any>;
  /** The client process's pid (for the CPU split). */
  pid: number;
  close(): void;
};

export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

export function startBenchClient(app: BenchApp): BenchClient {
  const child: ChildProcess = fork(path.join(__dirname, 'bench-client-worker.cjs'), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const headers = { ...app.headers, 'accept-encoding': argValue('accept-encoding', BROWSER_ACCEPT_ENCODING) };
  let queue = Promise.resolve() as Promise<unknown>;
  const ask = (job: Record<string, unknown>) =>
    (queue = queue
      .catch(() => undefined)
      .then(
        () =>
          new Promise<ClientRun>((resolve, reject) => {
            child.once('message', (m: any) => (m.error ? reject(new Error(m.error)) : resolve(m)));
            child.send({ url: app.url, headers, warmup: 0, ...job });
          }),
      )) as Promise<ClientRun>;
  return {
    run: (query, { n, warmup = 5, variables }) => ask({ query, variables, n, warmup }),
    post: async (query, variables) => (await ask({ query, variables, n: 1, returnData: true })).data,
    pid: child.pid!,
    close: () => child.kill(),
  };
}
