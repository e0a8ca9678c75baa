// Funnel plot control limits for a proportion (Spiegelhalter 2005): around the national rate p, an
// organisation with denominator n is "within expected variation" inside p ± z·sqrt(p(1-p)/n).
// z = 1.96 gives the 95% limits, z = 3.09 the 99.8% limits (as in NHS England's Making Data Count).

export const Z95 = 1.959964;
export const Z998 = 3.090232;

export interface FunnelLimit {
  n: number;
  lower: number; // percent
  upper: number; // percent
}

export function funnelLimit(ratePercent: number, n: number, z: number): FunnelLimit {
  const p = ratePercent / 100;
  const half = z * Math.sqrt((p * (1 - p)) / n);
  return { n, lower: Math.max(0, (p - half) * 100), upper: Math.min(100, (p + half) * 100) };
}

/** Limits sampled from n = minN to maxN, denser at small n where the curve bends. */
export function funnelCurve(
  ratePercent: number,
  maxN: number,
  z: number,
  steps = 60,
  minN = 5,
): FunnelLimit[] {
  const top = Math.max(maxN, minN + 1);
  const out: FunnelLimit[] = [];
  for (let i = 0; i <= steps; i++) {
    const n = Math.round(minN * Math.pow(top / minN, i / steps));
    if (out.length && out[out.length - 1].n === n) continue;
    out.push(funnelLimit(ratePercent, n, z));
  }
  return out;
}

export type FunnelPosition = 'above' | 'within' | 'below';

/** Where a point sits against the 99.8% limits (the threshold for "special cause"). */
export function funnelPosition(ratePercent: number, numerator: number, denominator: number): FunnelPosition {
  const { lower, upper } = funnelLimit(ratePercent, denominator, Z998);
  const pct = (numerator / denominator) * 100;
  if (pct > upper) return 'above';
  if (pct < lower) return 'below';
  return 'within';
}
