// Coverage matrix: clinical area × staff group for the chosen module / layer, as a heatmap with the
// numerator and denominator on hover and the same figures as a table. Clicking a cell drills down.
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  buildHeatmapOption,
  ChartFigure,
  SelectField,
  summariseHeatmap,
  SuppressionNote,
  type HeatmapCell,
  QueryState,
  usePageTitle,
} from '@aiwr/web-ui';
import {
  applyFilterChange,
  filtersToSearch,
  FilterBar,
  PrintNotes,
  ScopeLine,
  ExportLinks,
  coverageColumns,
  keyOf,
  rowsHaveSuppression,
  type CoverageRow,
  useCoverageFilter,
  useCoverage,
} from '@aiwr/web-data-access';
import '../measure-select.css';

export const MATRIX_MEASURES = {
  requirements: {
    label: 'Requirement coverage (places met of places needed)',
    pick: (r: CoverageRow) => ({ numerator: r.met, denominator: r.needed, percent: r.coveragePct }),
  },
  foundation: {
    label: 'Foundation coverage',
    pick: (r: CoverageRow) => ({
      numerator: r.foundationMet,
      denominator: r.headcount,
      percent: r.foundationPct,
    }),
  },
  fullyTrained: {
    label: 'Fully trained',
    pick: (r: CoverageRow) => ({
      numerator: r.fullyTrained,
      denominator: r.headcount,
      percent: r.fullyTrainedPct,
    }),
  },
} as const;
type MatrixMeasure = keyof typeof MATRIX_MEASURES;

export function CoverageMatrixPage() {
  usePageTitle('Coverage matrix');
  // The matrix is itself the clinical area × staff group breakdown, so those two filters do not apply here.
  const { filters, filter } = useCoverageFilter(['clinicalArea', 'staffGroup']);
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const measure =
    (params.get('measure') as MatrixMeasure) in MATRIX_MEASURES
      ? (params.get('measure') as MatrixMeasure)
      : 'requirements';
  const { data, loading, error } = useCoverage(filter, ['CLINICAL_AREA', 'STAFF_GROUP']);
  const rows = useMemo(() => data?.coverage.rows ?? [], [data]);
  const cells: (HeatmapCell & { source: CoverageRow })[] = useMemo(
    () =>
      rows.map((r) => ({
        row: keyOf(r, 'CLINICAL_AREA').label,
        rowKey: keyOf(r, 'CLINICAL_AREA').code,
        column: keyOf(r, 'STAFF_GROUP').label,
        columnKey: keyOf(r, 'STAFF_GROUP').code,
        ...MATRIX_MEASURES[measure].pick(r),
        source: r,
      })),
    [rows, measure],
  );
  const columns = useMemo(
    () => [
      {
        id: 'clinicalArea',
        header: 'Clinical area',
        value: (r: CoverageRow) => keyOf(r, 'CLINICAL_AREA').label,
      },
      ...coverageColumns({
        labelHeader: 'Staff group',
        dimension: 'STAFF_GROUP',
        // The keyboard route into a cell: the same drill-down as clicking the heatmap.
        renderLabel: (r: CoverageRow) => (
          <Link
            to={`/drill-down${filtersToSearch(applyFilterChange(filters, { clinicalArea: keyOf(r, 'CLINICAL_AREA').code, staffGroup: keyOf(r, 'STAFF_GROUP').code }))}`}
          >
            {keyOf(r, 'STAFF_GROUP').label}
          </Link>
        ),
      }),
    ],
    [filters],
  );
  const rowCount = new Set(cells.map((c) => c.row)).size;
  const drill = (cell: HeatmapCell) =>
    navigate(
      `/drill-down${filtersToSearch(applyFilterChange(filters, { clinicalArea: cell.rowKey, staffGroup: cell.columnKey }))}`,
    );

  return (
    <>
      <h1>Coverage matrix</h1>
      <ScopeLine asAt={data?.coverage.asAt} />
      <p>
        Coverage for each clinical area and staff group. Choose a training module or layer to see coverage of
        just that requirement. Select a cell to drill down into it.
      </p>
      <FilterBar fields={['asAt', 'region', 'icb', 'org', 'module', 'layer', 'payBand']} />
      <form className="aiwr-filter-bar" aria-label="Measure" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="matrix-measure"
          label="Measure"
          value={measure}
          options={Object.entries(MATRIX_MEASURES).map(([value, m]) => ({ value, label: m.label }))}
          onChange={(v) =>
            setParams((prev) => {
              const next = new URLSearchParams(prev);
              next.set('measure', v);
              return next;
            })
          }
        />
      </form>
      <QueryState
        loading={loading && !data}
        error={error}
        empty={!!data && rows.length === 0}
        what="coverage matrix"
      >
        <ChartFigure
          title={`${MATRIX_MEASURES[measure].label} by clinical area and staff group`}
          summary={summariseHeatmap(cells)}
          option={buildHeatmapOption(cells)}
          height={Math.max(320, rowCount * 34 + 140)}
          table={{
            columns,
            rows,
            rowKey: (r) => `${keyOf(r, 'CLINICAL_AREA').code}|${keyOf(r, 'STAFF_GROUP').code}`,
          }}
          exportName="coverage-matrix"
          actions={
            <ExportLinks what="the matrix" filter={filter} groupBy={['CLINICAL_AREA', 'STAFF_GROUP']} />
          }
          onItemClick={({ dataIndex }) => cells[dataIndex] && drill(cells[dataIndex])}
          testId="chart-matrix"
        />
        {rowsHaveSuppression(rows) && <SuppressionNote />}
      </QueryState>
      <PrintNotes asAt={data?.coverage.asAt} filters={filters} />
    </>
  );
}
