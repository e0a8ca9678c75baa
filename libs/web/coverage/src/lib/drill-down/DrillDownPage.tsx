// Drill-down along the NHS hierarchy: England → region → ICB → trust → department → people, and for
// general practice England → region → ICB → PCN → practice → people (pseudonymised, only for roles
// entitled to record-level data). Below the ICB a practice rolls up to its PCN and a pharmacy stands
// alone. Every step is a URL, so links can be shared and the back button goes up a level.
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
  isPcnCode,
  isPrimaryCareCode,
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
  icb: {
    dimension: 'PROVIDER',
    filter: 'org',
    heading: 'Trust, primary care network or pharmacy',
    noun: 'trusts, PCNs and pharmacies',
  },
  pcn: {
    dimension: 'ORGANISATION',
    filter: 'org',
    heading: 'Practice (or the PCN’s own staff)',
    noun: 'practices',
  },
  org: { dimension: 'DEPARTMENT', filter: 'department', heading: 'Department', noun: 'departments' },
};

/** A practice, PCN or pharmacy has no departments: its job roles come next, with its people. */
const JOB_ROLES = {
  dimension: 'JOB_ROLE' as CoverageDimension,
  filter: 'jobRole' as keyof Filters,
  heading: 'Job role',
  noun: 'job roles',
};

/** A PCN row below an ICB opens the PCN's practices; any other row opens the organisation. */
const filterOf = (next: typeof JOB_ROLES, code: string): keyof Filters =>
  next.dimension === 'PROVIDER' && isPcnCode(code) ? 'pcn' : next.filter;

export function DrillDownPage() {
  usePageTitle('Drill-down');
  const me = useCurrentUser();
  const { filters, filter } = useCoverageFilter();
  const level = currentLevel(filters);
  const primaryCare = level === 'org' && isPrimaryCareCode(filters.org ?? '');
  const next = level === 'department' ? null : primaryCare ? JOB_ROLES : NEXT[level];
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
    crumbs.push({
      label: nameOf(o?.icbs, filters.icb),
      to: level === 'icb' ? undefined : to({ pcn: '', org: '' }),
    });
  if (filters.pcn)
    crumbs.push({ label: nameOf(o?.pcns, filters.pcn), to: level === 'pcn' ? undefined : to({ org: '' }) });
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
              // Among a PCN's practices, the PCN's own row is the staff it employs (ARRS roles).
              const ownStaff = level === 'pcn' && isPcnCode(k.code);
              return (
                <Link to={to({ [filterOf(next, k.code)]: k.code })}>
                  {k.label || 'Not recorded'}
                  {ownStaff && ': staff the PCN employs'}
                </Link>
              );
            },
          })
        : [],
    [next, filters, level],
  );
  const total = data?.coverage.total;
  const peopleLevel = level === 'department' || primaryCare;
  const recordLevel = peopleLevel && (me.role === 'admin' || me.role === 'trust_lead');

  return (
    <>
      <Breadcrumbs items={crumbs} />
      <h1>Drill-down: {here}</h1>
      <ScopeLine asAt={data?.coverage.asAt} />
      <PrintButton />
      <FilterBar
        fields={['asAt', 'setting', 'staffGroup', 'clinicalArea', 'archetype', 'payBand', 'module', 'layer']}
      />
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
      {peopleLevel &&
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
