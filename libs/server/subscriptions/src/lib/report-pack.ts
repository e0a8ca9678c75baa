// What a report pack is made of and when it is due: pure definitions shared by the API, the planner and
// the worker (unit-tested in report-pack.spec.ts).
import type { CoverageFilter } from '@aiwr/server-coverage';

/** The pack's sections, each one of the dashboard's pages printed (the print view is /reports/pack). */
export const PACK_SECTIONS = ['overview', 'matrix', 'compare', 'planning', 'data_quality'] as const;
export type PackSection = (typeof PACK_SECTIONS)[number];

export const CADENCES = ['weekly', 'monthly', 'after_import'] as const;
export type Cadence = (typeof CADENCES)[number];

/** The dashboard's URL filters (apps/dashboard filters.ts), one value each, as the pack's print view takes them. */
export const PACK_FILTER_KEYS = [
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
export type PackFilterKey = (typeof PACK_FILTER_KEYS)[number];
export type PackFilters = Partial<Record<PackFilterKey, string>>;

/** Keeps known keys with short, plain values; anything else is refused with the key named. */
export function cleanFilters(input: Record<string, unknown>): PackFilters {
  const out: PackFilters = {};
  for (const [key, raw] of Object.entries(input)) {
    if (raw === null || raw === undefined || raw === '') continue;
    if (!(PACK_FILTER_KEYS as readonly string[]).includes(key))
      throw new Error(`Unknown report filter "${key.slice(0, 40)}".`);
    const value = String(raw).trim();
    if (!/^[\w .,'&()/-]{1,120}$/.test(value))
      throw new Error(`Report filter "${key}" has an invalid value.`);
    if (key === 'asAt' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
      throw new Error('Report filter asAt must be a date in the form YYYY-MM-DD.');
    out[key as PackFilterKey] = value;
  }
  return out;
}

/** The print view's query string, in the dashboard's fixed filter order. */
export function packSearch(sections: readonly PackSection[], filters: PackFilters): string {
  const params = new URLSearchParams();
  params.set('sections', sections.join(','));
  for (const key of PACK_FILTER_KEYS) if (filters[key]) params.set(key, filters[key] as string);
  return `?${params.toString()}`;
}

/** The same filters as the coverage API takes them (for the XLSX of the pack's figures). */
export function toCoverageFilter(f: PackFilters): CoverageFilter {
  const list = (v: string | undefined) => (v ? [v] : null);
  return {
    asAt: f.asAt ?? null,
    regionCodes: list(f.region),
    icbCodes: list(f.icb),
    orgCodes: list(f.org),
    departments: list(f.department),
    staffGroupCodes: list(f.staffGroup),
    clinicalAreaCodes: list(f.clinicalArea),
    archetypeCodes: list(f.archetype),
    payBands: list(f.payBand),
    moduleCodes: list(f.module),
    layer: f.layer ?? null,
  };
}

/**
 * The period a scheduled pack belongs to: one send per recipient per period. Weekly packs are keyed by
 * ISO week (`2026-W48`), monthly ones by calendar month (`2026-11`), both in UTC.
 */
export function calendarPeriod(cadence: 'weekly' | 'monthly', now: Date): string {
  if (cadence === 'monthly') return now.toISOString().slice(0, 7);
  // ISO 8601: the week belongs to the year of its Thursday.
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period of an after-import pack: the import it follows. */
export const importPeriod = (importId: string) => `import:${importId}`;
/** A pack sent on request ("send now"): its own period, so it never collides with the schedule. */
export const manualPeriod = (now: Date) => `manual:${now.toISOString()}`;

export const SECTION_TITLES: Record<PackSection, string> = {
  overview: 'Overview',
  matrix: 'Coverage matrix',
  compare: 'Compare',
  planning: 'Planning',
  data_quality: 'Data quality',
};

/**
 * The planning section's target date: the last day of the month twelve months after `now` (UTC), the same
 * default the dashboard's planning page starts from, so the printed page and the XLSX show one plan.
 */
export function planningTargetDate(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}
