import {
  addMonths,
  combineRates,
  metForTarget,
  metTrajectory,
  monthsBetween,
  monthsToTarget,
  placesPerMonth,
  recentRates,
} from './planning';

const start = (churnPerMonth: number, expiriesByMonth: number[] = []) => ({
  needed: 200,
  met: 100,
  churnPerMonth,
  expiriesByMonth,
});

describe('recent rates (hand-computed)', () => {
  it('completions a month, its 95% Poisson interval and churn of met pairs', () => {
    // 25 completions over 3 months: 8.33 a month, (25 ± 1.96 × 5) / 3 = 5.07 to 11.6;
    // churn: 5 met pairs left out of 100 × 1 + 100 × 2 pair-months = 1.67% a month.
    const r = recentRates([
      { months: 1, completions: 9, leaversMet: 2, metBefore: 100 },
      { months: 2, completions: 16, leaversMet: 3, metBefore: 100 },
    ]);
    expect(r.months).toBe(3);
    expect(r.completionsPerMonth).toBeCloseTo(25 / 3, 10);
    expect(r.completionsPerMonthLow).toBeCloseTo(15.2 / 3, 10);
    expect(r.completionsPerMonthHigh).toBeCloseTo(34.8 / 3, 10);
    expect(r.churnPerMonth).toBeCloseTo(5 / 300, 10);
    expect(recentRates([]).completionsPerMonth).toBe(0);
  });
});

describe('rates of several organisations added up', () => {
  it('completions add, variances add, churn is weighted by met pairs', () => {
    // A: 12 over 3 months (4/month); B: 8 over 2 months (4/month). Sum 8/month;
    // variance 12/9 + 8/4 = 3.333, spread 1.96 × 1.8257 = 3.578; churn (0.01 × 100 + 0.04 × 50) / 150 = 0.02.
    const a = recentRates([{ months: 3, completions: 12, leaversMet: 3, metBefore: 100 }]);
    const b = recentRates([{ months: 2, completions: 8, leaversMet: 4, metBefore: 50 }]);
    const c = combineRates([
      { rates: a, met: 100 },
      { rates: b, met: 50 },
    ]);
    expect(c.completionsPerMonth).toBeCloseTo(8, 10);
    expect(c.completionsPerMonthLow).toBeCloseTo(8 - 1.96 * Math.sqrt(10 / 3), 10);
    expect(c.completionsPerMonthHigh).toBeCloseTo(11.578, 3);
    expect(c.churnPerMonth).toBeCloseTo(0.02, 10);
  });
});

describe('trajectory and the month the target is reached', () => {
  it('no churn: 100 met + 10 a month reaches 180 of 200 (90%) in month 8', () => {
    expect(metTrajectory(start(0), 10, 3)).toEqual([110, 120, 130]);
    expect(monthsToTarget(start(0), 10, 90)).toBe(8);
  });

  it('5% churn: met(t) = 200 − 100 × 0.95^t reaches 180 when 0.95^t ≤ 0.2, t = 32', () => {
    expect(monthsToTarget(start(0.05), 10, 90)).toBe(32);
  });

  it('10% churn: levels off at 10 / 0.1 = 100 met, so "not at the current rate" (null)', () => {
    expect(monthsToTarget(start(0.1), 10, 90)).toBeNull();
  });

  it('expiries take met pairs away in their month; met stays within 0..needed; already there is 0', () => {
    expect(metTrajectory(start(0, [0, 30]), 10, 2)).toEqual([110, 90]);
    expect(metTrajectory({ ...start(0), met: 195 }, 10, 1)).toEqual([200]);
    expect(monthsToTarget({ ...start(0), met: 180 }, 0, 90)).toBe(0);
    expect(metForTarget(201, 90)).toBe(181); // 180.9 pairs → 181
  });
});

describe('places per month to reach the target by a date', () => {
  it('no churn: (180 − 100) / 8 months = 10 a month', () => {
    expect(placesPerMonth(start(0), 90, 8)).toBe(10);
  });

  it('5 certificates expiring in month 4 add 5 to the gap: 85 / 8 = 10.6, rounded up to 11', () => {
    expect(placesPerMonth(start(0, [0, 0, 0, 5]), 90, 8)).toBe(11);
  });

  it('5% churn over 2 months: (180 − 100 × 0.9025) / (1 + 0.95) = 46.03, so 47 (46 falls short)', () => {
    expect(placesPerMonth(start(0.05), 90, 2)).toBe(47);
    expect(metTrajectory(start(0.05), 47, 2)[1]).toBeGreaterThanOrEqual(180);
    expect(metTrajectory(start(0.05), 46, 2)[1]).toBeLessThan(180);
  });

  it('a target already met needs none; a date in the latest month is refused', () => {
    expect(placesPerMonth({ ...start(0), met: 190 }, 90, 3)).toBe(0);
    expect(() => placesPerMonth(start(0), 90, 0)).toThrow(RangeError);
  });
});

describe('months', () => {
  it('adds and counts calendar months', () => {
    expect(addMonths('2026-07-31', 8)).toBe('2027-03');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01');
    expect(monthsBetween('2026-07-31', '2027-03-01')).toBe(8);
  });
});
