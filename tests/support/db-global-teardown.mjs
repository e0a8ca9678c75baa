import fs from 'node:fs';

export default async function teardown() {
  const db = globalThis.__AIWR_DB__;
  if (!db) return;
  await db.stop();
  if (db.owned) fs.rmSync(db.dataDir, { recursive: true, force: true });
}
