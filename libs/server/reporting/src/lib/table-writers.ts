import { Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;
export type ExportColumn = { header: string; width?: number };
export type Provenance = { title: string; lines: [string, string][] };

/**
 * Spreadsheet formula injection: a cell a user controls (a department name, say) must never be evaluated.
 * Text starting with = + - @ (or a tab / carriage return) is prefixed with an apostrophe.
 */
export function safeText(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const csvCell = (value: Cell) => {
  if (value === null) return '';
  const s = String(safeText(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Streams rows as RFC 4180 CSV (UTF-8 with BOM so Excel opens it correctly), honouring back-pressure. */
export async function writeCsv(
  out: Writable,
  columns: ExportColumn[],
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
) {
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('\uFEFF' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
  let chunk = '';
  for await (const row of rows) {
    chunk += row.map(csvCell).join(',') + '\r\n';
    if (chunk.length > 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
}

/** A further table for a workbook, on its own sheet after "Data" (a report pack's planning figures). */
export type ExtraSheet = { name: string; columns: ExportColumn[]; rows: Iterable<Cell[]> };

/**
 * Streams an XLSX workbook (exceljs' streaming writer: rows are flushed as they come, so large exports stay
 * in bounded memory) with the data on the first sheet, any extra sheets after it, and the provenance on an
 * "About" sheet.
 */
export async function writeXlsx(
  out: Writable,
  columns: ExportColumn[],
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>,
  about: Provenance,
  extraSheets: ExtraSheet[] = [],
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  for (const table of [{ name: 'Data', columns, rows }, ...extraSheets]) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(10, c.header.length + 2),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const row of table.rows) sheet.addRow(row.map(safeText)).commit();
    sheet.commit();
  }
  const info = workbook.addWorksheet('About');
  info.columns = [{ width: 28 }, { width: 100 }];
  info.addRow([about.title]).font = { bold: true, size: 14 };
  for (const [k, v] of about.lines) info.addRow([k, safeText(v)]).commit();
  info.commit();
  await workbook.commit();
}
