// NHS number style: thousands separators, percentages to one decimal place, `*` where disclosure control
// suppressed a figure. The core formatters live in @aiwr/shared-domain, shared with the API and exports,
// so a figure reads the same everywhere; this file adds what only the screen needs.
import { formatCount, formatPercent, type ControlledValue } from '@aiwr/shared-domain';

export { formatCount, formatPercent };
export type { ControlledValue };

/** A figure as the API gives it: a plain number, or a disclosure-controlled value. */
export type Figure = number | null | undefined | ControlledValue;

export const SUPPRESSED_EXPLANATION =
  '* Suppressed: counts of 1 to 7 are hidden, and other counts rounded to the nearest 5, so that no ' +
  'individual can be identified. Percentages are computed from the rounded counts.';

export function figureValue(v: Figure): number | null {
  if (v !== null && typeof v === 'object') return v.suppressed ? null : v.value;
  return v ?? null;
}

export function isSuppressed(v: Figure): boolean {
  return v !== null && typeof v === 'object' && v.suppressed;
}

/** numerator / denominator as a percentage on the 0-100 scale; null when either is unknown or zero people. */
export function percentOf(numerator: Figure, denominator: Figure): number | null {
  const n = figureValue(numerator);
  const d = figureValue(denominator);
  if (n === null || d === null || d === 0) return null;
  return (n / d) * 100;
}

/** "1,234 of 1,500 (82.3%)", the form used wherever numerator and denominator are available. */
export function formatFraction(numerator: Figure, denominator: Figure, percent?: Figure): string {
  if (figureValue(denominator) === 0) return 'no one in scope';
  const pct: Figure =
    percent !== undefined
      ? percent
      : isSuppressed(numerator) || isSuppressed(denominator)
        ? { value: null, suppressed: true, rounded: false }
        : percentOf(numerator, denominator);
  return `${formatCount(numerator)} of ${formatCount(denominator)} (${formatPercent(pct)})`;
}

/** True when any of the figures is suppressed, so a page knows to show SUPPRESSED_EXPLANATION. */
export function anySuppressed(...values: Figure[]): boolean {
  return values.some(isSuppressed);
}

/** "2026-10-31" → "31 October 2026" (UTC, so a date never shifts a day in another time zone). */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-10-31T12:05:00Z" → "31 October 2026, 12:05". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "2026-10-31" → "Oct 2026", for chart axes. */
export function formatMonth(isoDate: string): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return d.toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}
