import { SUPPRESSED, controlCount, shown } from './disclosure';
import { formatCount, formatPercent, funnelLimits, ragFor } from './coverage-measures';

describe('RAG', () => {
  it('is green at or above target, amber at or above amber, red below', () => {
    expect(ragFor(90, 90, 75)).toBe('GREEN');
    expect(ragFor(89.9, 90, 75)).toBe('AMBER');
    expect(ragFor(75, 90, 75)).toBe('AMBER');
    expect(ragFor(74.9, 90, 75)).toBe('RED');
    expect(ragFor(null, 90, 75)).toBeNull();
  });
});

describe('formatting', () => {
  it('shows suppressed figures as * and unknown ones as a dash', () => {
    expect(formatCount(SUPPRESSED)).toBe('*');
    expect(formatPercent(SUPPRESSED)).toBe('*');
    expect(formatCount(null)).toBe('–');
    expect(formatPercent(shown(null))).toBe('–');
  });

  it('uses thousands separators and one decimal place for percentages', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(controlCount(1234))).toBe('1,235');
    expect(formatCount(12.345, { decimals: 1 })).toBe('12.3');
    expect(formatPercent(48.12)).toBe('48.1%');
    expect(formatPercent(shown(100))).toBe('100.0%');
  });
});

describe('funnel limits', () => {
  it('narrow as the denominator grows and contain the national rate', () => {
    const small = funnelLimits(0.6, 100)!;
    const large = funnelLimits(0.6, 10000)!;
    expect(small.lower95).toBeLessThan(0.6);
    expect(small.upper95).toBeGreaterThan(0.6);
    expect(small.upper998 - small.lower998).toBeGreaterThan(small.upper95 - small.lower95);
    expect(large.upper95 - large.lower95).toBeLessThan(small.upper95 - small.lower95);
    // 95% limit half-width for p=0.6, n=100 is 1.96 * sqrt(0.24/100) = 0.096
    expect(small.upper95 - 0.6).toBeCloseTo(0.096, 3);
  });

  it('has no limits without a denominator', () => {
    expect(funnelLimits(0.5, 0)).toBeNull();
  });
});
