// Typed hook for the data quality lists of the trust snapshots the URL filters point at.
import { useQuery } from '@apollo/client/react';
import type { Filters } from '@aiwr/web-data-access';
import { DATA_QUALITY } from './quality.graphql';

export function useDataQuality(filters: Filters, { skip = false }: { skip?: boolean } = {}) {
  return useQuery(DATA_QUALITY, {
    variables: { asAt: filters.asAt ?? null, orgCode: filters.org ?? null },
    skip,
  });
}
