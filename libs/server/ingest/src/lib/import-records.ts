import type { PoolClient } from 'pg';
import { ImportKind } from './columns';
import { ImportMode, ImportSummary } from './import-types';

/** A DataSource, an EntityManager (inside a transaction) or anything else that runs a query. */
export type Queryable = { query(sql: string, params?: unknown[]): Promise<any> };

/**
 * A running import holds a transaction-scoped advisory lock named after its record for as long as its
 * transaction lives. PostgreSQL releases it when that transaction ends, however it ends: committed,
 * rolled back, the client killed, the backend or the server killed. So "this record's lock is held"
 * is exactly "this import is still running", and pg_locks shows it to every role.
 */
const recordLockKey = (id: string) => `hashtextextended('aiwr-import-record:' || ${id}, 0)`;

const aliveSql = (idSql: string) => `exists (
  select 1 from pg_locks l
  where l.locktype = 'advisory' and l.granted and l.objsubid = 1
    and l.database = (select oid from pg_database where datname = current_database())
    and l.classid::bigint = (${recordLockKey(idSql)} >> 32) & 4294967295
    and l.objid::bigint = ${recordLockKey(idSql)} & 4294967295)`;

/** Takes the liveness lock of a record about to be created, in the import's transaction. */
export async function holdRecordLock(client: PoolClient, id: string): Promise<void> {
  await client.query(`select pg_advisory_xact_lock(${recordLockKey('$1::text')})`, [id]);
}

/**
 * Stores `abandoned` on every `running` record whose import is gone (process killed, connection lost,
 * server restarted). Run when the API starts and before every import; readers see the same outcome
 * in between (SELECT below), so nothing has to poll.
 */
export async function closeAbandonedImports(q: Queryable): Promise<number> {
  const rows = await q.query(
    `update import_record r set outcome = 'abandoned', error_count = 1, errors = $1::jsonb
     where r.outcome = 'running' and not ${aliveSql('r.id::text')}
     returning r.id`,
    [JSON.stringify([ABANDONED_ERROR])],
  );
  return rows.length;
}

const ABANDONED_ERROR = {
  line: null,
  column: null,
  value: null,
  code: 'IMPORT_ABANDONED',
  message:
    'The import stopped before it finished (its process or its database connection ended); nothing was changed.',
};

/** import_record is written with plain autocommit statements, except the final state of a commit. */
const SELECT = `
  select id, kind, mode,
         case when outcome = 'running' and not ${aliveSql('import_record.id::text')} then 'abandoned' else outcome end as outcome,
         file_name as "fileName", file_sha256 as "fileSha256", org_codes as "orgCodes",
         to_char(as_at, 'YYYY-MM-DD') as "asAt", rows_read as "rowsRead", rows_imported as "rowsImported",
         rows_skipped_by_rule as "rowsSkippedByRule", rows_rejected as "rowsRejected", error_count as "errorCount",
         errors, warnings, summary, coalesce(duration_ms, 0) as "durationMs", created_by as "createdBy",
         to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt"
  from import_record`;

export async function createImportRecord(
  ds: Queryable,
  r: {
    id: string;
    kind: ImportKind;
    mode: ImportMode;
    fileName: string;
    sha256: string;
    asAt: string | null;
    orgCodes: string[];
    userId: string | null;
    parameters: Record<string, unknown>;
  },
): Promise<string> {
  const [row] = await ds.query(
    `insert into import_record(id, kind, mode, file_name, file_sha256, org_codes, as_at, outcome, created_by, summary)
     values ($9, $1, $2, $3, $4, $5, $6, 'running', $7, $8) returning id`,
    [
      r.kind,
      r.mode,
      r.fileName.slice(0, 255),
      r.sha256,
      r.orgCodes,
      r.asAt,
      r.userId,
      { parameters: r.parameters },
      r.id,
    ],
  );
  return row.id;
}

/** Writes the final state; inside the import transaction when it commits, so data and record land together. */
export async function finishImportRecord(
  ds: Queryable,
  id: string,
  r: Partial<ImportSummary> & { outcome: ImportSummary['outcome']; durationMs: number },
): Promise<ImportSummary> {
  await ds.query(
    `update import_record set outcome = $2, duration_ms = $3,
       org_codes = coalesce($4, org_codes), as_at = coalesce($5::date, as_at),
       rows_read = coalesce($6, 0), rows_imported = coalesce($7, 0), rows_skipped_by_rule = coalesce($8, 0),
       rows_rejected = coalesce($9, 0), error_count = coalesce($10, 0), errors = coalesce($11::jsonb, '[]'),
       warnings = coalesce($12::jsonb, '[]'), summary = coalesce($13::jsonb, '{}')
     where id = $1`,
    [
      id,
      r.outcome,
      r.durationMs,
      r.orgCodes ?? null,
      r.asAt ?? null,
      r.rowsRead ?? null,
      r.rowsImported ?? null,
      r.rowsSkippedByRule ?? null,
      r.rowsRejected ?? null,
      r.errorCount ?? null,
      JSON.stringify(r.errors ?? []),
      JSON.stringify(r.warnings ?? []),
      JSON.stringify(r.summary ?? {}),
    ],
  );
  return (await getImportRecord(ds, id))!;
}

export async function getImportRecord(ds: Queryable, id: string): Promise<ImportSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await ds.query(`${SELECT} where id = $1`, [id]);
  return row ?? null;
}

/** An earlier successful import of the same bytes with the same parameters (kind, as-at, organisation, mode) makes this one a no-op. */
export async function findEarlierImport(
  ds: Queryable,
  q: {
    kind: ImportKind;
    sha256: string;
    asAt: string | null;
    orgCode: string | null;
    mode: ImportMode;
  },
): Promise<ImportSummary | null> {
  const [row] = await ds.query(
    `${SELECT}
     where file_sha256 = $1 and kind = $2 and outcome = 'succeeded' and mode = $5
       and (summary->'parameters'->>'asAt') is not distinct from $3
       and (summary->'parameters'->>'orgCode') is not distinct from $4
     order by created_at limit 1`,
    [q.sha256, q.kind, q.asAt, q.orgCode, q.mode],
  );
  return row ?? null;
}

/**
 * Import history, newest first, keyset-paged by (created_at, id), limited to what
 * `AccessPolicy.importVisibility` allows: imports the caller ran, and those whose organisations are all
 * in its list (null = everything; a failed import that named none is shown only to the person who ran it).
 */
export async function listImports(
  ds: Queryable,
  q: { first: number; after?: string | null; visibility: { ranBy: string; orgCodes: string[] | null } },
): Promise<{ items: ImportSummary[]; hasMore: boolean }> {
  const first = Math.min(Math.max(q.first, 1), 100);
  const cursor = q.after ? decodeCursor(q.after) : null;
  const rows: ImportSummary[] = await ds.query(
    `${SELECT}
     where ($1::text[] is null
            or (cardinality(org_codes) > 0 and org_codes <@ $1::text[])
            or (cardinality(org_codes) = 0 and created_by is not distinct from $2::uuid))
       and ($3::timestamptz is null or (created_at, id) < ($3::timestamptz, $4::uuid))
     order by created_at desc, id desc limit $5`,
    [q.visibility.orgCodes, q.visibility.ranBy, cursor?.at ?? null, cursor?.id ?? null, first + 1],
  );
  return { items: rows.slice(0, first), hasMore: rows.length > first };
}

export const encodeCursor = (r: { createdAt: string; id: string }) =>
  Buffer.from(JSON.stringify([r.createdAt, r.id])).toString('base64url');

function decodeCursor(c: string): { at: string; id: string } | null {
  try {
    const [at, id] = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    return typeof at === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? { at, id } : null;
  } catch {
    return null;
  }
}

/**
 * Serialises imports of the same bytes with the same settings (the identity a repeat is recognised
 * by), in the import's transaction: a second, concurrent upload of the same file waits here, then
 * finds the first one's committed record and returns it instead of running again.
 */
export async function lockRepeatsOf(
  client: PoolClient,
  q: { kind: ImportKind; sha256: string; asAt: string | null; orgCode: string | null; mode: ImportMode },
): Promise<void> {
  await client.query(`select pg_advisory_xact_lock(hashtextextended($1, 0))`, [
    ['aiwr-import-file', q.kind, q.sha256, q.asAt ?? '', q.orgCode ?? '', q.mode].join(':'),
  ]);
}
