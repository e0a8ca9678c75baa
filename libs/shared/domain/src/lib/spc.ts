/**
 * Statistical process control for trends, as NHS England's "Making Data Count" applies it: an XmR chart
 * (individuals with moving ranges), its mean and process limits, the special-cause rules and the
 * variation and assurance icons. Pure functions: the API computes them, the dashboard draws them.
 */

/** Process limits sit 2.66 average moving ranges from the mean (3 sigma, with sigma = mR̄ / 1.128). */
export const XMR_LIMIT_FACTOR = 2.66;
/** A shift: this many or more consecutive points on one side of the mean. */
export const RUN_LENGTH = 7;
/** A trend: this many or more consecutive points each higher (or each lower) than the one before. */
export const TREND_LENGTH = 6;

export type Xmr = { mean: number; movingRangeMean: number; upperLimit: number; lowerLimit: number };

/** Mean, average moving range and process limits of a series (null with fewer than two points). */
export function xmr(values: number[]): Xmr | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let ranges = 0;
  for (let i = 1; i < values.length; i++) ranges += Math.abs(values[i] - values[i - 1]);
  const movingRangeMean = ranges / (values.length - 1);
  return {
    mean,
    movingRangeMean,
    upperLimit: mean + XMR_LIMIT_FACTOR * movingRangeMean,
    lowerLimit: mean - XMR_LIMIT_FACTOR * movingRangeMean,
  };
}

/** Rule 1: each point above the upper or below the lower process limit. */
export const outsideLimits = (values: number[], limits: Xmr): boolean[] =>
  values.map((v) => v > limits.upperLimit || v < limits.lowerLimit);

/** Rule 2: each point in a run of RUN_LENGTH or more on one side of the mean (a point on the mean breaks a run). */
export function shifts(values: number[], mean: number, length = RUN_LENGTH): boolean[] {
  const side = values.map((v) => Math.sign(v - mean));
  const out = values.map(() => false);
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && side[i] !== 0 && side[i] === side[start]) continue;
    if (side[start] !== 0 && i - start >= length) out.fill(true, start, i);
    start = i;
  }
  return out;
}

/**
 * Rule 3: for each point, +1 or −1 when it belongs to TREND_LENGTH or more consecutive points each higher
 * (or each lower) than the one before, else 0. A repeated value breaks a trend; a turning point can end one
 * trend and start the next (it takes the later one's direction).
 */
export function trends(values: number[], length = TREND_LENGTH): number[] {
  const out = values.map(() => 0);
  let start = 0;
  let direction = 0;
  const close = (end: number) => {
    if (direction !== 0 && end - start + 1 >= length) out.fill(direction, start, end + 1);
  };
  for (let i = 1; i < values.length; i++) {
    const step = Math.sign(values[i] - values[i - 1]);
    if (step !== 0 && step === direction) continue;
    close(i - 1);
    start = step === 0 ? i : i - 1;
    direction = step;
  }
  close(values.length - 1);
  return out;
}

export type SpecialCause = 'OUTSIDE_LIMITS' | 'SHIFT' | 'TREND';
export type Improvement = 'UP' | 'DOWN';
export type VariationIcon =
  'COMMON_CAUSE' | 'IMPROVING_HIGH' | 'IMPROVING_LOW' | 'CONCERNING_HIGH' | 'CONCERNING_LOW';
export type AssuranceIcon = 'CONSISTENTLY_PASS' | 'CONSISTENTLY_FAIL' | 'HIT_AND_MISS';

export type SpcPoint = { value: number; causes: SpecialCause[]; high: boolean | null };
export type SpcChart = Xmr & {
  points: SpcPoint[];
  variation: VariationIcon;
  assurance: AssuranceIcon | null;
};

/**
 * The whole chart: every point with the special-cause rules it triggers and whether that cause is high
 * (above the mean / rising) or low; the variation icon from the latest point; the assurance icon from
 * where the target sits against the process limits (null without a target).
 */
export function spcChart(values: number[], improvement: Improvement, target: number | null): SpcChart | null {
  const limits = xmr(values);
  if (!limits) return null;
  const outside = outsideLimits(values, limits);
  const shift = shifts(values, limits.mean);
  const trend = trends(values);
  const points = values.map((value, i): SpcPoint => {
    const causes: SpecialCause[] = [];
    if (outside[i]) causes.push('OUTSIDE_LIMITS');
    if (shift[i]) causes.push('SHIFT');
    if (trend[i] !== 0) causes.push('TREND');
    const high = causes.length === 0 ? null : outside[i] || shift[i] ? value > limits.mean : trend[i] > 0;
    return { value, causes, high };
  });
  return {
    ...limits,
    points,
    variation: variationIcon(points[points.length - 1], improvement),
    assurance: target === null ? null : assuranceIcon(limits, target, improvement),
  };
}

/** Special cause on the latest point decides the icon; its direction against the improvement direction names it. */
export function variationIcon(latest: SpcPoint, improvement: Improvement): VariationIcon {
  if (latest.causes.length === 0 || latest.high === null) return 'COMMON_CAUSE';
  const improving = latest.high === (improvement === 'UP');
  return `${improving ? 'IMPROVING' : 'CONCERNING'}_${latest.high ? 'HIGH' : 'LOW'}` as VariationIcon;
}

/**
 * Target beyond the limits on the good side: the process will consistently fail it; on the bad side it will
 * consistently pass; between the limits, it will hit and miss at random.
 */
export function assuranceIcon(limits: Xmr, target: number, improvement: Improvement): AssuranceIcon {
  const passesAll = improvement === 'UP' ? limits.lowerLimit >= target : limits.upperLimit <= target;
  const failsAll = improvement === 'UP' ? limits.upperLimit < target : limits.lowerLimit > target;
  return passesAll ? 'CONSISTENTLY_PASS' : failsAll ? 'CONSISTENTLY_FAIL' : 'HIT_AND_MISS';
}
