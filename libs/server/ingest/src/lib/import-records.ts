import { DataSource } from 'typeorm';
import { ImportKind } from './columns';
import { ImportMode, ImportSummary } from './import-types';

/** import_record is written with plain autocommit statements, outside any import transaction. */
const SELECT = `
  select id, kind, mode, outcome, file_name as "fileName", file_sha256 as "fileSha256", org_codes as "orgCodes",
         to_char(as_at, 'YYYY-MM-DD') as "asAt", rows_read as "rowsRead", rows_imported as "rowsImported",
         rows_skipped_by_rule as "rowsSkippedByRule", rows_rejected as "rowsRejected", error_count as "errorCount",
         errors, warnings, summary, coalesce(duration_ms, 0) as "durationMs", created_by as "createdBy",
         to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAt"
  from import_record`;

export async function createImportRecord(
  ds: DataSource,
  r: {
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
    `insert into import_record(kind, mode, file_name, file_sha256, org_codes, as_at, outcome, created_by, summary)
     values ($1, $2, $3, $4, $5, $6, 'running', $7, $8) returning id`,
    [
      r.kind,
      r.mode,
      r.fileName.slice(0, 255),
      r.sha256,
      r.orgCodes,
      r.asAt,
      r.userId,
      { parameters: r.parameters },
    ],
  );
  return row.id;
}

export async function finishImportRecord(
  ds: DataSource,
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

export async function getImportRecord(ds: DataSource, id: string): Promise<ImportSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await ds.query(`${SELECT} where id = $1`, [id]);
  return row ?? null;
}

/** An earlier successful import of the same bytes with the same parameters (kind, as-at, organisation, mode) makes this one a no-op. */
export async function findEarlierImport(
  ds: DataSource,
  q: {
    id: string;
    kind: ImportKind;
    sha256: string;
    asAt: string | null;
    orgCode: string | null;
    mode: ImportMode;
  },
): Promise<ImportSummary | null> {
  const [row] = await ds.query(
    `${SELECT}
     where file_sha256 = $1 and kind = $2 and outcome = 'succeeded' and id <> $3 and mode = $6
       and (summary->'parameters'->>'asAt') is not distinct from $4
       and (summary->'parameters'->>'orgCode') is not distinct from $5
     order by created_at limit 1`,
    [q.sha256, q.kind, q.id, q.asAt, q.orgCode, q.mode],
  );
  return row ?? null;
}

/**
 * Import history, newest first, keyset-paged by (created_at, id), limited to what
 * `AccessPolicy.importVisibility` allows: imports the caller ran, and those whose organisations are all
 * in its list (null = everything; a failed import that named none is shown only to the person who ran it).
 */
export async function listImports(
  ds: DataSource,
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
