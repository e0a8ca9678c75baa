// Every import attempt the user may see (their own trust's, or all for administrators), newest first.
// Selecting one shows its report again, with its errors and the CSV download.
import { useEffect, useState } from 'react';
import {
  DataTable,
  formatCount,
  formatDate,
  formatDateTime,
  type DataColumn,
  QueryState,
} from '@aiwr/web-ui';
import { useImportHistory } from './hooks';
import { ImportReport, OUTCOME_TEXT } from './ImportReport';
import { type ImportHistoryQuery } from '@aiwr/web-data-access';

type ImportRow = ImportHistoryQuery['imports']['items'][number];

export function ImportHistory({ refreshKey }: { refreshKey: number }) {
  const { data, loading, error, fetchMore, refetch } = useImportHistory(50);
  // A new upload finished: show it at the top.
  useEffect(() => {
    if (refreshKey) void refetch();
  }, [refreshKey, refetch]);
  const [shown, setShown] = useState<string | null>(null);
  const items = data?.imports.items ?? [];
  const selected = items.find((i) => i.id === shown);
  const columns: DataColumn<ImportRow>[] = [
    { id: 'when', header: 'When', value: (r) => r.createdAt, render: (r) => formatDateTime(r.createdAt) },
    {
      id: 'file',
      header: 'File',
      value: (r) => r.fileName,
      render: (r) => (
        <button type="button" className="nhsuk-link aiwr-link-button" onClick={() => setShown(r.id)}>
          {r.fileName}
        </button>
      ),
    },
    { id: 'kind', header: 'Kind', value: (r) => (r.kind === 'staff' ? 'Staff list' : 'Completions') },
    { id: 'orgs', header: 'Trusts', value: (r) => r.orgCodes.join(', ') },
    { id: 'asAt', header: 'As at', value: (r) => r.asAt ?? '', render: (r) => formatDate(r.asAt) },
    { id: 'outcome', header: 'Outcome', value: (r) => OUTCOME_TEXT[r.outcome] ?? r.outcome },
    {
      id: 'read',
      header: 'Rows read',
      numeric: true,
      value: (r) => r.rowsRead,
      render: (r) => formatCount(r.rowsRead),
    },
    {
      id: 'imported',
      header: 'Imported',
      numeric: true,
      value: (r) => r.rowsImported,
      render: (r) => formatCount(r.rowsImported),
    },
    {
      id: 'errors',
      header: 'Errors',
      numeric: true,
      value: (r) => r.errorCount,
      render: (r) => formatCount(r.errorCount),
    },
    { id: 'mode', header: 'Mode', value: (r) => r.mode, hiddenByDefault: true },
    {
      id: 'seconds',
      header: 'Seconds',
      numeric: true,
      hiddenByDefault: true,
      value: (r) => r.durationMs / 1000,
    },
  ];
  return (
    <section aria-labelledby="history-heading">
      <h2 className="nhsuk-heading-m" id="history-heading">
        Import history
      </h2>
      <QueryState
        loading={loading && !data}
        error={error}
        empty={!!data && items.length === 0}
        what="imports"
        emptyText={<p>No files have been imported yet.</p>}
      >
        <DataTable
          caption="Imports, newest first"
          columns={columns}
          rows={items}
          rowKey={(r) => r.id}
          exportName="import-history"
          testId="import-history"
        />
        {data?.imports.hasMore && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() =>
              fetchMore({
                variables: { after: data.imports.endCursor },
                updateQuery: (prev, { fetchMoreResult }) => ({
                  imports: {
                    ...fetchMoreResult.imports,
                    items: [...prev.imports.items, ...fetchMoreResult.imports.items],
                  },
                }),
              })
            }
          >
            Show older imports
          </button>
        )}
        {selected && <ImportReport report={selected} />}
      </QueryState>
    </section>
  );
}
