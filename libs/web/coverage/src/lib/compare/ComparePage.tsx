// Compare: trusts within the chosen region / ICB (or all in scope) on a funnel plot against the national
// rate — fairer than a league table, because small trusts vary more by chance — plus ranked bars, regions
// side by side nationally, and one trust beside its ICB, region, England and its peer group.
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import {
  buildFunnelOption,
  buildRankedBarOption,
  ChartFigure,
  DataTable,
  formatPercent,
  SelectField,
  summariseFunnel,
  summariseRanked,
  SuppressionNote,
  figureColumn,
  type DataColumn,
  type RankedItem,
  QueryState,
  PrintButton,
  usePageTitle,
} from '@aiwr/web-ui';
import {
  toCoverageFilter,
  FilterBar,
  ScopeLine,
  useCurrentUser,
  PrintNotes,
  ExportLinks,
  coverageColumns,
  keyOf,
  rowsHaveSuppression,
  type DistributionMeasure,
  type DistributionQuery,
  type PeerGroup,
  useCoverageFilter,
  useCoverage,
} from '@aiwr/web-data-access';
import { useDistribution, useCompareOrganisation } from '../hooks';
import '../measure-select.css';

const MEASURES: Record<DistributionMeasure, string> = {
  FOUNDATION: 'Foundation coverage',
  FULLY_TRAINED: 'Fully trained',
  REQUIREMENTS: 'Requirement coverage',
};
const PEER_GROUPS: Record<PeerGroup, string> = {
  TRUST_TYPE_AND_SIZE_BAND: 'Same trust type and size',
  TRUST_TYPE: 'Same trust type',
  SIZE_BAND: 'Same size',
};

type Point = DistributionQuery['coverageDistribution']['points'][number];

const pointColumns: DataColumn<Point>[] = [
  { id: 'org', header: 'Trust', value: (p) => p.orgName },
  figureColumn('count', 'num', 'Numerator', (p) => p.numerator),
  figureColumn('count', 'den', 'Denominator', (p) => p.denominator),
  figureColumn('percent', 'rate', 'Rate', (p) => p.rate),
  {
    id: 'lower998',
    header: 'Lower 99.8% limit',
    numeric: true,
    value: (p) => p.lower998 ?? null,
    render: (p) => formatPercent(p.lower998),
  },
  {
    id: 'upper998',
    header: 'Upper 99.8% limit',
    numeric: true,
    value: (p) => p.upper998 ?? null,
    render: (p) => formatPercent(p.upper998),
  },
  {
    id: 'lower95',
    header: 'Lower 95% limit',
    numeric: true,
    hiddenByDefault: true,
    value: (p) => p.lower95 ?? null,
    render: (p) => formatPercent(p.lower95),
  },
  {
    id: 'upper95',
    header: 'Upper 95% limit',
    numeric: true,
    hiddenByDefault: true,
    value: (p) => p.upper95 ?? null,
    render: (p) => formatPercent(p.upper95),
  },
];

export function ComparePage() {
  usePageTitle('Compare');
  // Trusts are compared within the chosen places, so the trust and department filters do not apply here.
  const { filters, filter } = useCoverageFilter(['org', 'department']);
  // Regions side by side only for national users: a scoped user's "London" would be just their part of it.
  const nationalUser = useCurrentUser().grants.some((g) => g.type === 'national');
  const [params, setParams] = useSearchParams();
  const measure =
    (params.get('measure') as DistributionMeasure) in MEASURES
      ? (params.get('measure') as DistributionMeasure)
      : 'FOUNDATION';
  const peerGroup =
    (params.get('peers') as PeerGroup) in PEER_GROUPS
      ? (params.get('peers') as PeerGroup)
      : 'TRUST_TYPE_AND_SIZE_BAND';
  const setParam = (key: string, value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.set(key, value);
      return next;
    });
  const dist = useDistribution(filter, measure);
  const regions = useCoverage({ ...filter, regionCodes: null, icbCodes: null }, ['REGION'], {
    skip: !nationalUser || !!filters.region || !!filters.icb,
  });
  const compare = useCompareOrganisation(toCoverageFilter(filters), peerGroup, { skip: !filters.org });

  const d = dist.data?.coverageDistribution;
  const national = d?.nationalRate ?? null;
  const items: RankedItem[] = useMemo(
    () =>
      (d?.points ?? []).map((p) => ({
        key: p.orgCode,
        label: p.orgName,
        numerator: p.numerator,
        denominator: p.denominator,
        percent: p.rate,
      })),
    [d],
  );
  const reference = national !== null ? { label: 'National rate', percent: national } : undefined;
  const regionRows = regions.data?.coverage.rows ?? [];
  const pickRegion = (r: (typeof regionRows)[number]) =>
    measure === 'FOUNDATION'
      ? { n: r.foundationMet, d: r.headcount, p: r.foundationPct }
      : measure === 'FULLY_TRAINED'
        ? { n: r.fullyTrained, d: r.headcount, p: r.fullyTrainedPct }
        : { n: r.met, d: r.needed, p: r.coveragePct };
  const regionItems: RankedItem[] = regionRows.map((r) => {
    const m = pickRegion(r);
    return {
      key: keyOf(r, 'REGION').code,
      label: keyOf(r, 'REGION').label,
      numerator: m.n,
      denominator: m.d,
      percent: m.p,
    };
  });
  const where = filters.icb ? 'in the ICB' : filters.region ? 'in the region' : 'you can see';

  return (
    <>
      <h1>Compare</h1>
      <ScopeLine asAt={d?.asAt} />
      <PrintButton />
      <FilterBar fields={['asAt', 'region', 'icb', 'org', 'staffGroup', 'clinicalArea', 'archetype']} />
      <form className="aiwr-filter-bar" aria-label="What to compare" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          id="compare-measure"
          label="Measure"
          value={measure}
          options={Object.entries(MEASURES).map(([value, label]) => ({ value, label }))}
          onChange={(v) => setParam('measure', v)}
        />
        {filters.org && (
          <SelectField
            id="compare-peers"
            label="Peer group"
            value={peerGroup}
            options={Object.entries(PEER_GROUPS).map(([value, label]) => ({ value, label }))}
            onChange={(v) => setParam('peers', v)}
          />
        )}
      </form>

      {filters.org && (
        <QueryState loading={compare.loading && !compare.data} error={compare.error} what="comparison">
          {compare.data && (
            <>
              <DataTable
                caption={`${compare.data.compareOrganisations.comparators[0]?.label ?? filters.org} beside its ICB, region, England and peers (${compare.data.compareOrganisations.peerDescription ?? 'peers'})`}
                columns={coverageColumns({
                  labelHeader: 'Compared with',
                  dimension: 'ORGANISATION',
                  renderLabel: (r) =>
                    compare.data!.compareOrganisations.comparators.find((c) => c.row === r)?.label ?? '',
                }).map((c) =>
                  c.id === 'label'
                    ? {
                        ...c,
                        value: (r: (typeof compare.data.compareOrganisations.comparators)[number]['row']) =>
                          compare.data!.compareOrganisations.comparators.find((x) => x.row === r)?.label ??
                          '',
                      }
                    : c,
                )}
                rows={compare.data.compareOrganisations.comparators.map((c) => c.row)}
                exportName="trust-comparison"
                testId="comparators"
              />
              {rowsHaveSuppression(compare.data.compareOrganisations.comparators.map((c) => c.row)) && (
                <SuppressionNote />
              )}
            </>
          )}
        </QueryState>
      )}

      <QueryState
        loading={dist.loading && !dist.data}
        error={dist.error}
        empty={!!d && d.points.length === 0}
        what="trusts to compare"
      >
        {d && national !== null && (
          <div className="aiwr-two-columns">
            <ChartFigure
              title={`${MEASURES[measure]}: trusts ${where} against the national rate`}
              summary={`A funnel plot: each dot is a trust, by the number of people counted. Trusts outside the dashed (95%) and solid (99.8%) limits differ from the national rate by more than chance. ${summariseFunnel(items, national)}`}
              option={buildFunnelOption(items, national)}
              height={380}
              table={{ columns: pointColumns, rows: d.points, rowKey: (p) => p.orgCode }}
              exportName="funnel-plot"
              testId="chart-funnel"
            />
            <ChartFigure
              title={`${MEASURES[measure]}: trusts ${where}, highest first`}
              summary={summariseRanked(items, 'trusts', reference)}
              option={buildRankedBarOption(items, reference)}
              height={Math.max(240, items.length * 26 + 60)}
              table={{ columns: pointColumns, rows: d.points, rowKey: (p) => p.orgCode }}
              exportName="trusts-ranked"
              actions={<ExportLinks what="the trusts' figures" filter={filter} groupBy={['ORGANISATION']} />}
              testId="chart-ranked"
            />
          </div>
        )}
        {d && d.points.some((p) => p.rate.suppressed) && <SuppressionNote />}
      </QueryState>

      {nationalUser && !filters.region && !filters.icb && (
        <QueryState
          loading={regions.loading && !regions.data}
          error={regions.error}
          empty={!!regions.data && regionItems.length === 0}
          what="regions"
        >
          <ChartFigure
            title={`${MEASURES[measure]}: regions`}
            summary={summariseRanked(regionItems, 'regions', reference)}
            option={buildRankedBarOption(regionItems, reference)}
            height={Math.max(220, regionItems.length * 34 + 60)}
            table={{
              columns: coverageColumns({ labelHeader: 'Region', dimension: 'REGION' }),
              rows: regionRows,
              rowKey: (r) => keyOf(r, 'REGION').code,
            }}
            exportName="regions-ranked"
            actions={
              <ExportLinks
                what="the regions' figures"
                filter={{ ...filter, regionCodes: null, icbCodes: null }}
                groupBy={['REGION']}
              />
            }
            testId="chart-regions"
          />
        </QueryState>
      )}
      <PrintNotes asAt={d?.asAt} filters={filters} />
    </>
  );
}
