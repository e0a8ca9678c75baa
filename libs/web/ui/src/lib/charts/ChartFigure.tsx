// A chart is never alone: it comes with a text summary (read first by screen readers) and the same
// figures as a table, plus a download of those figures.
// The chart is first drawn as SVG by React (StaticChart), complete with its values, so no page waits for
// or downloads echarts to show its figures; echarts is loaded when a pointer first reaches the chart
// (for its tooltips and emphasis) and replaces the drawing once it is in.
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import type { RowData } from '@tanstack/react-table';
import type { ChartOption } from './types';
import { DataTable, type DataColumn } from '../table/DataTable';
import { StaticChart } from './StaticChart';

const EChart = lazy(() => import('./EChart'));

export interface ChartFigureProps<T> {
  title: string;
  summary: string;
  option: ChartOption;
  height?: number;
  table: { columns: DataColumn<T>[]; rows: T[]; rowKey?: (row: T, i: number) => string };
  exportName: string;
  onItemClick?: (item: { dataIndex: number; seriesIndex: number; value: unknown }) => void;
  actions?: ReactNode;
  testId?: string;
}

export function ChartFigure<T extends RowData>({
  title,
  summary,
  option,
  height = 360,
  table,
  exportName,
  onItemClick,
  actions,
  testId,
}: ChartFigureProps<T>) {
  const headingId = useMemo(() => `fig-${exportName.replace(/[^a-z0-9]+/gi, '-')}`, [exportName]);
  const [interactive, setInteractive] = useState(false);
  const label = `${title}. ${summary}`;
  const drawn = <StaticChart option={option} height={height} label={label} onItemClick={onItemClick} />;
  return (
    <figure className="aiwr-figure" aria-labelledby={headingId} data-testid={testId}>
      <h2 className="nhsuk-heading-m" id={headingId}>
        {title}
      </h2>
      <p className="nhsuk-body aiwr-chart-summary" data-testid={testId ? `${testId}-summary` : undefined}>
        {summary}
      </p>
      <div onPointerEnter={() => setInteractive(true)}>
        {interactive ? (
          <Suspense fallback={drawn}>
            <EChart option={option} height={height} label={label} onItemClick={onItemClick} />
          </Suspense>
        ) : (
          drawn
        )}
      </div>
      {actions}
      <details className="nhsuk-details">
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text">Show the figures as a table</span>
        </summary>
        <div className="nhsuk-details__text">
          <DataTable
            caption={title}
            columns={table.columns}
            rows={table.rows}
            rowKey={table.rowKey}
            exportName={exportName}
          />
        </div>
      </details>
    </figure>
  );
}
