import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CsvLayout, SourceRow } from './read-file';

/**
 * The staging table: one text column per column of the file (c1..cN, in file order), the record
 * number `rn` and, when known, the physical line. A temporary table: never WAL-logged, private to
 * the import's connection and dropped at the end of its transaction.
 */
export async function createStage(client: PoolClient, columnCount: number): Promise<void> {
  const cells = Array.from({ length: columnCount }, (_, i) => `c${i + 1} text`).join(', ');
  await client.query(`drop table if exists ingest_stage`);
  await client.query(
    `create temp table ingest_stage (rn bigint generated always as identity, line_no int, field_count int, ${cells}) on commit drop`,
  );
}

export const stageColumn = (position: number) => `c${position + 1}`;

/**
 * The fast path: PostgreSQL parses the CSV itself (COPY ... FORMAT csv), transcoding Windows-1252 on
 * the way. About 2× faster than parsing in JavaScript; any structural problem (a blank line, a ragged
 * row, broken quoting) makes COPY fail, and the caller then re-reads the file on the careful path.
 * Runs inside a savepoint so a failure leaves the transaction usable.
 */
export async function copyCsvWithPostgres(
  client: PoolClient,
  filePath: string,
  layout: CsvLayout,
  encoding: 'utf8' | 'windows-1252',
  columnCount: number,
  counter: Transform,
): Promise<{ ok: true; rows: number } | { ok: false; reason: string }> {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i + 1}`).join(', ');
  const delimiter = layout.delimiter === '\t' ? `E'\\t'` : `','`;
  const pgEncoding = encoding === 'utf8' ? 'UTF8' : 'WIN1252';
  await client.query('savepoint fast_copy');
  try {
    const copy = client.query(
      copyFrom(
        `copy ingest_stage (${cols}) from stdin with (format csv, header true, delimiter ${delimiter}, encoding '${pgEncoding}')`,
      ),
    );
    await pipeline(fs.createReadStream(filePath, { highWaterMark: 1 << 20 }), counter, copy);
    await client.query('release savepoint fast_copy');
    return { ok: true, rows: copy.rowCount };
  } catch (e: any) {
    await client.query('rollback to savepoint fast_copy');
    await client.query('release savepoint fast_copy');
    return { ok: false, reason: String(e?.message ?? e) };
  }
}

/**
 * The careful path: rows already parsed (csv-parse or exceljs) go to COPY in text format. Cells at the
 * `drop` positions (personal data) are never sent: they reach the database as NULL.
 */
export async function copyRows(
  client: PoolClient,
  rows: AsyncIterable<SourceRow>,
  columnCount: number,
  drop: Set<number>,
  onRow: () => void,
  /** CSV rows can be ragged; a spreadsheet row simply ends at its last filled cell */
  countCells = true,
): Promise<number> {
  const cols = Array.from({ length: columnCount }, (_, i) => `c${i + 1}`).join(', ');
  let n = 0;
  async function* lines(): AsyncGenerator<string> {
    let batch = '';
    for await (const row of rows) {
      let text = `${row.line}\t${countCells ? row.cells.length : '\\N'}`;
      for (let i = 0; i < columnCount; i++) {
        const cell = row.cells[i];
        text += drop.has(i) || cell === undefined || cell === '' ? '\t\\N' : `\t${escapeCopyText(cell)}`;
      }
      batch += text + '\n';
      onRow();
      if (++n % 500 === 0) {
        yield batch;
        batch = '';
      }
    }
    if (batch) yield batch;
  }
  await pipeline(
    Readable.from(lines()),
    client.query(copyFrom(`copy ingest_stage (line_no, field_count, ${cols}) from stdin`)),
  );
  return n;
}

function escapeCopyText(v: string): string {
  // PostgreSQL text cannot hold NUL; backslash, tab and line breaks are escaped for COPY's text format.
  return /[\\\t\n\r\0]/.test(v)
    ? v
        .replace(/\0/g, '')
        .replace(/\\/g, '\\\\')
        .replace(/\t/g, '\\t')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
    : v;
}
