import type { EntityManager } from 'typeorm';

/** One (organisation, as-at) snapshot. */
export type SnapshotKey = { orgCode: string; asAt: string };

/**
 * The snapshots one recompute works on, as an analysed work table plus the arrays that let each base
 * table be read through its (org_code, as_at, …) index.
 *
 * Every recompute statement works on all these snapshots at once (group keys carry org_code; person
 * keys are per organisation), so a national file or a broad rule edit costs a fixed number of
 * statements, not ~20 per organisation. A base table is never joined to the work table to find its
 * rows (with hash joins forced that would read the whole table): it is read by
 * `org_code = any($1) and as_at = any($2)`, an index condition, and only when those two lists span
 * more than the snapshots themselves (organisations with different dates) is the result restricted
 * further by a hash semi-join with the work table.
 */
export class SnapshotScope {
  private constructor(
    /** The temporary table (org_code, as_at), one row per snapshot, analysed. */
    readonly table: string,
    /** Distinct organisations: bind as $1 of every statement that uses `where`. */
    readonly orgCodes: string[],
    /** Distinct as-at dates: bind as $2. */
    readonly dates: string[],
    readonly count: number,
  ) {}

  /** The list of snapshots (duplicates ignored). */
  static async of(m: EntityManager, table: string, snapshots: SnapshotKey[]): Promise<SnapshotScope> {
    const unique = new Map(snapshots.map((s) => [`${s.orgCode}|${s.asAt}`, s]));
    await m.query(`drop table if exists pg_temp.${table}`);
    await m.query(
      `create temp table ${table} as
       select distinct org_code, as_at from unnest($1::text[], $2::date[]) s(org_code, as_at)`,
      [[...unique.values()].map((s) => s.orgCode), [...unique.values()].map((s) => s.asAt)],
    );
    return SnapshotScope.analysed(m, table);
  }

  /** Every stored snapshot of these organisations. */
  static async ofOrganisations(m: EntityManager, table: string, orgCodes: string[]): Promise<SnapshotScope> {
    await m.query(`drop table if exists pg_temp.${table}`);
    await m.query(
      `create temp table ${table} as select org_code, as_at from staff_snapshot where org_code = any($1::text[])`,
      [orgCodes],
    );
    return SnapshotScope.analysed(m, table);
  }

  private static async analysed(m: EntityManager, table: string): Promise<SnapshotScope> {
    await m.query(`analyze ${table}`);
    const [row] = await m.query(
      `select coalesce(array_agg(distinct org_code), '{}') as orgs,
              coalesce(array_agg(distinct as_at::text), '{}') as dates, count(*)::int as n
       from ${table}`,
    );
    return new SnapshotScope(table, row.orgs, row.dates, row.n);
  }

  /** Bind values for $1 (organisations) and $2 (dates). */
  get params(): [string[], string[]] {
    return [this.orgCodes, this.dates];
  }

  /** A condition restricting rows of `alias` (with org_code, as_at) to these snapshots, using $1/$2. */
  where(alias: string): string {
    const byIndex = `${alias}.org_code = any($1::text[]) and ${alias}.as_at = any($2::date[])`;
    // The two lists are exact when every (organisation, date) pair they span is one of the snapshots.
    if (this.orgCodes.length * this.dates.length === this.count) return byIndex;
    return `${byIndex} and (${alias}.org_code, ${alias}.as_at) in (select org_code, as_at from ${this.table})`;
  }

  /**
   * A FROM item and WHERE clause for the rows of `table` (keyed by org_code, as_at, person_key) in these
   * snapshots, or only those of the people in `people` (an analysed work table of org_code, as_at,
   * person_key). Further conditions follow with `and`; bind `params`. The people's rows are found by
   * reading the snapshots through the index and a hash semi-join with `people`: linear in the size of
   * the snapshots whatever the planner believes. (Index look-ups person by person were tried: on a
   * table whose statistics were stale the planner looked each person up through another index and
   * read a whole snapshot per person, 384 s for 694,564 people.)
   */
  rows(table: string, alias: string, people?: string): string {
    const of = people
      ? ` and (${alias}.org_code, ${alias}.as_at, ${alias}.person_key) in (select org_code, as_at, person_key from ${people})`
      : '';
    return `${table} ${alias} where ${this.where(alias)}${of}`;
  }

  /** Deletes the rows of `table` in these snapshots, or only those of `people` (as `rows` finds them). */
  async deleteRows(m: EntityManager, table: string, people?: string): Promise<void> {
    await m.query(`delete from ${this.rows(table, 't', people)}`, this.params);
  }

  async drop(m: EntityManager): Promise<void> {
    await m.query(`drop table if exists pg_temp.${this.table}`);
  }
}
