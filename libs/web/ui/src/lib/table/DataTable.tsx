// One table component for every list in the dashboard: sort (click a header), filter (search box),
// choose columns, paginate, or scroll the whole list (windowed, so 100k rows stay smooth).
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type RowData,
} from '@tanstack/react-table';
import { visibleWindow } from './windowing';
import { toCsv, downloadText } from '../csv';

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  columnVisibilityFeature,
  rowPaginationFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  filterFns: { includesString: filterFn_includesString },
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic },
});

export interface DataColumn<T> {
  id: string;
  header: string;
  /** The raw value: used to sort, search and export. Null sorts last. */
  value: (row: T) => string | number | null;
  /** How the cell looks (defaults to the value). */
  render?: (row: T) => ReactNode;
  /** Text for the export when it differs from the value (e.g. "*" for suppressed). */
  exportText?: (row: T) => string | number | null;
  numeric?: boolean;
  hiddenByDefault?: boolean;
}

export interface DataTableProps<T> {
  caption: string;
  columns: DataColumn<T>[];
  rows: T[];
  rowKey?: (row: T, index: number) => string;
  pageSize?: number;
  /** File name (without extension) for the "download what is shown" CSV. */
  exportName?: string;
  testId?: string;
  captionHidden?: boolean;
  /** A few rows (e.g. totals): no search, column choice or footer. */
  minimal?: boolean;
}

const ROW_HEIGHT = 41;
const VIEWPORT = 520;

export function DataTable<T extends RowData>({
  caption,
  columns,
  rows,
  rowKey,
  pageSize = 25,
  exportName,
  testId,
  captionHidden,
  minimal,
}: DataTableProps<T>) {
  const helper = useMemo(() => createColumnHelper<typeof features, T>(), []);
  const tableColumns = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row: T) => c.value(row), {
            id: c.id,
            header: c.header,
            sortFn: c.numeric ? 'basic' : 'alphanumeric',
            sortUndefined: 'last',
            cell: (ctx) => (c.render ? c.render(ctx.row.original) : (ctx.getValue() as ReactNode)),
          }),
        ),
      ),
    [columns, helper],
  );
  const [mode, setMode] = useState<'pages' | 'scroll'>('pages');
  const table = useTable({
    features,
    columns: tableColumns,
    data: rows,
    getRowId: rowKey ? (row, index) => rowKey(row, index) : undefined,
    globalFilterFn: 'includesString',
    getColumnCanGlobalFilter: () => true,
    initialState: {
      pagination: { pageIndex: 0, pageSize },
      columnVisibility: Object.fromEntries(
        columns.filter((c) => c.hiddenByDefault).map((c) => [c.id, false]),
      ),
    },
  });
  const searchId = `search${useId().replace(/:/g, '')}`;
  const filtered = table.getPrePaginatedRowModel().rows;
  const visibleColumns = table.getVisibleLeafColumns();
  const globalFilter = (table.state as { globalFilter?: string }).globalFilter ?? '';

  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  useEffect(() => setScrollTop(0), [mode, globalFilter]);
  const windowRange = visibleWindow(filtered.length, ROW_HEIGHT, scrollTop, VIEWPORT);
  const bodyRows =
    mode === 'pages' ? table.getRowModel().rows : filtered.slice(windowRange.start, windowRange.end);

  const exportShown = () => {
    const shownColumns = columns.filter((c) => visibleColumns.some((v) => v.id === c.id));
    downloadText(
      `${exportName ?? 'table'}.csv`,
      toCsv(
        shownColumns.map((c) => c.header),
        filtered.map((r) => shownColumns.map((c) => (c.exportText ?? c.value)(r.original))),
      ),
    );
  };

  const header = (
    <thead className="nhsuk-table__head">
      <tr className="nhsuk-table__row">
        {table
          .getHeaderGroups()[0]
          .headers.filter((h) => h.column.getIsVisible())
          .map((h) => {
            const sorted = h.column.getIsSorted();
            const numeric = columns.find((c) => c.id === h.column.id)?.numeric;
            return (
              <th
                key={h.id}
                scope="col"
                className={`nhsuk-table__header${numeric ? ' nhsuk-table__header--numeric' : ''}`}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="aiwr-sort-button"
                  onClick={h.column.getToggleSortingHandler()}
                >
                  <table.FlexRender header={h} />
                  <span aria-hidden="true" className="aiwr-sort-icon">
                    {sorted === 'asc' ? '\u00a0▲' : sorted === 'desc' ? '\u00a0▼' : '\u00a0↕'}
                  </span>
                </button>
              </th>
            );
          })}
      </tr>
    </thead>
  );

  const body = (
    <tbody className="nhsuk-table__body">
      {mode === 'scroll' && windowRange.paddingTop > 0 && (
        <tr aria-hidden="true" style={{ height: windowRange.paddingTop }} />
      )}
      {bodyRows.map((row) => (
        <tr
          key={row.id}
          className="nhsuk-table__row"
          style={mode === 'scroll' ? { height: ROW_HEIGHT } : undefined}
        >
          {row.getVisibleCells().map((cell) => {
            const numeric = columns.find((c) => c.id === cell.column.id)?.numeric;
            return (
              <td
                key={cell.id}
                className={`nhsuk-table__cell${numeric ? ' nhsuk-table__cell--numeric' : ''}`}
              >
                <table.FlexRender cell={cell} />
              </td>
            );
          })}
        </tr>
      ))}
      {mode === 'scroll' && windowRange.paddingBottom > 0 && (
        <tr aria-hidden="true" style={{ height: windowRange.paddingBottom }} />
      )}
      {filtered.length === 0 && (
        <tr className="nhsuk-table__row">
          <td className="nhsuk-table__cell" colSpan={visibleColumns.length}>
            {rows.length === 0 ? 'There are no rows to show.' : 'No rows match your search.'}
          </td>
        </tr>
      )}
    </tbody>
  );

  return (
    <div className="aiwr-data-table" data-testid={testId}>
      <div className="aiwr-table-tools" hidden={minimal}>
        <div className="nhsuk-form-group aiwr-inline-group">
          <label className="nhsuk-label" htmlFor={searchId}>
            Search this table
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-20"
            id={searchId}
            type="search"
            value={globalFilter}
            onChange={(e) => table.setGlobalFilter(e.target.value)}
          />
        </div>
        <details className="nhsuk-details aiwr-inline-details">
          <summary className="nhsuk-details__summary">
            <span className="nhsuk-details__summary-text">Choose columns</span>
          </summary>
          <div className="nhsuk-details__text">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Columns to show</legend>
              <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
                {table.getAllLeafColumns().map((col) => (
                  <div className="nhsuk-checkboxes__item" key={col.id}>
                    <input
                      className="nhsuk-checkboxes__input"
                      id={`${searchId}-col-${col.id}`}
                      type="checkbox"
                      checked={col.getIsVisible()}
                      onChange={col.getToggleVisibilityHandler()}
                    />
                    <label
                      className="nhsuk-label nhsuk-checkboxes__label"
                      htmlFor={`${searchId}-col-${col.id}`}
                    >
                      {columns.find((c) => c.id === col.id)?.header}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
        </details>
        {exportName && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={exportShown}
          >
            Download this table (CSV, made in your browser)
          </button>
        )}
      </div>
      {mode === 'pages' ? (
        <div className="aiwr-table-scroll">
          <table className="nhsuk-table" role="table">
            <caption className={`nhsuk-table__caption${captionHidden ? ' nhsuk-u-visually-hidden' : ''}`}>
              {caption}
            </caption>
            {header}
            {body}
          </table>
        </div>
      ) : (
        <div
          className="aiwr-table-scroll aiwr-table-virtual"
          ref={scrollRef}
          style={{ maxHeight: VIEWPORT, overflowY: 'auto' }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
          tabIndex={0}
          role="region"
          aria-label={`${caption}, scrollable`}
        >
          <table className="nhsuk-table" aria-rowcount={filtered.length + 1}>
            <caption className={`nhsuk-table__caption${captionHidden ? ' nhsuk-u-visually-hidden' : ''}`}>
              {caption}
            </caption>
            {header}
            {body}
          </table>
        </div>
      )}
      <div className="aiwr-table-footer" hidden={minimal}>
        <p className="nhsuk-body-s aiwr-muted" aria-live="polite">
          {mode === 'pages' && filtered.length > 0
            ? `Showing ${(table.state.pagination.pageIndex * table.state.pagination.pageSize + 1).toLocaleString('en-GB')}–${Math.min(filtered.length, (table.state.pagination.pageIndex + 1) * table.state.pagination.pageSize).toLocaleString('en-GB')} of ${filtered.length.toLocaleString('en-GB')} rows`
            : `${filtered.length.toLocaleString('en-GB')} rows`}
        </p>
        {mode === 'pages' && table.getPageCount() > 1 && (
          <nav className="aiwr-pager" aria-label={`Pages of ${caption}`}>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => table.previousPage()}
              disabled={!table.getCanPreviousPage()}
            >
              Previous page
            </button>
            <span className="nhsuk-body-s">
              Page {table.state.pagination.pageIndex + 1} of {table.getPageCount().toLocaleString('en-GB')}
            </span>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              onClick={() => table.nextPage()}
              disabled={!table.getCanNextPage()}
            >
              Next page
            </button>
          </nav>
        )}
        {filtered.length > pageSize && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setMode(mode === 'pages' ? 'scroll' : 'pages')}
          >
            {mode === 'pages' ? 'Show all rows in a scrolling list' : 'Show in pages'}
          </button>
        )}
      </div>
    </div>
  );
}
