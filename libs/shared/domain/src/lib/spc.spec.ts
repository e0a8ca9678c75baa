import { assuranceIcon, outsideLimits, shifts, spcChart, trends, xmr } from './spc';

describe('XmR limits (hand-computed)', () => {
  it('mean, average moving range and limits at 2.66 mR̄', () => {
    // 10 12 11 13 12: mean 58/5 = 11.6; moving ranges 2 1 2 1, mR̄ = 1.5; limits 11.6 ± 3.99.
    const l = xmr([10, 12, 11, 13, 12])!;
    expect(l.mean).toBeCloseTo(11.6, 10);
    expect(l.movingRangeMean).toBeCloseTo(1.5, 10);
    expect(l.upperLimit).toBeCloseTo(15.59, 10);
    expect(l.lowerLimit).toBeCloseTo(7.61, 10);
    expect(xmr([4])).toBeNull();
  });
});

describe('special-cause rules', () => {
  it('a point outside the process limits', () => {
    // mean 99/7 = 14.142857; mR 2 1 2 1 1 19, mR̄ = 26/6; UCL = 14.142857 + 2.66 × 4.3333 = 25.669.
    const values = [10, 12, 11, 13, 12, 11, 30];
    const l = xmr(values)!;
    expect(l.upperLimit).toBeCloseTo(25.669524, 5);
    expect(outsideLimits(values, l)).toEqual([false, false, false, false, false, false, true]);
  });

  it('a run of 7 on one side of the mean flags all of it; 6 is not enough; a point on the mean breaks it', () => {
    const values = [10, 10, 10, 10, 10, 10, 0, 0, 0, 0, 0, 0, 0, 0]; // mean 60/14 = 4.29
    expect(shifts(values, xmr(values)!.mean)).toEqual([...Array(6).fill(false), ...Array(8).fill(true)]);
    expect(shifts([1, 1, 1, 5, 1, 1, 1, 1], 5)).toEqual(Array(8).fill(false));
    expect(shifts([1, 1, 1, 1, 1, 1, 1], 5)).toEqual(Array(7).fill(true));
  });

  it('a trend of 6 rising or falling points; 5 is not; a repeat breaks it; a turning point starts the next', () => {
    expect(trends([1, 2, 3, 4, 5, 6, 5])).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(trends([1, 2, 3, 4, 5, 5, 6])).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(trends([1, 2, 3, 4, 5, 6, 5, 4, 3, 2, 1])).toEqual([1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1]);
  });
});

describe('icons', () => {
  it('variation: from the latest point and the direction of improvement', () => {
    const values = [10, 12, 11, 13, 12, 11, 30];
    const up = spcChart(values, 'UP', null)!;
    expect(up.points[6]).toEqual({ value: 30, causes: ['OUTSIDE_LIMITS'], high: true });
    expect(up.variation).toBe('IMPROVING_HIGH');
    expect(spcChart(values, 'DOWN', null)!.variation).toBe('CONCERNING_HIGH');
    expect(spcChart([10, 12, 11, 13, 12], 'UP', null)!.variation).toBe('COMMON_CAUSE');
    const falling = spcChart([20, 19, 18, 17, 16, 15], 'UP', null)!;
    expect(falling.points[5].causes).toEqual(['TREND']);
    expect(falling.variation).toBe('CONCERNING_LOW');
  });

  it('assurance: where the target sits against the limits (7.61 to 15.59)', () => {
    const l = xmr([10, 12, 11, 13, 12])!;
    expect(assuranceIcon(l, 5, 'UP')).toBe('CONSISTENTLY_PASS');
    expect(assuranceIcon(l, 20, 'UP')).toBe('CONSISTENTLY_FAIL');
    expect(assuranceIcon(l, 12, 'UP')).toBe('HIT_AND_MISS');
    expect(assuranceIcon(l, 20, 'DOWN')).toBe('CONSISTENTLY_PASS');
    expect(spcChart([10, 12, 11, 13, 12], 'UP', 20)!.assurance).toBe('CONSISTENTLY_FAIL');
  });
});
