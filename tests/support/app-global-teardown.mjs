import fs from 'node:fs';

export default async function teardown() {
  const state = globalThis.__AIWR_APP__;
  if (!state) return;
  const exited = new Promise((r) => state.api.once('exit', r));
  state.api.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  await state.db.stop();
  if (state.db.owned) fs.rmSync(state.dataDir, { recursive: true, force: true });
}
