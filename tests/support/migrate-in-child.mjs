// Migrations are TypeScript; globalSetup is plain Node, so run them in a child with the SWC register hook.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function migrateInChild(url) {
  execFileSync(process.execPath, ['-r', './scripts/register.cjs', 'db/cli/migrate.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
