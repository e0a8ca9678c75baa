// One real PostgreSQL for the integration suite: the embedded server in a fresh temporary directory
// (or DATABASE_URL when set), migrated and loaded with reference data before any test runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase } from '../../scripts/embedded-db.mjs';
import { migrateInChild } from './migrate-in-child.mjs';

export default async function setup() {
  // Remember whether the caller gave an external server, before this setup points DATABASE_URL at its own.
  process.env.AIWR_CALLER_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'aiwr-test-'));
  fs.chmodSync(dataDir, 0o755);
  const db = await ensureDatabase({ dataDir, tuning: ['-c', 'fsync=off', '-c', 'full_page_writes=off'] });
  globalThis.__AIWR_DB__ = { ...db, dataDir };
  process.env.DATABASE_URL = db.url;
  process.env.AIWR_DATA_DIR = dataDir;
  process.env.PSEUDONYMISATION_KEY = 'test-only-key-0123456789abcdef';
  await migrateInChild(db.url);
}
