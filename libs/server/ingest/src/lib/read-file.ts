import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse as parseSync } from 'csv-parse/sync';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { FileFacts } from './detect';
import { FileRejected } from './import-types';

/** A data row as read: the physical line (XLSX: sheet row) and the trimmed cells, in header order. */
export type SourceRow = { line: number; cells: string[] };

export type CsvLayout = { delimiter: ',' | '\t'; headers: string[]; headerLine: number };

/** Reads just the header record, so columns can be mapped before the body is streamed. */
export async function readCsvHeader(
  filePath: string,
  facts: FileFacts,
  fileName: string,
): Promise<CsvLayout> {
  const head = await readHead(filePath, 256 * 1024);
  let text = facts.encoding === 'utf8' ? head.toString('utf8') : iconv.decode(head, 'win1252');
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const tabs = (firstLine.match(/\t/g) ?? []).length;
  const commas = (firstLine.match(/,/g) ?? []).length;
  const delimiter = /\.tsv$/i.test(fileName) || tabs > commas ? '\t' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseSync(text, {
      delimiter,
      to: 1,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch {
    throw new FileRejected(
      'HEADER_UNREADABLE',
      'The first line of the file could not be read as column headers.',
      1,
    );
  }
  if (!records.length) throw new FileRejected('EMPTY_FILE', 'The file has no header row and no data.', null);
  return { delimiter, headers: records[0].record, headerLine: records[0].info.lines };
}

async function readHead(filePath: string, bytes: number): Promise<Buffer> {
  const fd = await fs.promises.open(filePath, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fd.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/** Counts bytes (for % progress) and line breaks (for rows processed) as the file streams past. */
export function progressCounter(onProgress: (bytes: number, lines: number) => void): Transform {
  let bytes = 0;
  let lines = 0;
  let lastReport = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      const now = Date.now();
      if (now - lastReport > 100) {
        lastReport = now;
        onProgress(bytes, lines);
      }
      done(null, chunk);
    },
    flush(done) {
      onProgress(bytes, lines);
      done();
    },
  });
}

/**
 * The careful CSV path (csv-parse): used when PostgreSQL's own COPY parser cannot take the file as it is
 * (blank lines, ragged rows, broken quoting, personal-data columns to drop first). Yields every data row
 * with its physical line; a broken file ends with a FileRejected naming the line.
 */
export async function* csvRows(
  filePath: string,
  facts: FileFacts,
  layout: CsvLayout,
  counter: Transform,
): AsyncGenerator<SourceRow> {
  const source = fs.createReadStream(filePath, { highWaterMark: 1 << 20 }).pipe(counter);
  const decoded = facts.encoding === 'utf8' ? source : source.pipe(iconv.decodeStream('win1252'));
  // Where the last complete record ended, tracked inside the parser: a parse error can surface before
  // the records parsed ahead of it have been consumed.
  let lastLine = 0;
  const parser = decoded.pipe(
    parse({
      on_record: (record: any, context: any) => {
        lastLine = context.lines;
        return record;
      },
      delimiter: layout.delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      // An unclosed quote would otherwise swallow the rest of the file into one cell.
      max_record_size: 4 * 1024 * 1024,
    }),
  );
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      const embeddedBreaks = record.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
      const line = info.lines - embeddedBreaks;
      if (first) {
        first = false;
        continue; // the header
      }
      yield { line, cells: record };
    }
  } catch (e: any) {
    const start = lastLine + 1; // the record being read began on the line after the last good one
    const at = typeof e?.lines === 'number' ? e.lines : start;
    const spansLines = e?.code === 'CSV_INVALID_CLOSING_QUOTE' && at > start;
    if (e?.code === 'CSV_QUOTE_NOT_CLOSED' || e?.code === 'CSV_MAX_RECORD_SIZE' || spansLines)
      throw new FileRejected(
        'UNCLOSED_QUOTE',
        `A quoted cell that starts on line ${start} is not closed on that line, so the rest of the file cannot be read reliably. Check for a stray double quote (") on line ${start}.`,
        start,
      );
    // Every parser error (not all codes start with CSV_, e.g. INVALID_OPENING_QUOTE).
    if (e instanceof CsvError)
      throw new FileRejected(
        'CSV_SYNTAX',
        `Line ${at} is not valid CSV (${csvProblem(e.code)}). Quote cells that contain commas or double quotes, and double any quote inside a quoted cell.`,
        at,
      );
    throw e;
  }
}

/** The parser's own messages can quote the cell (e.g. "value is …"): say what is wrong from its code only. */
function csvProblem(code: string): string {
  const known: Record<string, string> = {
    INVALID_OPENING_QUOTE: 'a double quote in the middle of an unquoted cell',
    CSV_INVALID_CLOSING_QUOTE: 'text straight after the closing quote of a cell',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text straight after the closing quote of a cell',
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a different number of cells from the header',
    CSV_RECORD_INCONSISTENT_COLUMNS: 'a different number of cells from the header',
  };
  return known[code] ?? code.replace(/^CSV_/, '').toLowerCase().replace(/_/g, ' ');
}

export type XlsxSheet = {
  headers: string[];
  headerRow: number;
  rows: AsyncGenerator<SourceRow>;
  warnings: string[];
};

/**
 * Streams the first worksheet of an XLSX workbook (exceljs WorkbookReader: never the whole workbook in
 * memory). The header is the first non-empty row; later sheets are ignored with a warning.
 */
export async function readXlsx(filePath: string, counter: Transform): Promise<XlsxSheet> {
  const input = fs.createReadStream(filePath, { highWaterMark: 1 << 20 }).pipe(counter);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(
    input as any,
    {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell a date cell from a number
      hyperlinks: 'ignore',
      entries: 'ignore',
    } as any,
  );
  const warnings: string[] = [];
  const sheets = reader[Symbol.asyncIterator]();
  let first: IteratorResult<any>;
  try {
    first = await sheets.next();
  } catch {
    throw new FileRejected(
      'XLSX_UNREADABLE',
      'The workbook could not be opened. Save it again as .xlsx or export CSV.',
    );
  }
  if (first.done) throw new FileRejected('EMPTY_FILE', 'The workbook has no worksheets.');
  const rowIterator: AsyncIterator<any> = first.value[Symbol.asyncIterator]();
  let headerRow = 0;
  let headers: string[] = [];
  for (let r = await rowIterator.next(); !r.done; r = await rowIterator.next()) {
    const cells = rowCells(r.value);
    if (cells.some((c) => c !== '')) {
      headerRow = r.value.number;
      headers = cells;
      break;
    }
  }
  if (!headerRow) throw new FileRejected('EMPTY_FILE', 'The first worksheet is empty.');
  async function* rows(): AsyncGenerator<SourceRow> {
    for (let r = await rowIterator.next(); !r.done; r = await rowIterator.next()) {
      const cells = rowCells(r.value);
      if (cells.some((c) => c !== '')) yield { line: r.value.number, cells };
    }
    const next = await sheets.next().catch(() => ({ done: true }) as IteratorResult<any>);
    if (!next.done) {
      warnings.push(
        `The workbook has more than one worksheet: only the first ("${first.value.name ?? 'Sheet1'}") was imported.`,
      );
      input.destroy();
    }
  }
  return { headers, headerRow, rows: rows(), warnings };
}

function rowCells(row: any): string[] {
  const values: unknown[] = Array.isArray(row.values) ? row.values.slice(1) : [];
  const cells = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells;
}

/** Cell values as text; an Excel date cell becomes YYYY-MM-DD; a formula contributes its cached result. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as any;
    if (Array.isArray(o.richText))
      return o.richText
        .map((t: any) => t.text)
        .join('')
        .trim();
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return String(o.error);
    return '';
  }
  return String(v).trim();
}
