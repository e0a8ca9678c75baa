import fs from 'node:fs';

export default async function teardown() {
  const state = globalThis.__AIWR_APP__;
  if (!state) return;
  const exited = new Promise((r) => state.api.once('exit', r));
  state.api.kill('SIGTERM');
  // The grace timer is cleared once the API has exited, so it does not hold Jest open afterwards.
  let grace;
  await Promise.race([exited, new Promise((r) => (grace = setTimeout(r, 5000)))]);
  clearTimeout(grace);
  await state.db.stop();
  if (state.db.owned) fs.rmSync(state.dataDir, { recursive: true, force: true });
}
