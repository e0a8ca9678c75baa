// Typed hooks for the shared coverage queries: a page passes the filter and breakdown it wants and
// gets typed rows back, without building variables or documents itself.
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { CoverageDimension, CoverageFilter } from '../../generated/graphql';
import { useFilters } from '../filters/useFilters';
import { toCoverageFilter, type Filters } from '../filters/filters';
import { COVERAGE, FILTER_OPTIONS_IN_SCOPE } from './coverage.graphql';

/** Coverage rows (and the total) for a filter, broken down by `groupBy`. */
export function useCoverage(
  filter: CoverageFilter,
  groupBy: CoverageDimension[] = [],
  { skip = false }: { skip?: boolean } = {},
) {
  return useQuery(COVERAGE, { variables: { filter, groupBy }, skip });
}

/** Option lists (places, groups, archetypes, snapshot dates, modules) inside the signed-in user's scope. */
export function useFilterOptions(filter: CoverageFilter = {}) {
  return useQuery(FILTER_OPTIONS_IN_SCOPE, { variables: { filter } });
}

/**
 * The URL filters and the same filters as the API's coverage filter. `drop` leaves out filters a page
 * does not apply (e.g. the matrix is itself the clinical area × staff group breakdown).
 */
export function useCoverageFilter(drop: (keyof Filters)[] = []) {
  const { filters, setFilters, search } = useFilters();
  const dropped = drop.join(',');
  const filter = useMemo(
    () =>
      toCoverageFilter({
        ...filters,
        ...Object.fromEntries(dropped ? dropped.split(',').map((k) => [k, undefined]) : []),
      }),
    // `drop` is compared by value, so callers may pass a fresh array literal on every render.
    [filters, dropped],
  );
  return { filters, setFilters, search, filter };
}
