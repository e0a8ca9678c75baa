import { funnelCurve, funnelLimit, funnelPosition, Z95, Z998 } from './funnel';
import {
  buildFunnelOption,
  buildHeatmapOption,
  buildRankedBarOption,
  buildTrendOption,
  summariseFunnel,
  summariseHeatmap,
  summariseRanked,
  summariseTrend,
} from './options';
import type { HeatmapCell, RankedItem, TrendSeries } from './types';

const S = { value: null, suppressed: true, rounded: false };

const cells: HeatmapCell[] = [
  { row: 'Emergency care', column: 'Nursing', numerator: 45, denominator: 60, percent: 75 },
  { row: 'Emergency care', column: 'Medical', numerator: 10, denominator: 40, percent: 25 },
  { row: 'Mental health', column: 'Nursing', numerator: S, denominator: 10, percent: S },
];

describe('heatmap option', () => {
  const option = buildHeatmapOption(cells) as any;
  it('puts staff groups on x, clinical areas on y, one cell per figure', () => {
    expect(option.xAxis.data).toEqual(['Nursing', 'Medical']);
    expect(option.yAxis.data).toEqual(['Emergency care', 'Mental health']);
    expect(option.series[0].data.map((d: any) => d.value)).toEqual([
      [0, 0, 75],
      [1, 0, 25],
      [0, 1, '-'],
    ]);
  });
  it('labels each cell with its percentage so colour is not the only signal', () => {
    expect(option.series[0].data.map((d: any) => d.label.formatter)).toEqual(['75.0%', '25.0%', '*']);
  });
  it('shows numerator and denominator on hover', () => {
    expect(option.tooltip.formatter({ dataIndex: 0 })).toContain('45 of 60 (75.0%)');
  });
  it('has a text summary naming the highest and lowest cells and the suppressed count', () => {
    expect(summariseHeatmap(cells)).toBe(
      '3 combinations of clinical area and staff group. Highest: Emergency care, Nursing at 75.0%. Lowest: Emergency care, Medical at 25.0%. 1 suppressed.',
    );
  });
});

describe('trend option', () => {
  const series: TrendSeries[] = [
    {
      name: 'Foundation coverage',
      points: [
        { asAt: '2026-09-30', numerator: 50, denominator: 100, percent: 50 },
        { asAt: '2026-08-31', numerator: 40, denominator: 100, percent: 40 },
      ],
    },
  ];
  it('orders the snapshots by date and draws the target', () => {
    const option = buildTrendOption(series, 90) as any;
    expect(option.xAxis.data).toEqual(['Aug 2026', 'Sept 2026']);
    expect(option.series[0].data).toEqual([40, 50]);
    expect(option.series[0].markLine.data).toEqual([{ yAxis: 90 }]);
  });
  it('summarises the latest value and the change', () => {
    const sorted: TrendSeries[] = [{ ...series[0], points: [...series[0].points].reverse() }];
    expect(summariseTrend(sorted, 90)).toBe(
      'Foundation coverage: 50.0% at Sept 2026, up 10.0 points since Aug 2026. The target is 90%.',
    );
  });
});

const items: RankedItem[] = [
  { key: 'A', label: 'Trust A', numerator: 900, denominator: 1000, percent: 90 },
  { key: 'B', label: 'Trust B', numerator: 300, denominator: 1000, percent: 30 },
  { key: 'C', label: 'Trust C', numerator: 55, denominator: 100, percent: 55 },
  { key: 'D', label: 'Trust D', numerator: S, denominator: S, percent: S },
];

describe('ranked bar option', () => {
  it('draws the highest at the top with the reference line', () => {
    const option = buildRankedBarOption(items, { label: 'National rate', percent: 60 }) as any;
    expect(option.yAxis.data).toEqual(['Trust D', 'Trust B', 'Trust C', 'Trust A']);
    expect(option.series[0].data).toEqual([null, 30, 55, 90]);
    expect(option.series[0].markLine.data).toEqual([{ xAxis: 60 }]);
  });
  it('names a single item once, in the singular', () => {
    expect(summariseRanked([items[0]], 'trusts')).toBe('1 trust: Trust A at 90.0%.');
  });
  it('summarises the range and how many meet the reference', () => {
    expect(summariseRanked(items, 'trusts', { label: 'National rate', percent: 60 })).toBe(
      '3 trusts. Highest: Trust A at 90.0%. Lowest: Trust B at 30.0%. 1 of 3 at or above the national rate of 60.0%. 1 suppressed.',
    );
  });
});

describe('funnel plot', () => {
  it('computes binomial control limits around the national rate', () => {
    const l = funnelLimit(50, 100, Z95);
    expect(l.upper).toBeCloseTo(59.8, 1);
    expect(l.lower).toBeCloseTo(40.2, 1);
    expect(funnelLimit(50, 100, Z998).upper).toBeCloseTo(65.45, 1);
  });
  it('narrows as organisations get larger', () => {
    const curve = funnelCurve(60, 5000, Z95);
    const widths = curve.map((p) => p.upper - p.lower);
    expect(widths[0]).toBeGreaterThan(widths[widths.length - 1]);
    expect(curve[curve.length - 1].n).toBeGreaterThanOrEqual(5000);
  });
  it('places organisations above, within or below the 99.8% limits', () => {
    expect(funnelPosition(60, 900, 1000)).toBe('above');
    expect(funnelPosition(60, 300, 1000)).toBe('below');
    expect(funnelPosition(60, 55, 100)).toBe('within');
    expect(summariseFunnel(items, 60)).toBe(
      'Against the national rate of 60.0%: 1 above the 99.8% limit, 1 within expected variation, 1 below the 99.8% limit.',
    );
  });
  it('plots each organisation by size against coverage, leaving out suppressed ones', () => {
    const option = buildFunnelOption(items, 60) as any;
    expect(option.series[0].data).toEqual([
      [1000, 90],
      [1000, 30],
      [100, 55],
    ]);
    expect(option.series.map((s: any) => s.name)).toEqual([
      'Organisations',
      '95% limits',
      '95% limits',
      '99.8% limits',
      '99.8% limits',
      'National rate',
    ]);
    expect(option.tooltip.formatter({ seriesName: 'Organisations', dataIndex: 1 })).toContain(
      'Below the 99.8% limit',
    );
  });
});
