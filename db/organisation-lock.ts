type Queryable = { query: (sql: string, params?: unknown[]) => Promise<unknown> };

/**
 * The one lock every writer of an organisation's workforce rows holds for its transaction: imports
 * (libs/server/ingest), recomputes and department rows written on a first question
 * (libs/server/coverage). Taken in code order, so two writers of several organisations cannot deadlock;
 * taking it again in a transaction that holds it returns at once.
 */
export async function lockOrganisations(q: Queryable, orgCodes: string[]): Promise<void> {
  for (const org of [...new Set(orgCodes)].sort())
    await q.query(`select pg_advisory_xact_lock(hashtextextended('aiwr-import:' || $1, 0))`, [org]);
}
