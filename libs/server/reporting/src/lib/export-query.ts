import { BadRequestException } from '@nestjs/common';
import { COVERAGE_DIMENSIONS, type CoverageDimension, type CoverageFilter } from '@aiwr/server-coverage';

const DIMENSIONS = COVERAGE_DIMENSIONS;
const LIST_FILTERS = [
  'regionCodes',
  'icbCodes',
  'orgCodes',
  'pcnCodes',
  'settings',
  'departments',
  'staffGroupCodes',
  'clinicalAreaCodes',
  'archetypeCodes',
  'payBands',
  'jobRoles',
  'moduleCodes',
] as const;

const list = (v: unknown): string[] | null => {
  if (v === undefined || v === null || v === '') return null;
  const values = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(','));
  return values.map((s) => s.trim()).filter(Boolean);
};

/** Exports take the same filters as the GraphQL `coverage` query, as query-string parameters (lists comma-separated). */
export function parseExportQuery(q: Record<string, unknown>): {
  filter: CoverageFilter;
  groupBy: CoverageDimension[];
} {
  const filter: CoverageFilter = {};
  if (q.asAt) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(String(q.asAt)))
      throw new BadRequestException('asAt must be a date in the form YYYY-MM-DD.');
    filter.asAt = String(q.asAt);
  }
  for (const key of LIST_FILTERS) filter[key] = list(q[key]);
  if (q.layer) {
    if (!['foundation', 'archetype', 'product'].includes(String(q.layer)))
      throw new BadRequestException('layer must be foundation, archetype or product.');
    filter.layer = String(q.layer);
  }
  if (q.geography) {
    if (q.geography !== 'AS_IT_WAS' && q.geography !== 'RESTATED')
      throw new BadRequestException('geography must be AS_IT_WAS or RESTATED.');
    filter.geography = q.geography;
  }
  const groupBy = (list(q.groupBy) ?? []).map((d) => d.toUpperCase());
  for (const d of groupBy)
    if (!DIMENSIONS.includes(d as CoverageDimension))
      throw new BadRequestException(
        `Unknown groupBy dimension "${d.slice(0, 40)}". Use one of ${DIMENSIONS.join(', ')}.`,
      );
  return { filter, groupBy: groupBy as CoverageDimension[] };
}

export function describeFilter(filter: CoverageFilter): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  return parts.length ? parts.join('; ') : 'none (everything in your scope)';
}
