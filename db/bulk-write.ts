/** A connection or EntityManager: node-postgres returns `{ rows }`, TypeORM the rows themselves. */
type Queryable = { query: (sql: string) => Promise<unknown> };

/**
 * PostgreSQL checks a foreign key with one query per inserted row; for bulk writes those checks cost
 * several times the insert itself (measured: 16 s of triggers for a 2.7 s insert of 200k rows, and about
 * half of each organisation's re-evaluation). When the connection may do so (superuser, as with the
 * embedded server), this turns row triggers off for the rest of the transaction, as
 * pg_restore --disable-triggers does, and returns true; the caller must then verify the same references
 * set-based and call `rowTriggersOn`. With an ordinary role it changes nothing and returns false.
 */
export async function rowTriggersOffIfAllowed(q: Queryable): Promise<boolean> {
  const result = await q.query(
    // CASE, not AND: set_config must never run for an ordinary role (it would be refused).
    `select case when current_setting('is_superuser') = 'on'
                 then set_config('session_replication_role', 'replica', true) = 'replica' else false end as off`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: { off: boolean }[] }).rows) as {
    off: boolean;
  }[];
  return rows[0].off;
}

/** Row triggers (and so per-row foreign-key checks) back on for the rest of the transaction. */
export async function rowTriggersOn(q: Queryable): Promise<void> {
  await q.query(`set local session_replication_role = origin`);
}
