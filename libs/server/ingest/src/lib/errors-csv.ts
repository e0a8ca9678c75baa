import { ImportErrorEntry } from './import-types';

/** A spreadsheet would run a cell starting with = + - @ as a formula: prefix such cells with a quote. */
export const neutraliseFormula = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const csvCell = (v: string | number | null) => {
  const s = neutraliseFormula(v === null ? '' : String(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The error report as CSV (header + one row per kept error); the record's total is in the last line. */
export function errorsAsCsv(errors: ImportErrorEntry[], total: number): string {
  const lines = [['line', 'column', 'value', 'code', 'message'].join(',')];
  for (const e of errors) lines.push([e.line, e.column, e.value, e.code, e.message].map(csvCell).join(','));
  if (total > errors.length)
    lines.push(
      [
        '',
        '',
        '',
        'MORE_ERRORS',
        `${total - errors.length} more errors not listed (first ${errors.length} kept)`,
      ]
        .map(csvCell)
        .join(','),
    );
  return lines.join('\r\n') + '\r\n';
}
