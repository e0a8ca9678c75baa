// Coverage matrix: clinical area × staff group for the chosen module / layer, as a heatmap with the
// numerator and denominator on hover and the same figures as a table. Clicking a cell drills down. In
// general practice and community pharmacy (one clinical area each) the rows are job roles instead.
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
  isPrimaryCareSetting,
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

const MATRIX_AXES = ['clinicalArea', 'staffGroup', 'jobRole'] as const;
const NOT_WITH_MATRIX = ['payBand', 'archetype', 'department'] as const;
const IGNORED_LABEL: Record<(typeof NOT_WITH_MATRIX)[number], string> = {
  payBand: 'pay band',
  archetype: 'archetype',
  department: 'department',
};

export function CoverageMatrixPage() {
  usePageTitle('Coverage matrix');
  // The matrix is itself the clinical area × staff group breakdown, so those two filters do not apply here.
  // The rollups combine at most two within-organisation dimensions, and the matrix uses both on its own
  // axes: a pay band, archetype or department chosen on another page (the URL keeps filters) is not
  // applied here, and the page says so instead of failing.
  const { filters, filter } = useCoverageFilter([...MATRIX_AXES, ...NOT_WITH_MATRIX]);
  const ignored = NOT_WITH_MATRIX.filter((k) => filters[k]);
  const byRole = isPrimaryCareSetting(filters.setting);
  const rowDimension = byRole ? 'JOB_ROLE' : 'CLINICAL_AREA';
  const rowFilter = byRole ? 'jobRole' : 'clinicalArea';
  const rowNoun = byRole ? 'job role' : 'clinical area';
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const measure =
    (params.get('measure') as MatrixMeasure) in MATRIX_MEASURES
      ? (params.get('measure') as MatrixMeasure)
      : 'requirements';
  const { data, loading, error } = useCoverage(filter, [rowDimension, 'STAFF_GROUP']);
  const rows = useMemo(() => data?.coverage.rows ?? [], [data]);
  const cells: (HeatmapCell & { source: CoverageRow })[] = useMemo(
    () =>
      rows.map((r) => ({
        row: keyOf(r, rowDimension).label,
        rowKey: keyOf(r, rowDimension).code,
        column: keyOf(r, 'STAFF_GROUP').label,
        columnKey: keyOf(r, 'STAFF_GROUP').code,
        ...MATRIX_MEASURES[measure].pick(r),
        source: r,
      })),
    [rows, measure, rowDimension],
  );
  const columns = useMemo(
    () => [
      {
        id: rowFilter,
        header: byRole ? 'Job role' : 'Clinical area',
        value: (r: CoverageRow) => keyOf(r, rowDimension).label,
      },
      ...coverageColumns({
        labelHeader: 'Staff group',
        dimension: 'STAFF_GROUP',
        // The keyboard route into a cell: the same drill-down as clicking the heatmap.
        renderLabel: (r: CoverageRow) => (
          <Link
            to={`/drill-down${filtersToSearch(applyFilterChange(filters, { [rowFilter]: keyOf(r, rowDimension).code, staffGroup: keyOf(r, 'STAFF_GROUP').code }))}`}
          >
            {keyOf(r, 'STAFF_GROUP').label}
          </Link>
        ),
      }),
    ],
    [filters, byRole, rowDimension, rowFilter],
  );
  const rowCount = new Set(cells.map((c) => c.row)).size;
  const drill = (cell: HeatmapCell) =>
    navigate(
      `/drill-down${filtersToSearch(applyFilterChange(filters, { [rowFilter]: cell.rowKey, staffGroup: cell.columnKey }))}`,
    );

  return (
    <>
      <h1>Coverage matrix</h1>
      <ScopeLine asAt={data?.coverage.asAt} />
      <p>
        Coverage for each {rowNoun} and staff group. Choose a training module or layer to see coverage of just
        that requirement. Select a cell to drill down into it.
      </p>
      <FilterBar fields={['asAt', 'setting', 'region', 'icb', 'org', 'module', 'layer']} />
      {ignored.length > 0 && (
        <p className="nhsuk-body-s" data-testid="matrix-ignored-filters">
          The matrix shows every {ignored.map((k) => IGNORED_LABEL[k]).join(' and every ')}: the{' '}
          {ignored.map((k) => IGNORED_LABEL[k]).join(' and ')} you chose applies on Compare and Drill-down.
        </p>
      )}
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
          title={`${MATRIX_MEASURES[measure].label} by ${rowNoun} and staff group`}
          summary={summariseHeatmap(cells, rowNoun)}
          option={buildHeatmapOption(cells)}
          height={Math.max(320, rowCount * 34 + 140)}
          table={{
            columns,
            rows,
            rowKey: (r) => `${keyOf(r, rowDimension).code}|${keyOf(r, 'STAFF_GROUP').code}`,
          }}
          exportName="coverage-matrix"
          actions={<ExportLinks what="the matrix" filter={filter} groupBy={[rowDimension, 'STAFF_GROUP']} />}
          onItemClick={({ dataIndex }) => cells[dataIndex] && drill(cells[dataIndex])}
          testId="chart-matrix"
        />
        {rowsHaveSuppression(rows) && <SuppressionNote />}
      </QueryState>
      <PrintNotes asAt={data?.coverage.asAt} filters={filters} />
    </>
  );
}
