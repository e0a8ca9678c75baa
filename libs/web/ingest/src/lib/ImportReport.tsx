// The outcome of one import: what was read and written, and the row-level errors (line, column,
// value, message) with a CSV download of the full report from the server.
import { DataTable, formatCount, type DataColumn } from '@aiwr/web-ui';

export interface ImportErrorRow {
  line?: number | null;
  column?: string | null;
  value?: string | null;
  code: string;
  message: string;
}

export interface ImportReportData {
  id: string;
  outcome: string;
  fileName: string;
  rowsRead: number;
  rowsImported: number;
  rowsSkippedByRule: number;
  rowsRejected: number;
  errorCount: number;
  errors: ImportErrorRow[];
  warnings: string[];
}

export const OUTCOME_TEXT: Record<string, string> = {
  succeeded: 'Imported',
  validated: 'Checked: no errors (nothing was imported)',
  rejected: 'Not imported: the file has errors',
  failed: 'Failed',
  duplicate: 'Already imported: this file was loaded before, nothing changed',
  running: 'Running',
  abandoned: 'Abandoned: it stopped before it finished, nothing was changed',
};

const errorColumns: DataColumn<ImportErrorRow>[] = [
  {
    id: 'line',
    header: 'Line',
    value: (r) => r.line ?? null,
    numeric: true,
    render: (r) => r.line ?? 'Whole file',
  },
  { id: 'column', header: 'Column', value: (r) => r.column ?? null },
  { id: 'value', header: 'Value', value: (r) => r.value ?? null },
  { id: 'message', header: 'What is wrong', value: (r) => r.message },
  { id: 'code', header: 'Error code', value: (r) => r.code, hiddenByDefault: true },
];

export function ImportReport({ report }: { report: ImportReportData }) {
  const ok =
    report.outcome === 'succeeded' || report.outcome === 'validated' || report.outcome === 'duplicate';
  return (
    <section aria-labelledby="report-heading" data-testid="import-report">
      <div className={ok ? 'nhsuk-inset-text' : 'nhsuk-error-summary'} role={ok ? 'status' : 'alert'}>
        <h2 className={ok ? 'nhsuk-heading-m' : 'nhsuk-error-summary__title'} id="report-heading">
          {OUTCOME_TEXT[report.outcome] ?? report.outcome}: {report.fileName}
        </h2>
        <p>
          {formatCount(report.rowsRead)} rows read, {formatCount(report.rowsImported)} imported,{' '}
          {formatCount(report.rowsSkippedByRule)} skipped by rule, {formatCount(report.rowsRejected)}{' '}
          rejected.
          {report.errorCount > 0 &&
            ` ${formatCount(report.errorCount)} error${report.errorCount === 1 ? '' : 's'}.`}
        </p>
      </div>
      {report.warnings.length > 0 && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>Warnings
          </h3>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {report.errors.length > 0 && (
        <>
          <DataTable
            caption={`Errors in ${report.fileName}${report.errorCount > report.errors.length ? ` (first ${formatCount(report.errors.length)} of ${formatCount(report.errorCount)})` : ''}`}
            columns={errorColumns}
            rows={report.errors}
            testId="import-errors"
          />
          <p>
            <a
              className="nhsuk-link"
              href={`/api/imports/${encodeURIComponent(report.id)}/errors.csv`}
              download
            >
              Download the full error report (CSV)
            </a>
          </p>
        </>
      )}
    </section>
  );
}
