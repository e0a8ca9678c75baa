// Drill-down along the NHS hierarchy: England → region → ICB → trust → department → people
// (pseudonymised, only for roles entitled to record-level data). Every step is a URL, so links can be
// shared and the back button goes up a level.
import { useMemo } from 'react';
import { Link } from 'react-router';
import {
  Breadcrumbs,
  DataTable,
  SuppressionNote,
  type Crumb,
  QueryState,
  PrintButton,
  usePageTitle,
} from '@aiwr/web-ui';
import { PeopleTable } from './PeopleTable';
import {
  applyFilterChange,
  currentLevel,
  filtersToSearch,
  type Filters,
  type Level,
  FilterBar,
  ScopeLine,
  PrintNotes,
  ExportLinks,
  coverageColumns,
  keyOf,
  rowsHaveSuppression,
  type CoverageRow,
  type CoverageDimension,
  useCurrentUser,
  useCoverageFilter,
  useCoverage,
  useFilterOptions,
} from '@aiwr/web-data-access';

/** What each level lists, and which filter a row sets when you drill into it. */
const NEXT: Record<
  Exclude<Level, 'department'>,
  { dimension: CoverageDimension; filter: keyof Filters; heading: string; noun: string }
> = {
  national: { dimension: 'REGION', filter: 'region', heading: 'Region', noun: 'regions' },
  region: { dimension: 'ICB', filter: 'icb', heading: 'Integrated care board', noun: 'ICBs' },
  icb: { dimension: 'ORGANISATION', filter: 'org', heading: 'Trust', noun: 'trusts' },
  org: { dimension: 'DEPARTMENT', filter: 'department', heading: 'Department', noun: 'departments' },
};

export function DrillDownPage() {
  usePageTitle('Drill-down');
  const me = useCurrentUser();
  const { filters, filter } = useCoverageFilter();
  const level = currentLevel(filters);
  const next = level === 'department' ? null : NEXT[level];
  const { data, loading, error } = useCoverage(filter, next ? [next.dimension] : []);
  const { data: names } = useFilterOptions();
  const nameOf = (list: { code: string; label: string }[] | undefined, code: string | undefined) =>
    list?.find((x) => x.code === code)?.label ?? code ?? '';
  const o = names?.coverageFilterOptions;

  const to = (change: Filters) => `/drill-down${filtersToSearch(applyFilterChange(filters, change))}`;
  const crumbs: Crumb[] = [{ label: 'England', to: level === 'national' ? undefined : to({ region: '' }) }];
  if (filters.region)
    crumbs.push({
      label: nameOf(o?.regions, filters.region),
      to: level === 'region' ? undefined : to({ icb: '' }),
    });
  if (filters.icb)
    crumbs.push({ label: nameOf(o?.icbs, filters.icb), to: level === 'icb' ? undefined : to({ org: '' }) });
  if (filters.org)
    crumbs.push({
      label: nameOf(o?.organisations, filters.org),
      to: level === 'org' ? undefined : to({ department: '' }),
    });
  if (filters.department) crumbs.push({ label: filters.department });
  const here = crumbs[crumbs.length - 1].label;

  const rows = useMemo(() => data?.coverage.rows ?? [], [data]);
  const columns = useMemo(
    () =>
      next
        ? coverageColumns({
            labelHeader: next.heading,
            dimension: next.dimension,
            renderLabel: (r: CoverageRow) => {
              const k = keyOf(r, next.dimension);
              return (
                <Link to={to({ [next.filter]: k.code || (next.filter === 'department' ? '' : k.code) })}>
                  {k.label || 'Not recorded'}
                </Link>
              );
            },
          })
        : [],
    [next, filters],
  );
  const total = data?.coverage.total;
  const recordLevel = level === 'department' && (me.role === 'admin' || me.role === 'trust_lead');

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1>Drill-down: {here}</h1>
      <ScopeLine asAt={data?.coverage.asAt} />
      <PrintButton />
      <FilterBar fields={['asAt', 'staffGroup', 'clinicalArea', 'archetype', 'payBand', 'module', 'layer']} />
      <QueryState
        loading={loading && !data}
        error={error}
        empty={!!data && !total && rows.length === 0}
        what="figures"
      >
        {total && (
          <DataTable
            caption={`${here}: totals`}
            columns={coverageColumns({
              labelHeader: 'Population',
              dimension: 'REGION',
              renderLabel: () => here,
            })}
            rows={[total]}
            minimal
            testId="drill-total"
          />
        )}
        {next && (
          <DataTable
            caption={`${next.noun[0].toUpperCase()}${next.noun.slice(1)} in ${here}`}
            columns={columns}
            rows={rows}
            rowKey={(r) => keyOf(r, next.dimension).code || '(none)'}
            exportName={`coverage-by-${next.noun}`}
            testId="drill-rows"
          />
        )}
        {next && (
          <ExportLinks what={`all ${next.noun} in ${here}`} filter={filter} groupBy={[next.dimension]} />
        )}
        {(rowsHaveSuppression(rows) || (total && rowsHaveSuppression([total]))) && <SuppressionNote />}
      </QueryState>
      {level === 'department' &&
        (recordLevel ? (
          <PeopleTable filter={filter} />
        ) : (
          <div className="nhsuk-inset-text">
            <p>
              Record-level (pseudonymised) data is shown only to a trust&apos;s own training leads and to
              administrators. Your role sees the totals above.
            </p>
          </div>
        ))}
      <PrintNotes asAt={data?.coverage.asAt} filters={filters} />
    </>
  );
}
