import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key of every keyed hash of a staff identifier (person key, assignment key). It never enters the
 * database: it comes from `PSEUDONYMISATION_KEY`, or else from `<AIWR_DATA_DIR or .data>/pseudonymisation.key`.
 * Here, not in server-core, because the migration that re-keys stored rows needs it too.
 */
export function keyFileOf(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(path.resolve(env.AIWR_DATA_DIR ?? '.data'), 'pseudonymisation.key');
}

/** The configured key; with `create`, a fresh random key is written to the key file when there is none. */
export function readPseudonymisationKey(
  env: NodeJS.ProcessEnv = process.env,
  opts: { create: boolean } = { create: true },
): string | null {
  if (env.PSEUDONYMISATION_KEY) return env.PSEUDONYMISATION_KEY;
  const file = keyFileOf(env);
  if (!fs.existsSync(file)) {
    if (!opts.create) return null;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
