// Upload a staff snapshot or completions file. The server validates it in one transaction; this form
// shows upload progress, then the outcome and the row-level error report.
import { useState, type FormEvent } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { ErrorState, formatCount } from '@aiwr/web-ui';
import { IMPORT_PROGRESS, IMPORT_RECORD } from './imports.graphql';
import { ImportReport, type ImportReportData } from './ImportReport';
import { useCurrentUser, uploadWithProgress } from '@aiwr/web-data-access';

type Kind = 'staff' | 'completions';
type Mode = 'all_or_nothing' | 'validate_only' | 'skip_invalid';

export function UploadForm({ onFinished }: { onFinished: () => void }) {
  const me = useCurrentUser();
  const [kind, setKind] = useState<Kind>('staff');
  const [mode, setMode] = useState<Mode>('all_or_nothing');
  const [asAt, setAsAt] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReportData | null>(null);
  const [serverProgress, setServerProgress] = useState<{
    phase: string;
    percent: number;
    rows: number;
  } | null>(null);
  const client = useApolloClient();

  /** The server works on the file after the upload: follow its phases until the record is final. */
  const follow = async (id: string): Promise<ImportReportData> => {
    for (;;) {
      const { data } = await client.query({
        query: IMPORT_PROGRESS,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      const p = data?.importProgress;
      if (p) setServerProgress({ phase: p.phase, percent: p.percent, rows: p.rowsProcessed });
      if (!p || p.done) {
        const record = await client.query({
          query: IMPORT_RECORD,
          variables: { id },
          fetchPolicy: 'network-only',
        });
        if (record.data && record.data.importRecord.outcome !== 'running') return record.data.importRecord;
      }
      await new Promise((r) => setTimeout(r, 400));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setReport(null);
    if (!file) return setProblem('Choose a file to upload.');
    if (kind === 'staff' && asAt && !/^\d{4}-\d{2}-\d{2}$/.test(asAt))
      return setProblem('Enter the as-at date as YYYY-MM-DD, for example 2026-10-31.');
    const form = new FormData();
    form.set('kind', kind);
    form.set('mode', mode);
    if (kind === 'staff' && asAt) form.set('asAt', asAt);
    // Answer as soon as the import has started, then follow its progress on the server.
    form.set('wait', 'false');
    form.set('file', file, file.name);
    setProgress(0);
    try {
      const headers = { 'x-csrf-token': me.csrfToken };
      const res = await uploadWithProgress('/api/imports', form, headers, setProgress);
      const body = res.body as (ImportReportData & { message?: string | string[] }) | null;
      if (res.status >= 400 && !body?.outcome) {
        const message = Array.isArray(body?.message) ? body.message.join(' ') : body?.message;
        setProblem(message ?? `The upload failed (HTTP ${res.status}).`);
      } else if (body) {
        setReport(body.outcome === 'running' ? await follow(body.id) : body);
      }
      onFinished();
    } catch (err) {
      setProblem((err as Error).message);
    } finally {
      setProgress(null);
      setServerProgress(null);
    }
  };

  return (
    <>
      <form onSubmit={submit} noValidate className="aiwr-upload-form" aria-labelledby="upload-heading">
        <h2 className="nhsuk-heading-m" id="upload-heading">
          Upload a file
        </h2>
        {problem && <ErrorState title="There is a problem" error={problem} />}
        <div className="nhsuk-form-group">
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">What is in the file?</legend>
            <div className="nhsuk-radios nhsuk-radios--inline">
              {(
                [
                  ['staff', 'Staff list (ESR snapshot)'],
                  ['completions', 'Training completions'],
                ] as const
              ).map(([value, label]) => (
                <div className="nhsuk-radios__item" key={value}>
                  <input
                    className="nhsuk-radios__input"
                    id={`kind-${value}`}
                    name="kind"
                    type="radio"
                    value={value}
                    checked={kind === value}
                    onChange={() => setKind(value)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={`kind-${value}`}>
                    {label}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        {kind === 'staff' && (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="as-at">
              As-at date (YYYY-MM-DD)
            </label>
            <div className="nhsuk-hint" id="as-at-hint">
              Leave blank if the file has an As At Date column.
            </div>
            <input
              className="nhsuk-input nhsuk-input--width-10"
              id="as-at"
              name="asAt"
              type="text"
              inputMode="numeric"
              aria-describedby="as-at-hint"
              value={asAt}
              onChange={(e) => setAsAt(e.target.value.trim())}
            />
          </div>
        )}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="mode">
            If any row has an error
          </label>
          <select
            className="nhsuk-select"
            id="mode"
            value={mode}
            onChange={(e) => setMode(e.target.value as Mode)}
          >
            <option value="all_or_nothing">Import nothing and show the errors (recommended)</option>
            <option value="validate_only">Only check the file, do not import it</option>
            <option value="skip_invalid">Import the valid rows and skip the others</option>
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="file">
            File (CSV, TSV or XLSX)
          </label>
          <input
            className="nhsuk-file-upload"
            id="file"
            name="file"
            type="file"
            accept=".csv,.tsv,.txt,.xlsx"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {progress !== null && (
          <div className="nhsuk-form-group" data-testid="upload-progress">
            <label className="nhsuk-label" htmlFor="upload-progress">
              {progress < 1 ? 'Uploading' : 'Checking and importing on the server'}
            </label>
            <progress id="upload-progress" max={100} value={Math.round(progress * 100)}>
              {Math.round(progress * 100)}%
            </progress>
            {serverProgress && (
              <p className="nhsuk-body-s" aria-live="polite">
                {serverProgress.phase}: {formatCount(serverProgress.rows)} rows processed (
                {Math.round(serverProgress.percent)}% of the file read)
              </p>
            )}
          </div>
        )}
        <button className="nhsuk-button" type="submit" disabled={progress !== null}>
          Upload and check
        </button>
      </form>
      {report && <ImportReport report={report} />}
    </>
  );
}
