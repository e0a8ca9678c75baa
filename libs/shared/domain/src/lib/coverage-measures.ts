import type { ControlledValue } from './disclosure';

/** Red / amber / green against a target: green at or above target, amber at or above amber, else red. */
export type Rag = 'RED' | 'AMBER' | 'GREEN';

/** Default coverage target and amber threshold (data-formats.md §4), used where coverage_target has no row. */
export const DEFAULT_TARGET_PCT = 90;
export const DEFAULT_AMBER_PCT = 75;

export function ragFor(pct: number | null | undefined, targetPct: number, amberPct: number): Rag | null {
  if (pct === null || pct === undefined || Number.isNaN(pct)) return null;
  if (pct >= targetPct) return 'GREEN';
  if (pct >= amberPct) return 'AMBER';
  return 'RED';
}

type Figure = number | null | undefined | ControlledValue;
const valueOf = (v: Figure): { value: number | null; suppressed: boolean } =>
  v !== null && typeof v === 'object' ? v : { value: v ?? null, suppressed: false };

/** A count for display: `*` when suppressed, an en dash when unknown, thousands separators otherwise. */
export function formatCount(v: Figure, opts: { decimals?: number } = {}): string {
  const { value, suppressed } = valueOf(v);
  if (suppressed) return '*';
  if (value === null) return '–';
  const decimals = opts.decimals ?? 0;
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** A percentage to one decimal place (data-formats.md §5), `*` when suppressed. */
export function formatPercent(v: Figure): string {
  const { value, suppressed } = valueOf(v);
  if (suppressed) return '*';
  if (value === null) return '–';
  return `${value.toFixed(1)}%`;
}

/**
 * Funnel-plot control limits for a proportion (Spiegelhalter 2005, normal approximation): the band a unit
 * with `denominator` people would fall in by chance if its true rate were the national `rate` (0-1).
 */
export function funnelLimits(rate: number, denominator: number) {
  if (denominator <= 0) return null;
  const se = Math.sqrt((rate * (1 - rate)) / denominator);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    lower95: clamp(rate - 1.959964 * se),
    upper95: clamp(rate + 1.959964 * se),
    lower998: clamp(rate - 3.090232 * se),
    upper998: clamp(rate + 3.090232 * se),
  };
}
