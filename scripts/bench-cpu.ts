/** CPU time of the processes a load benchmark involves, read from /proc (Linux), to print where the time went. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** user+system CPU ms of one process (e.g. a benchmark's client process). */
export function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime, stime
  } catch {
    return 0; // exited meanwhile
  }
}

function childrenOf(ppid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === ppid) out.push(Number(d));
    } catch {
      /* exited */
    }
  }
  return out;
}

/** PostgreSQL's postmaster pid for the data directory the bench database runs in. */
export function postmasterPid(dataDir: string): number | null {
  for (const dir of [path.join(dataDir, 'pg'), dataDir]) {
    try {
      return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      /* try the next layout */
    }
  }
  return null;
}

/** Busy and total CPU ms of the whole machine (all cores), from /proc/stat. */
function machineMs(): { busy: number; total: number } {
  const cpu = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const idle = cpu[3] + cpu[4];
  const total = cpu.reduce((s, x) => s + x, 0);
  return { busy: (total - idle) * TICK_MS, total: total * TICK_MS };
}

export type CpuSample = {
  api: number;
  pg: number;
  machine: { busy: number; total: number };
  pgPids: number[];
};

export function sampleCpu(postmaster: number | null): CpuSample {
  const u = process.cpuUsage();
  // Backends that exited during the run are missed; the bench's pool keeps its connections open.
  const pgPids = postmaster ? [postmaster, ...childrenOf(postmaster)] : [];
  return {
    api: (u.user + u.system) / 1000,
    pg: pgPids.reduce((s, p) => s + procCpuMs(p), 0),
    machine: machineMs(),
    pgPids,
  };
}

/** Per-process share of the machine's cores over the run, as "1.23 cores (61%)". */
export function describeCpuSplit(
  before: CpuSample,
  after: CpuSample,
  loadGenMs: number,
  wallMs: number,
): string {
  const cores = os.cpus().length;
  const busy = after.machine.busy - before.machine.busy;
  const api = after.api - before.api;
  const pg = after.pg - before.pg;
  const others = Math.max(0, busy - api - pg - loadGenMs);
  const f = (ms: number) =>
    `${(ms / wallMs).toFixed(2)} cores (${((100 * ms) / (cores * wallMs)).toFixed(0)}%)`;
  return [
    `CPU over the run (${cores} cores, ${(wallMs / 1000).toFixed(1)} s; shares of all cores):`,
    `  API (Node, this process)   ${f(api)}`,
    `  PostgreSQL                 ${f(pg)}`,
    `  load generator             ${f(loadGenMs)}`,
    `  everything else (other work on the machine) ${f(others)}`,
    `  machine busy               ${f(busy)}`,
  ].join('\n');
}
