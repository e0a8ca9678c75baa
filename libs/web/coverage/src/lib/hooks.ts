// Typed hooks for the coverage feature's own queries; the shared coverage query (useCoverage) and the
// URL filters (useCoverageFilter) come from @aiwr/web-data-access.
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import {
  keyOf,
  type CoverageFilter,
  type CoverageRow,
  type DistributionMeasure,
  type PeerGroup,
} from '@aiwr/web-data-access';
import type { RankedItem, TrendSeries } from '@aiwr/web-ui';
import { COMPARE_ORGANISATION, DISTRIBUTION, PEOPLE } from './coverage.graphql';
import { OVERVIEW } from './overview/overview.graphql';

export interface TrendRow {
  asAt: string;
  row: CoverageRow;
}

/** Headline cards, coverage by archetype and the trend, shaped for the overview's charts and tables. */
export function useOverview(filter: CoverageFilter) {
  const result = useQuery(OVERVIEW, { variables: { filter } });
  const { data } = result;
  const overview = data?.coverageOverview;
  const archetypeItems: RankedItem[] = useMemo(
    () =>
      (overview?.byArchetype ?? []).map((r) => ({
        key: keyOf(r, 'ARCHETYPE').code,
        label: keyOf(r, 'ARCHETYPE').label,
        numerator: r.archetypeMet,
        denominator: r.headcount,
        percent: r.archetypeCoveragePct,
      })),
    [overview],
  );
  const trendRows: TrendRow[] = useMemo(
    () => (data?.coverageTrend ?? []).flatMap((p) => (p.rows[0] ? [{ asAt: p.asAt, row: p.rows[0] }] : [])),
    [data],
  );
  const trendSeries: TrendSeries[] = useMemo(
    () => [
      {
        name: 'Foundation coverage',
        points: trendRows.map((t) => ({
          asAt: t.asAt,
          numerator: t.row.foundationMet,
          denominator: t.row.headcount,
          percent: t.row.foundationPct,
        })),
      },
      {
        name: 'Fully trained',
        points: trendRows.map((t) => ({
          asAt: t.asAt,
          numerator: t.row.fullyTrained,
          denominator: t.row.headcount,
          percent: t.row.fullyTrainedPct,
        })),
      },
      {
        name: 'Requirement coverage',
        points: trendRows.map((t) => ({
          asAt: t.asAt,
          numerator: t.row.met,
          denominator: t.row.needed,
          percent: t.row.coveragePct,
        })),
      },
    ],
    [trendRows],
  );
  return { ...result, overview, archetypeItems, trendRows, trendSeries };
}

/** Each trust's rate for a measure, with funnel-plot limits around the national rate. */
export function useDistribution(filter: CoverageFilter, measure: DistributionMeasure) {
  return useQuery(DISTRIBUTION, { variables: { filter, measure } });
}

/** One trust beside its ICB, region, England and its peer group. */
export function useCompareOrganisation(
  filter: CoverageFilter,
  peerGroup: PeerGroup,
  { skip = false }: { skip?: boolean } = {},
) {
  return useQuery(COMPARE_ORGANISATION, { variables: { filter, peerGroup }, skip });
}

/** Pseudonymised people, a page at a time (fetchMore with the end cursor for the next). */
export function usePeople(filter: CoverageFilter, first: number) {
  return useQuery(PEOPLE, { variables: { filter, first } });
}
