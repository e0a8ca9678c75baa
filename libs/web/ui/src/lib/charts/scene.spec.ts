import { buildFunnelOption, buildHeatmapOption, buildRankedBarOption, buildTrendOption } from './options';
import { layoutScene, niceTicks, type Shape } from './scene';
import type { HeatmapCell, RankedItem, TrendSeries } from './types';

const S = { value: null, suppressed: true, rounded: false };
const measure = (text: string) => text.length * 7;
const texts = (shapes: Shape[]) => shapes.flatMap((s) => (s.kind === 'text' ? [s.text] : []));
const of = <K extends Shape['kind']>(shapes: Shape[], kind: K) =>
  shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);

const items: RankedItem[] = [
  { key: 'A', label: 'Trust A', numerator: 900, denominator: 1000, percent: 90 },
  { key: 'B', label: 'Trust B', numerator: 300, denominator: 1000, percent: 30 },
  { key: 'D', label: 'Trust D', numerator: S, denominator: S, percent: S },
];

describe('value axis steps', () => {
  it('picks round steps as echarts does', () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 1040)).toEqual([0, 200, 400, 600, 800, 1000, 1200]);
    expect(niceTicks(0, 5700)).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000]);
  });
});

describe('a ranked bar chart drawn without echarts', () => {
  const shapes = layoutScene(
    buildRankedBarOption(items, { label: 'Target', percent: 60 }),
    600,
    300,
    measure,
  );
  const bars = of(shapes, 'rect');
  it('draws one bar per visible figure, its length in proportion, with its value written beside it', () => {
    expect(bars).toHaveLength(2);
    const [b, a] = bars; // bottom to top: echarts' category order, highest at the top
    expect(a.w / b.w).toBeCloseTo(3, 5);
    expect(texts(shapes)).toEqual(
      expect.arrayContaining(['90.0%', '30.0%', 'Trust A', 'Trust D', 'Target 60.0%']),
    );
    expect(a.y).toBeLessThan(b.y);
  });
  it('gives each bar the tooltip text of the echarts chart, as plain text', () => {
    expect(bars[1].title).toBe('Trust A, 900 of 1,000 (90.0%)');
    expect(bars[1].item).toMatchObject({ dataIndex: 2, seriesIndex: 0, value: 90 });
  });
});

describe('a trend drawn without echarts', () => {
  const series: TrendSeries[] = ['Foundation coverage', 'Fully trained'].map((name, k) => ({
    name,
    points: ['2026-07-31', '2026-08-31', '2026-09-30'].map((asAt, i) => ({
      asAt,
      numerator: 10,
      denominator: 100,
      percent: k === 1 && i === 1 ? S : 40 + 10 * i,
    })),
  }));
  const shapes = layoutScene(buildTrendOption(series, 90), 600, 300, measure);
  it('draws each series as a line, broken where a figure is suppressed, with a marker per figure', () => {
    const lines = of(shapes, 'path').filter((p) => p.stroke === '#005eb8' || p.stroke === '#330072');
    const drawn = lines.filter((p) => p.d.startsWith('M') && p.d.length > 20);
    expect(drawn.map((p) => (p.d.match(/M/g) ?? []).length)).toEqual([1, 2]);
    expect(of(shapes, 'mark').filter((m) => m.title)).toHaveLength(5);
  });
  it('writes the axis, the target and the legend', () => {
    expect(texts(shapes)).toEqual(
      expect.arrayContaining([
        '0%',
        '100%',
        'Jul 2026',
        'Target 90%',
        'Foundation coverage',
        'Fully trained',
      ]),
    );
    expect(of(shapes, 'mark').find((m) => m.title)?.title).toBe('Foundation coverage, Jul 2026: 40.0%');
  });
});

describe('a heatmap drawn without echarts', () => {
  const cells: HeatmapCell[] = [
    { row: 'Emergency care', column: 'Nursing', numerator: 45, denominator: 60, percent: 75 },
    { row: 'Mental health', column: 'Nursing', numerator: S, denominator: 10, percent: S },
  ];
  const shapes = layoutScene(buildHeatmapOption(cells), 600, 300, measure);
  it('colours each cell by its value, writes its percentage on it and leaves suppressed cells blank with *', () => {
    const withTitles = of(shapes, 'rect').filter((r) => r.title);
    expect(withTitles.map((r) => r.fill)).toEqual([expect.stringMatching(/^rgb\(/), '#fff']);
    expect(texts(shapes)).toEqual(expect.arrayContaining(['75.0%', '*', '0%', '100%']));
    expect(withTitles[0].title).toBe('Emergency care, Nursing, 45 of 60 (75.0%)');
  });
});

describe('a funnel plot drawn without echarts', () => {
  it('places a dot per organisation, with the limits and the legend', () => {
    const shapes = layoutScene(buildFunnelOption(items, 60), 600, 300, measure);
    const dots = of(shapes, 'mark').filter((m) => m.title);
    expect(dots).toHaveLength(2);
    expect(dots[0].title).toContain('Trust A');
    expect(texts(shapes)).toEqual(expect.arrayContaining(['95% limits', '99.8% limits', 'People in scope']));
  });
});
