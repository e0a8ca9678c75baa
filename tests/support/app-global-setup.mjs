// The browser suite runs the product as a user gets it: embedded PostgreSQL with demo data, the API
// serving the built dashboard, on a random loopback port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, freePort } from '../../scripts/embedded-db.mjs';
import { migrateInChild } from './migrate-in-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-browser-'));
  fs.chmodSync(dataDir, 0o755);
  // The browser suite gets its own embedded server: the integration suite's globalSetup has already
  // pointed DATABASE_URL at its database, whose tests rewrite the workforce tables while these run.
  // (With an external DATABASE_URL given by the caller, both suites use that server.)
  const integrationUrl = process.env.DATABASE_URL;
  process.env.AIWR_CALLER_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
  if (process.env.AIWR_CALLER_DATABASE_URL) process.env.DATABASE_URL = process.env.AIWR_CALLER_DATABASE_URL;
  else delete process.env.DATABASE_URL;
  const db = await ensureDatabase({ dataDir, tuning: ['-c', 'fsync=off', '-c', 'full_page_writes=off'] });
  const env = { ...process.env, DATABASE_URL: db.url, AIWR_DATA_DIR: dataDir, NODE_ENV: 'test' };
  migrateInChild(db.url);
  // Demo users for each role (engineer C, libs/server/access): the browser tests sign in as them.
  execFileSync(process.execPath, ['-r', './scripts/register.cjs', 'apps/cli/src/seed-users.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const seed = path.join(root, 'apps/cli/src/seed-demo.ts');
  if (fs.existsSync(seed)) {
    execFileSync(process.execPath, ['-r', './scripts/register.cjs', seed, '--size', 'test'], {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const dashboardDir = path.join(root, 'dist/dashboard');
  if (!fs.existsSync(path.join(dashboardDir, 'index.html'))) {
    execFileSync(
      'npx',
      ['vite', 'build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'],
      { cwd: root, stdio: 'inherit' },
    );
  }
  const port = await freePort();
  const api = spawn(process.execPath, ['-r', './scripts/register.cjs', 'apps/api/src/main.ts'], {
    cwd: root,
    env: { ...env, PORT: String(port), DASHBOARD_DIR: dashboardDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 300) throw new Error('API did not start within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.AIWR_TEST_URL = url;
  // Integration tests (same jest process) keep using their own database.
  if (integrationUrl) process.env.DATABASE_URL = integrationUrl;
  else delete process.env.DATABASE_URL;
  globalThis.__AIWR_APP__ = { api, db, dataDir };
}
