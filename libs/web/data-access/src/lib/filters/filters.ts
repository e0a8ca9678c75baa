// Every page reads the same filters from the URL, so a view is shareable and the back button works.
// Pure functions here (unit-tested); the React hook is in useFilters.ts.

export const FILTER_KEYS = [
  'asAt',
  'region',
  'icb',
  'org',
  'department',
  'staffGroup',
  'clinicalArea',
  'archetype',
  'payBand',
  'module',
  'layer',
] as const;

export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** Choosing a place higher in the hierarchy clears the places below it. */
const CLEARS: Partial<Record<FilterKey, FilterKey[]>> = {
  region: ['icb', 'org', 'department'],
  icb: ['org', 'department'],
  org: ['department'],
};

export function parseFilters(params: URLSearchParams): Filters {
  const out: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key)?.trim();
    if (v) out[key] = v;
  }
  return out;
}

/** Filters as a query string in a fixed order (so the same view always has the same URL). */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v) params.set(key, v);
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Apply changes: empty values remove a filter; moving up the hierarchy clears what is below. */
export function applyFilterChange(current: Filters, change: Filters): Filters {
  const next: Filters = { ...current };
  for (const key of FILTER_KEYS) {
    if (!(key in change)) continue;
    const v = change[key];
    if (v !== current[key])
      for (const cleared of CLEARS[key] ?? []) if (!(cleared in change)) delete next[cleared];
    if (v) next[key] = v;
    else delete next[key];
  }
  return next;
}

/** Keep non-filter params (e.g. a page's own tab) while replacing the filter ones. */
export function mergeIntoParams(params: URLSearchParams, filters: Filters): URLSearchParams {
  const next = new URLSearchParams();
  params.forEach((value, key) => {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) next.set(key, value);
  });
  for (const key of FILTER_KEYS) if (filters[key]) next.set(key, filters[key] as string);
  return next;
}

/** The deepest place chosen: what the drill-down page is looking at. */
export type Level = 'national' | 'region' | 'icb' | 'org' | 'department';

export function currentLevel(filters: Filters): Level {
  if (filters.department) return 'department';
  if (filters.org) return 'org';
  if (filters.icb) return 'icb';
  if (filters.region) return 'region';
  return 'national';
}

/** The URL filters as the API's coverage filter input (lists, because the API can take several values). */
export function toCoverageFilter(filters: Filters) {
  const list = (v: string | undefined) => (v ? [v] : null);
  return {
    asAt: filters.asAt ?? null,
    regionCodes: list(filters.region),
    icbCodes: list(filters.icb),
    orgCodes: list(filters.org),
    departments: list(filters.department),
    staffGroupCodes: list(filters.staffGroup),
    clinicalAreaCodes: list(filters.clinicalArea),
    archetypeCodes: list(filters.archetype),
    payBands: list(filters.payBand),
    moduleCodes: list(filters.module),
    layer: filters.layer ?? null,
  };
}
