import type { EntityManager } from 'typeorm';

/**
 * Runs `work` with nested-loop and merge joins disabled for the caller's transaction, then restores the
 * settings. The recompute joins sets written moments earlier in the same transaction, or rows of an
 * as-at date newer than the table's statistics: the planner then estimates 1 row for each side and picks
 * a nested loop (or a merge join on part of the key with the rest as a filter), both quadratic: the
 * issue's 138 s of a 144 s import, 26,650 × 20,329 rows compared. Hash joins on the whole key cost the
 * same order of work for 100 rows or 100,000, so every recompute statement runs with them.
 */
export async function withHashJoins<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
  const [before] = await m.query(
    `select current_setting('enable_nestloop') as nestloop, current_setting('enable_mergejoin') as mergejoin`,
  );
  await m.query(
    `select set_config('enable_nestloop', 'off', true), set_config('enable_mergejoin', 'off', true)`,
  );
  // Restored only after success: a failed statement aborts the transaction, and restoring then would
  // replace the real error with "current transaction is aborted".
  const result = await work();
  await m.query(`select set_config('enable_nestloop', $1, true), set_config('enable_mergejoin', $2, true)`, [
    before.nestloop,
    before.mergejoin,
  ]);
  return result;
}

/**
 * Runs `work` with a larger `work_mem` for the caller's transaction, then restores it. The recompute
 * sorts and hashes every person of the snapshots it works on in one statement (1.5 M people for a
 * national file); at the server's 64 MB those sorts and hash tables spill to disk (measured: 170 to
 * 380 MB external merges per statement). One backend at a time runs a recompute (each holds its
 * organisations' locks), so the extra memory is bounded.
 */
export async function withWorkMem<T>(m: EntityManager, size: string, work: () => Promise<T>): Promise<T> {
  const [before] = await m.query(`select current_setting('work_mem') as mem`);
  await m.query(`select set_config('work_mem', $1, true)`, [size]);
  const result = await work(); // restored after success only, as withHashJoins
  await m.query(`select set_config('work_mem', $1, true)`, [before.mem]);
  return result;
}
