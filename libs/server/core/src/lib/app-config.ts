import path from 'node:path';
import { readPseudonymisationKey } from '@aiwr/db';

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
    pseudonymisationKey: readPseudonymisationKey({ ...env, AIWR_DATA_DIR: dataDir })!,
    dashboardDir: env.DASHBOARD_DIR,
  };
}
