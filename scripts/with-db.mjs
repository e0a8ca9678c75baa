// Runs a command with DATABASE_URL pointing at the embedded PostgreSQL (started or attached to),
// unless DATABASE_URL is already set. Usage: node scripts/with-db.mjs <command> [args...]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDatabase, defaultDataDir } from './embedded-db.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [cmd, ...args] = process.argv.slice(2);
const dataDir = defaultDataDir(root);
const db = await ensureDatabase({ dataDir, log: (m) => console.error(`[db] ${m}`) });
const child = spawn(cmd, args, {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, DATABASE_URL: db.url, AIWR_DATA_DIR: dataDir },
});
const forward = (sig) => child.kill(sig);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', async (code, signal) => {
  await db.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
