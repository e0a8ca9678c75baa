// Links to the server's streamed exports (libs/server/reporting): the same filters as the GraphQL
// coverage query, as query-string parameters with comma-separated lists. The server applies the access
// policy and disclosure control and adds a provenance sheet to XLSX; there is no row cap.
import type { CoverageDimension, CoverageFilter } from '../../generated/graphql';

export type ExportKind = 'coverage' | 'people' | 'trend';
export type ExportFormat = 'csv' | 'xlsx';

export function exportUrl(
  kind: ExportKind,
  format: ExportFormat,
  filter: CoverageFilter,
  groupBy: CoverageDimension[] = [],
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === null || value === undefined || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  if (groupBy.length) params.set('groupBy', groupBy.join(','));
  const query = params.toString();
  return `/api/exports/${kind}.${format}${query ? `?${query}` : ''}`;
}
