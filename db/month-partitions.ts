/**
 * staff_assignment and the three person tables derived from it are partitioned by the month of as_at
 * (one range partition a month; migration 1764800000001 attached the rows stored before as one partition).
 *
 * Why: a national file, or the first file of a new month, writes 1.5 M assignments and millions of
 * derived rows for one date. Inserted into an indexed table, every row updates every index entry by
 * entry; written into a table of their own that is then attached, the rows go in with no index and
 * `ATTACH PARTITION` builds each index in one sorted pass and checks each foreign key with one query
 * (measured on 2.85 M person_need rows: 12.8 s inserted into the indexed table against 4.8 s written plus
 * 3.3 s of index builds). Attaching takes SHARE UPDATE EXCLUSIVE on the parent, so readers and other
 * imports go on while it runs; there is deliberately no default partition, because attaching next to one
 * would lock that partition against every reader until the import commits; and the tables reference
 * staff_snapshot through statement triggers, not a foreign key, because attaching would lock
 * staff_snapshot, which every import writes (migration 1764800000001).
 *
 * Every writer of these tables goes through MonthWrite: rows for a month without a partition are a
 * PostgreSQL error ("no partition of relation found for row"), never a silent misplacement.
 */
export const MONTH_PARTITIONED = [
  'staff_assignment',
  'person_archetype',
  'person_need',
  'person_snapshot',
] as const;
export type MonthPartitionedTable = (typeof MONTH_PARTITIONED)[number];

type Queryable = { query: (sql: string, params?: unknown[]) => Promise<unknown> };
const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

/** First day of the month of an ISO date, and of the next month ("2026-10-31" → 2026-10-01, 2026-11-01). */
export function monthBounds(asAt: string): { from: string; to: string; suffix: string } {
  const [y, m] = asAt.slice(0, 10).split('-').map(Number);
  const next = m === 12 ? [y + 1, 1] : [y, m + 1];
  const iso = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, '0')}-01`;
  return { from: iso(y, m), to: iso(next[0], next[1]), suffix: `${y}_${String(m).padStart(2, '0')}` };
}

type Month = ReturnType<typeof monthBounds>;

/** The partitions of `table` and the date range each covers. */
async function partitionsOf(q: Queryable, table: MonthPartitionedTable) {
  return rowsOf<{ name: string; from: string; to: string }>(
    await q.query(
      `select c.relname as name,
              substring(pg_get_expr(c.relpartbound, c.oid) from $$FROM \\('([^']+)'\\)$$) as "from",
              substring(pg_get_expr(c.relpartbound, c.oid) from $$TO \\('([^']+)'\\)$$) as "to"
       from pg_inherits i join pg_class c on c.oid = i.inhrelid
       where i.inhparent = $1::regclass`,
      [table],
    ),
  );
}

const covers = (p: { from: string; to: string }, day: string) => p.from <= day && day < p.to;

/** The months of `dates` that no partition of `table` covers yet. */
async function missingMonths(q: Queryable, table: MonthPartitionedTable, dates: string[]) {
  const partitions = await partitionsOf(q, table);
  const months = new Map(dates.map((d) => [monthBounds(d).from, monthBounds(d)]));
  return [...months.values()].filter((m) => !partitions.some((p) => covers(p, m.from)));
}

/**
 * A month's partition as a table of its own, not yet attached: same columns, defaults and checks as
 * the parent, no index, plus the check that it holds only its month (so attaching need not scan it).
 * Null if another transaction created it meanwhile (it is attached by the time the lock is ours).
 */
async function createDetached(
  q: Queryable,
  table: MonthPartitionedTable,
  month: Month,
): Promise<string | null> {
  // Two imports opening the same new month wait for each other here (until the first commits).
  await q.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    `aiwr-partition:${table}:${month.from}`,
  ]);
  if ((await partitionsOf(q, table)).some((p) => covers(p, month.from))) return null;
  const name = `${table}_${month.suffix}`;
  await q.query(
    `create table ${name} (like ${table} including defaults including generated including constraints,
       constraint ${name}_month check (as_at >= '${month.from}' and as_at < '${month.to}'))`,
  );
  return name;
}

/**
 * A new partition's rows belong to stored snapshots: what each parent's statement trigger checks for rows
 * inserted through it (migration 1764800000001 explains why that is not a foreign key).
 */
async function checkSnapshotsExist(q: Queryable, name: string) {
  const [{ orphan }] = rowsOf<{ orphan: boolean }>(
    await q.query(
      `select exists (select 1 from (select distinct org_code, as_at from ${name}) r
                      where not exists (select 1 from staff_snapshot s
                                        where s.org_code = r.org_code and s.as_at = r.as_at)) as orphan`,
    ),
  );
  if (orphan)
    throw Object.assign(new Error(`rows of ${name} for a snapshot not in staff_snapshot`), {
      code: '23503',
    });
}

async function attach(q: Queryable, table: MonthPartitionedTable, name: string, month: Month) {
  await checkSnapshotsExist(q, name);
  // Builds the parent's indexes on the new rows and checks its foreign keys, each in one pass.
  await q.query(
    `alter table ${table} attach partition ${name} for values from ('${month.from}') to ('${month.to}')`,
  );
}

/** Creates (empty, attached) the partitions the months of `dates` lack: for writers of a few rows. */
export async function ensureMonthPartitions(
  q: Queryable,
  dates: string[],
  tables: readonly MonthPartitionedTable[] = MONTH_PARTITIONED,
): Promise<void> {
  for (const table of tables)
    for (const month of await missingMonths(q, table, dates)) {
      const name = await createDetached(q, table, month);
      if (name) await attach(q, table, name, month);
    }
}

/**
 * Where to insert rows of `table` dated `dates`: when they are all of one month that has no partition
 * yet, a new detached partition (bulk-built, then attached by `close`); otherwise the parent table,
 * after creating any partition a month lacks. Insert into `target`, then call `close` before reading
 * the rows back through the parent.
 */
export class MonthWrite {
  private constructor(
    readonly target: string,
    private readonly table: MonthPartitionedTable,
    private readonly detached: { name: string; month: Month } | null,
  ) {}

  static async open(q: Queryable, table: MonthPartitionedTable, dates: string[]): Promise<MonthWrite> {
    const missing = await missingMonths(q, table, dates);
    if (missing.length === 1 && new Set(dates.map((d) => monthBounds(d).from)).size === 1) {
      const name = await createDetached(q, table, missing[0]);
      if (name) return new MonthWrite(name, table, { name, month: missing[0] });
    } else await ensureMonthPartitions(q, dates, [table]);
    return new MonthWrite(table, table, null);
  }

  /** True when the rows go into a new partition of their own. */
  get bulk(): boolean {
    return this.detached !== null;
  }

  async close(q: Queryable): Promise<void> {
    if (this.detached) await attach(q, this.table, this.detached.name, this.detached.month);
  }
}
