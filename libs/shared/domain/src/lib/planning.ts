/**
 * Planning arithmetic (docs/api.md "Planning: the method"): pure functions so the API, exports and the
 * dashboard compute the same figures, and an analyst can check them by hand.
 *
 * Model, per module (or layer) and population, month by month from the latest snapshot:
 *   met(t) = met(t-1) × (1 − churn) + completions − expiries(t),  kept within [0, needed]
 * where `needed` stays at today's count (leavers are replaced by joiners who need the module and have
 * not done it), `churn` is the share of met pairs leaving with a leaver each month, `completions` the
 * recent monthly rate and `expiries(t)` the certificates of today's staff that expire in month t.
 */

/** Months the forecast looks ahead; a target not reached within it is "not at the current rate". */
export const FORECAST_HORIZON_MONTHS = 60;
/** z for the two-sided 95% interval of a Poisson count. */
const Z95 = 1.96;

/** One interval between consecutive snapshots, summed over the population's organisations. */
export type FlowInterval = { months: number; completions: number; leaversMet: number; metBefore: number };

export type RecentRates = {
  /** Months the window covers (sum over organisations when several are added up). */
  months: number;
  completions: number;
  completionsPerMonth: number;
  /** 95% interval of the monthly rate, treating the window's completions as a Poisson count. */
  completionsPerMonthLow: number;
  completionsPerMonthHigh: number;
  /** Share of met pairs that left with a leaver, per month. */
  churnPerMonth: number;
};

/**
 * Rates over a window of intervals: completions per month = Σ completions / Σ months; the interval is
 * (K ± 1.96·√K) / months for K completions; churn = Σ met pairs lost to leavers / Σ (met pairs at the
 * start of each interval × its months).
 */
export function recentRates(intervals: FlowInterval[]): RecentRates {
  const months = intervals.reduce((s, i) => s + i.months, 0);
  const completions = intervals.reduce((s, i) => s + i.completions, 0);
  const exposure = intervals.reduce((s, i) => s + i.metBefore * i.months, 0);
  const leavers = intervals.reduce((s, i) => s + i.leaversMet, 0);
  if (months === 0)
    return {
      months: 0,
      completions: 0,
      completionsPerMonth: 0,
      completionsPerMonthLow: 0,
      completionsPerMonthHigh: 0,
      churnPerMonth: 0,
    };
  const spread = Z95 * Math.sqrt(completions);
  return {
    months,
    completions,
    completionsPerMonth: completions / months,
    completionsPerMonthLow: Math.max(0, (completions - spread) / months),
    completionsPerMonthHigh: (completions + spread) / months,
    churnPerMonth: exposure > 0 ? leavers / exposure : 0,
  };
}

export type ForecastStart = {
  needed: number;
  met: number;
  churnPerMonth: number;
  /** expiriesByMonth[t - 1] = certificates of today's staff expiring in month t (t = 1 is the next month). */
  expiriesByMonth: number[];
};

/** Met pairs at the end of months 1..months at a constant number of completions a month. */
export function metTrajectory(start: ForecastStart, completionsPerMonth: number, months: number): number[] {
  const out: number[] = [];
  let met = start.met;
  for (let t = 1; t <= months; t++) {
    met = met * (1 - start.churnPerMonth) + completionsPerMonth - (start.expiriesByMonth[t - 1] ?? 0);
    met = Math.min(start.needed, Math.max(0, met));
    out.push(met);
  }
  return out;
}

/** Met pairs needed for a target percentage (the smallest whole number at or above it). */
export const metForTarget = (needed: number, targetPct: number) =>
  Math.ceil((needed * targetPct) / 100 - 1e-9);

/**
 * Months from the latest snapshot until coverage first reaches the target at this rate: 0 when it
 * already has, null when not within FORECAST_HORIZON_MONTHS ("not at the current rate").
 */
export function monthsToTarget(
  start: ForecastStart,
  completionsPerMonth: number,
  targetPct: number,
  horizon = FORECAST_HORIZON_MONTHS,
): number | null {
  if (start.needed === 0) return 0;
  const goal = metForTarget(start.needed, targetPct);
  if (start.met >= goal) return 0;
  const path = metTrajectory(start, completionsPerMonth, horizon);
  const hit = path.findIndex((m) => m >= goal - 1e-9);
  return hit < 0 ? null : hit + 1;
}

/**
 * Completions a month, the same every month, that bring met pairs to the target by the end of month h:
 *   met(h) = met(0)·q^h + p·Σ_{i<h} q^i − Σ_{t≤h} expiries(t)·q^(h−t),  q = 1 − churn,
 * solved for p and rounded up to whole places (0 when the target is met without any).
 */
export function placesPerMonth(start: ForecastStart, targetPct: number, months: number): number {
  if (months < 1) throw new RangeError('The target date must be at least one month after the latest data.');
  const q = 1 - start.churnPerMonth;
  const goal = metForTarget(start.needed, targetPct);
  let decayed = start.met * q ** months;
  for (let t = 1; t <= months; t++) decayed -= (start.expiriesByMonth[t - 1] ?? 0) * q ** (months - t);
  let annuity = 0;
  for (let i = 0; i < months; i++) annuity += q ** i;
  return Math.max(0, Math.ceil((goal - decayed) / annuity - 1e-9));
}

/** 'YYYY-MM' of a date plus n calendar months. */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}

/** Whole calendar months from one date's month to another's ('2026-07-31' → '2027-03-01' is 8). */
export function monthsBetween(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}

/**
 * Rates of several organisations added up: completions a month add; the interval's variances add
 * (Σ K / months² for each organisation's K completions over its months); churn is the average of the
 * organisations' churn weighted by their met pairs today.
 */
export function combineRates(parts: { rates: RecentRates; met: number }[]) {
  const perMonth = parts.reduce((s, p) => s + p.rates.completionsPerMonth, 0);
  const variance = parts.reduce(
    (s, p) => s + (p.rates.months > 0 ? p.rates.completions / p.rates.months ** 2 : 0),
    0,
  );
  const met = parts.reduce((s, p) => s + p.met, 0);
  const spread = Z95 * Math.sqrt(variance);
  return {
    completionsPerMonth: perMonth,
    completionsPerMonthLow: Math.max(0, perMonth - spread),
    completionsPerMonthHigh: perMonth + spread,
    churnPerMonth: met > 0 ? parts.reduce((s, p) => s + p.rates.churnPerMonth * p.met, 0) / met : 0,
  };
}
