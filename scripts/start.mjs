// `npm start`: builds the dashboard, starts (or reuses) the embedded PostgreSQL, migrates, loads the demo
// data when the database is empty, and serves the API and the dashboard on one port.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, defaultDataDir } from './embedded-db.mjs';
import { startDevSmtp } from './dev-smtp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (m) => console.log(`[start] ${m}`);
const run = (args, env) => {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

log('building the dashboard');
const vite = spawnSync(
  path.join(root, 'node_modules/.bin/vite'),
  ['build', '--config', 'apps/dashboard/vite.config.mts', '--logLevel', 'warn'],
  { cwd: root, stdio: 'inherit' },
);
if (vite.status !== 0) process.exit(1);

const dataDir = defaultDataDir(root);
const db = await ensureDatabase({
  dataDir,
  port: process.env.PGPORT ? Number(process.env.PGPORT) : undefined,
  log,
});
log(process.env.DATABASE_URL ? 'using DATABASE_URL' : `embedded PostgreSQL up (data in ${dataDir})`);
const env = { ...process.env, DATABASE_URL: db.url, AIWR_DATA_DIR: dataDir };
run(['-r', './scripts/register.cjs', 'db/cli/migrate.ts'], env);
// Demo users for each role (created if missing, never in production); it prints how to sign in.
const users = spawnSync(process.execPath, ['-r', './scripts/register.cjs', 'apps/cli/src/seed-users.ts'], {
  cwd: root,
  env,
  encoding: 'utf8',
});
if (users.status !== 0) {
  process.stderr.write(users.stderr);
  process.exit(1);
}
run(
  [
    '-r',
    './scripts/register.cjs',
    'apps/cli/src/seed-demo.ts',
    '--size',
    process.env.DEMO_SIZE ?? 'demo',
    '--if-empty',
  ],
  env,
);

// Report packs by email: without SMTP_URL, a loopback SMTP server keeps the mail in <data dir>/mail.
let smtpUrl = process.env.SMTP_URL;
if (!smtpUrl) {
  const mailDir = path.join(dataDir, 'mail');
  smtpUrl = (await startDevSmtp({ dir: mailDir, log })).url;
  log(`report pack emails are kept in ${mailDir} (development SMTP on ${smtpUrl})`);
}

const port = process.env.PORT ?? '3000';
// Larger young generation: a quarter as many collections under load (docs/deploying.md).
const api = spawn(
  process.execPath,
  ['--max-semi-space-size=64', '-r', './scripts/register.cjs', 'apps/api/src/main.ts'],
  {
    cwd: root,
    env: { ...env, PORT: port, DASHBOARD_DIR: path.join(root, 'dist/dashboard'), SMTP_URL: smtpUrl },
    stdio: 'inherit',
  },
);
let stopping = false;
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  api.kill('SIGTERM');
  await db.stop();
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
api.on('exit', (code) => stop(code ?? 0));
for (let i = 0; i < 300; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) {
      log(
        `AI Workforce Readiness is ready: http://127.0.0.1:${port}/  (GraphQL: /graphql). Ctrl-C stops it.`,
      );
      console.log(users.stdout.trimEnd());
      break;
    }
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}
