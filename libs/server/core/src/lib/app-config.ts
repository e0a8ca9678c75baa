import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export type AppConfig = {
  databaseUrl: string;
  port: number;
  production: boolean;
  dataDir: string;
  /** Key for HMAC pseudonymisation of staff identifiers. Never in the repository. */
  pseudonymisationKey: string;
  dashboardDir?: string;
};

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Reads configuration from the environment; the embedded default keeps its key in the data directory. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error('DATABASE_URL is not set (start through `npm start`, which provides one)');
  const dataDir = path.resolve(env.AIWR_DATA_DIR ?? '.data');
  return {
    databaseUrl,
    port: Number(env.PORT ?? 3000),
    production: env.NODE_ENV === 'production',
    dataDir,
    pseudonymisationKey: env.PSEUDONYMISATION_KEY ?? keyFromDataDir(dataDir),
    dashboardDir: env.DASHBOARD_DIR,
  };
}

function keyFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'pseudonymisation.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
