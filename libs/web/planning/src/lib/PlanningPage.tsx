// Planning: for each module (and place), the places to commission every month to reach the target by a
// chosen date, when the target is reached at the recent completion rate, and the forecast behind it.
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  ChartFigure,
  DataTable,
  figureColumn,
  formatDate,
  formatMonth,
  QueryState,
  SuppressionNote,
  usePageTitle,
  type DataColumn,
} from '@aiwr/web-ui';
import {
  FilterBar,
  PrintNotes,
  ScopeLine,
  toCoverageFilter,
  useFilters,
  type PlanningGroup,
} from '@aiwr/web-data-access';
import { COVERAGE_SPC, PLANNING } from './planning.graphql';
import { xmrOption, xmrSummary } from './xmrChart';
import { forecastOption, forecastSummary, type PlanningRow } from './forecastChart';
import './planning.css';

const GROUPS: { value: '' | PlanningGroup; label: string }[] = [
  { value: '', label: 'All of my scope' },
  { value: 'REGION', label: 'Region' },
  { value: 'ICB', label: 'ICB' },
  { value: 'ORGANISATION', label: 'Trust' },
];
const RATES = [
  { value: '0.5', label: 'Half the recent rate' },
  { value: '1', label: 'The recent rate' },
  { value: '1.5', label: '1.5 × the recent rate' },
  { value: '2', label: 'Twice the recent rate' },
];

/** The last day of the month twelve months from now: a sensible first target date. */
function defaultTargetDate(): string {
  const d = new Date();
  const end = new Date(Date.UTC(d.getUTCFullYear() + 1, d.getUTCMonth() + 1, 0));
  return end.toISOString().slice(0, 10);
}

const month = (m: string | null) => (m ? formatMonth(`${m}-01`) : 'Not at the current rate');

function columns(groupBy: '' | PlanningGroup): DataColumn<PlanningRow>[] {
  const key = (i: number) => (r: PlanningRow) => r.keys[i]?.label ?? '';
  return [
    ...(groupBy
      ? [{ id: 'place', header: GROUPS.find((g) => g.value === groupBy)!.label, value: key(0) }]
      : []),
    { id: 'module', header: 'Module', value: (r) => r.keys[r.keys.length - 1].label },
    figureColumn<PlanningRow>('count', 'needed', 'Requirements', (r) => r.needed),
    figureColumn<PlanningRow>('percent', 'coverage', 'Coverage now', (r) => r.coveragePct),
    {
      id: 'target',
      header: 'Target',
      numeric: true,
      value: (r) => r.targetPct,
      render: (r) => `${r.targetPct}%`,
    },
    figureColumn<PlanningRow>('count', 'rate', 'Completions a month', (r) => r.completionsPerMonth),
    figureColumn<PlanningRow>('count', 'expiring', 'Expiring by then', (r) => r.expiringBeforeTargetDate),
    {
      id: 'projected',
      header: 'Target reached',
      value: (r) => r.projectedMonth ?? '9999',
      render: (r) => (r.needed.suppressed ? '*' : month(r.projectedMonth)),
    },
    figureColumn<PlanningRow>('count', 'places', 'Places a month', (r) => r.placesPerMonth),
    figureColumn<PlanningRow>('count', 'extra', 'Extra a month', (r) => r.extraPlacesPerMonth),
    figureColumn<PlanningRow>('count', 'total', 'Places in total', (r) => r.placesTotal),
  ];
}

export function PlanningPage() {
  usePageTitle('Planning');
  const { filters } = useFilters();
  const [targetDate, setTargetDate] = useState(defaultTargetDate);
  const [targetPct, setTargetPct] = useState('');
  const [rate, setRate] = useState('1');
  const [groupBy, setGroupBy] = useState<'' | PlanningGroup>('');
  const filter = useMemo(() => toCoverageFilter(filters), [filters]);
  const whatIf = {
    targetDate,
    filter,
    targetPct: targetPct ? Number(targetPct) : null,
    completionRateFactor: Number(rate),
  };
  const table = useQuery(PLANNING, { variables: { ...whatIf, groupBy: groupBy ? [groupBy] : [] } });
  const charts = useQuery(PLANNING, { variables: { ...whatIf, groupBy: [] } });
  const spc = useQuery(COVERAGE_SPC, { variables: { filter } });
  const rows = table.data?.planning.rows ?? [];
  // Busy while any figure or chart is still coming: screen readers wait, and so does the report pack's
  // print view (libs/web/reports), which prints once no section is busy.
  const busy = table.loading || charts.loading || spc.loading;
  const cols = useMemo(() => columns(groupBy), [groupBy]);
  const exportQuery = new URLSearchParams(
    Object.entries({
      ...Object.fromEntries(
        Object.entries(filter).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
      ),
      targetDate,
      targetPct,
      completionRateFactor: rate,
      groupBy,
    }).filter(([, v]) => v !== ''),
  ).toString();

  return (
    <>
      <h1>Planning</h1>
      <ScopeLine />
      <p>
        How many places of each module to commission every month, and where, to reach the target by the date
        you choose, allowing for staff who join and leave and certificates that expire.
      </p>
      <FilterBar fields={['asAt', 'region', 'icb', 'org', 'module', 'layer']} />
      <form
        className="aiwr-what-if"
        aria-label="What if"
        onSubmit={(e) => e.preventDefault()}
        data-testid="what-if"
      >
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="target-date">
            Reach the target by
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-10"
            id="target-date"
            type="date"
            value={targetDate}
            onChange={(e) => e.target.value && setTargetDate(e.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="target-pct">
            Target % (blank: each module’s own target)
          </label>
          <input
            className="nhsuk-input nhsuk-input--width-4"
            id="target-pct"
            type="number"
            min={1}
            max={100}
            value={targetPct}
            onChange={(e) => setTargetPct(e.target.value)}
          />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="completion-rate">
            Completions from now on
          </label>
          <select
            className="nhsuk-select"
            id="completion-rate"
            value={rate}
            onChange={(e) => setRate(e.target.value)}
          >
            {RATES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="group-by">
            Places needed by
          </label>
          <select
            className="nhsuk-select"
            id="group-by"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value as '' | PlanningGroup)}
          >
            {GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
      </form>
      <p className="aiwr-print-only" data-testid="planning-assumptions">
        Assumptions: reach the target by {formatDate(targetDate)};{' '}
        {targetPct ? `a target of ${targetPct}% for every module` : 'each module’s own target'}; completions
        from now on at {RATES.find((r) => r.value === rate)!.label.toLowerCase()}; places needed for{' '}
        {GROUPS.find((g) => g.value === groupBy)!.label.toLowerCase()}.
      </p>
      <div
        className="aiwr-planning-results"
        aria-busy={busy ? 'true' : 'false'}
        data-testid="planning-results"
      >
        <QueryState
          loading={table.loading && !table.data}
          error={table.error}
          empty={!!table.data && rows.length === 0}
          what="planning figures"
        >
          <DataTable
            caption={`Places to commission to reach the target by ${targetDate}`}
            columns={cols}
            rows={rows}
            rowKey={(r) => r.keys.map((k) => k.code).join('|')}
            exportName="planning"
            testId="planning-table"
          />
          <div className="aiwr-export-links" data-testid="export-planning">
            <span className="nhsuk-body-s">Download places needed:</span>
            <a className="nhsuk-link" href={`/api/exports/planning.csv?${exportQuery}`} download>
              CSV
            </a>
            <a className="nhsuk-link" href={`/api/exports/planning.xlsx?${exportQuery}`} download>
              Excel (XLSX, with the method and provenance)
            </a>
          </div>
          {rows.some((r) => r.disclosureControlled) && <SuppressionNote />}
        </QueryState>
        {spc.data && spc.data.coverageSpc.points.length > 1 && (
          <ChartFigure
            title="Coverage over time as a process chart (XmR)"
            summary={xmrSummary(spc.data.coverageSpc)}
            option={xmrOption(spc.data.coverageSpc)}
            height={280}
            exportName="coverage-xmr"
            testId="xmr-chart"
            table={{
              columns: [
                { id: 'asAt', header: 'As at', value: (p) => p.asAt },
                { id: 'value', header: 'Coverage %', numeric: true, value: (p) => p.value },
                { id: 'causes', header: 'Special cause', value: (p) => p.specialCauses.join(', ') || 'None' },
              ],
              rows: spc.data.coverageSpc.points,
            }}
          />
        )}
        {(charts.data?.planning.rows ?? []).slice(0, 8).map((row) => (
          <ChartFigure
            key={row.keys.map((k) => k.code).join('|')}
            title={`Forecast: ${row.keys[row.keys.length - 1].label}`}
            summary={forecastSummary(row)}
            option={forecastOption(row)}
            height={300}
            exportName={`forecast-${row.keys[row.keys.length - 1].code}`}
            testId="forecast-chart"
            table={{
              columns: [
                { id: 'month', header: 'Month', value: (p) => p.month },
                { id: 'at', header: 'At the recent rate %', numeric: true, value: (p) => p.coveragePct },
                { id: 'low', header: 'Low %', numeric: true, value: (p) => p.lowPct },
                { id: 'high', header: 'High %', numeric: true, value: (p) => p.highPct },
                { id: 'with', header: 'With the places %', numeric: true, value: (p) => p.withPlacesPct },
              ],
              rows: row.trajectory,
            }}
          />
        ))}
      </div>
      <PrintNotes asAt={table.data?.planning.asAt} filters={filters}>
        <p>
          Requirements: person × module pairs needed at the latest snapshot; coverage now: those met ÷
          requirements. Completions a month: completions in the last {table.data?.planning.windowMonths ?? 3}{' '}
          months ÷ those months. Target reached: the first month coverage reaches the target at that rate,
          allowing for leavers and certificates that expire. Places a month: completions needed every month,
          the same each month, to reach the target by the end of the target date’s month; extra: beyond the
          recent rate; in total: places a month × months to the target date. The method in full is in the
          Excel download.
        </p>
      </PrintNotes>
    </>
  );
}
