// Overview: the signed-in user's scope at a glance: headline cards with target and RAG, coverage by
// archetype, and the trend over the monthly snapshots.
import { useMemo } from 'react';
import {
  buildRankedBarOption,
  buildTrendOption,
  ChartFigure,
  formatCount,
  formatFraction,
  formatMonth,
  formatPercent,
  HeadlineCard,
  summariseRanked,
  summariseTrend,
  SuppressionNote,
  type DataColumn,
  QueryState,
  PrintButton,
  usePageTitle,
} from '@aiwr/web-ui';
import {
  FilterBar,
  ScopeLine,
  PrintNotes,
  ExportLinks,
  coverageColumns,
  keyOf,
  rowsHaveSuppression,
  type CardFieldsFragment,
  useCoverageFilter,
} from '@aiwr/web-data-access';
import { useOverview, type TrendRow } from '../hooks';

function Card({
  card,
  testId,
  percentCard = true,
  prefix = '',
}: {
  card: CardFieldsFragment;
  testId: string;
  percentCard?: boolean;
  /** What the fraction counts, e.g. "Places met: ". */
  prefix?: string;
}) {
  return (
    <HeadlineCard
      testId={testId}
      title={card.title}
      value={percentCard ? formatPercent(card.value) : formatCount(card.value)}
      detail={
        card.numerator && card.denominator
          ? `${prefix}${formatFraction(card.numerator, card.denominator, card.percent)}`
          : undefined
      }
      rag={card.rag}
      percent={card.percent}
      target={card.targetPct ?? undefined}
      amberFrom={card.amberPct ?? undefined}
    />
  );
}

const trendColumns: DataColumn<TrendRow>[] = [
  { id: 'asAt', header: 'Snapshot', value: (r) => r.asAt, render: (r) => formatMonth(r.asAt) },
  {
    id: 'headcount',
    header: 'Headcount',
    numeric: true,
    value: (r) => r.row.headcount.value,
    render: (r) => formatCount(r.row.headcount),
  },
  {
    id: 'foundation',
    header: 'Foundation coverage',
    numeric: true,
    value: (r) => r.row.foundationPct.value,
    render: (r) => formatPercent(r.row.foundationPct),
  },
  {
    id: 'fully',
    header: 'Fully trained',
    numeric: true,
    value: (r) => r.row.fullyTrainedPct.value,
    render: (r) => formatPercent(r.row.fullyTrainedPct),
  },
  {
    id: 'coverage',
    header: 'Requirement coverage',
    numeric: true,
    value: (r) => r.row.coveragePct.value,
    render: (r) => formatPercent(r.row.coveragePct),
  },
];

export function OverviewPage() {
  usePageTitle('Overview');
  const { filters, filter } = useCoverageFilter();
  const { data, loading, error, overview, archetypeItems, trendRows, trendSeries } = useOverview(filter);
  const target = overview?.foundationCoverage.targetPct ?? undefined;
  const archetypeColumns = useMemo(
    () => coverageColumns({ labelHeader: 'Archetype', dimension: 'ARCHETYPE', archetype: true }),
    [],
  );
  const suppressed =
    !!overview &&
    (rowsHaveSuppression(overview.byArchetype) ||
      [overview.headcount, overview.foundationCoverage, overview.fullyTrained, overview.unmetPlaces].some(
        (c) => c.value.suppressed,
      ));

  return (
    <>
      <h1>Overview</h1>
      <ScopeLine asAt={overview?.asAt} />
      <PrintButton />
      <FilterBar fields={['asAt', 'region', 'icb', 'org', 'staffGroup', 'clinicalArea']} />
      <QueryState
        loading={loading && !data}
        error={error}
        empty={
          !!overview && (overview.headcount.value.value ?? 0) === 0 && !overview.headcount.value.suppressed
        }
        what="overview"
      >
        {overview && (
          <>
            <div className="aiwr-cards" data-testid="headline-cards">
              <Card card={overview.headcount} testId="card-headcount" percentCard={false} />
              <Card card={overview.foundationCoverage} testId="card-foundation" prefix="People: " />
              <Card card={overview.fullyTrained} testId="card-fully-trained" prefix="People: " />
              <Card
                card={overview.unmetPlaces}
                testId="card-unmet"
                percentCard={false}
                prefix="Places met: "
              />
            </div>
            {suppressed && <SuppressionNote />}
            <ExportLinks what="these headline figures" filter={filter} />
            <div className="aiwr-two-columns">
              <ChartFigure
                title="Coverage by archetype"
                summary={`People holding each archetype who meet every module it requires. ${summariseRanked(archetypeItems, 'archetypes', target !== undefined ? { label: 'Target', percent: target } : undefined)}`}
                option={buildRankedBarOption(
                  archetypeItems,
                  target !== undefined ? { label: 'Target', percent: target } : undefined,
                )}
                height={300}
                table={{
                  columns: archetypeColumns,
                  rows: overview.byArchetype,
                  rowKey: (r) => keyOf(r, 'ARCHETYPE').code,
                }}
                exportName="coverage-by-archetype"
                actions={<ExportLinks what="coverage by archetype" filter={filter} groupBy={['ARCHETYPE']} />}
                testId="chart-archetypes"
              />
              <ChartFigure
                title="Trend over monthly snapshots"
                summary={summariseTrend(trendSeries, target)}
                option={buildTrendOption(trendSeries, target)}
                height={300}
                table={{ columns: trendColumns, rows: trendRows, rowKey: (r) => r.asAt }}
                exportName="coverage-trend"
                actions={<ExportLinks what="the trend" filter={filter} kind="trend" />}
                testId="chart-trend"
              />
            </div>
          </>
        )}
      </QueryState>
      <PrintNotes asAt={overview?.asAt} filters={filters} />
    </>
  );
}
