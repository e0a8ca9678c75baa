import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { applyFilterChange, filtersToSearch, mergeIntoParams, parseFilters, type Filters } from './filters';

/** The shared filters of every page, read from and written to the URL (each change is a history entry). */
export function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(params), [params]);
  const setFilters = useCallback(
    (change: Filters) =>
      setParams((prev) => mergeIntoParams(prev, applyFilterChange(parseFilters(prev), change))),
    [setParams],
  );
  const search = filtersToSearch(filters);
  return { filters, setFilters, search };
}
