import {
  anySuppressed,
  figureValue,
  formatCount,
  formatDate,
  formatFraction,
  formatMonth,
  formatPercent,
  percentOf,
} from './format';

const suppressed = { value: null, suppressed: true, rounded: false };

describe('NHS number formatting', () => {
  it('puts thousands separators in counts and marks suppressed counts with *', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(suppressed)).toBe('*');
  });

  it('shows percentages to one decimal place', () => {
    expect(formatPercent(87.36)).toBe('87.4%');
    expect(formatPercent(100)).toBe('100.0%');
    expect(formatPercent(suppressed)).toBe('*');
  });

  it('gives numerator, denominator and percentage together', () => {
    expect(formatFraction(1234, 1500)).toBe('1,234 of 1,500 (82.3%)');
    expect(formatFraction(suppressed, 1500)).toBe('* of 1,500 (*)');
    expect(formatFraction({ value: 10, suppressed: false, rounded: true }, 20, 50)).toBe('10 of 20 (50.0%)');
    expect(formatFraction(0, 0)).toBe('no one in scope');
    expect(percentOf(1, 4)).toBe(25);
    expect(percentOf(1, 0)).toBeNull();
  });

  it('reads plain and disclosure-controlled figures alike', () => {
    expect(figureValue(5)).toBe(5);
    expect(figureValue({ value: 10, suppressed: false, rounded: true })).toBe(10);
    expect(figureValue(suppressed)).toBeNull();
    expect(anySuppressed(1, 2, suppressed)).toBe(true);
    expect(anySuppressed(1, null)).toBe(false);
  });

  it('formats dates the UK way without shifting the day', () => {
    expect(formatDate('2026-10-31')).toBe('31 October 2026');
    expect(formatMonth('2026-10-31')).toBe('Oct 2026');
  });
});
