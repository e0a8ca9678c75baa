// Pure echarts option builders: data in, option object out, no DOM, so they are unit-tested directly.
import { figureValue, formatCount, formatFraction, formatMonth, formatPercent, type Figure } from '../format';
import { funnelCurve, funnelPosition, Z95, Z998 } from './funnel';
import { NHS_BLUE, NHS_DARK_BLUE, NHS_DARK_GREY, NHS_GREY, NHS_PALE_BLUE, SERIES_COLOURS } from './palette';
import type { ChartOption, HeatmapCell, RankedItem, TrendSeries } from './types';

const FONT = { fontFamily: 'Frutiger W01, Arial, sans-serif', color: NHS_DARK_GREY };
const unique = (values: string[]) => [...new Set(values)];

const pct = (f: { percent: Figure }) => figureValue(f.percent);

type TooltipParam = { dataIndex: number; seriesIndex?: number; seriesName?: string; data?: unknown };

/** Clinical area (rows) × staff group (columns); each cell shows its percentage as text too. */
export function buildHeatmapOption(cells: HeatmapCell[]): ChartOption {
  const columns = unique(cells.map((c) => c.column));
  const rows = unique(cells.map((c) => c.row));
  const data = cells.map((c) => ({
    value: [columns.indexOf(c.column), rows.indexOf(c.row), pct(c) ?? '-'] as [
      number,
      number,
      number | string,
    ],
    label: {
      show: true,
      formatter: formatPercent(c.percent),
      color: (pct(c) ?? 0) >= 40 ? '#fff' : NHS_DARK_GREY,
    },
  }));
  return {
    aria: { enabled: true },
    textStyle: FONT,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const cell = cells[(p as TooltipParam).dataIndex];
        return `${cell.row}<br/>${cell.column}<br/><strong>${formatFraction(cell.numerator, cell.denominator, cell.percent)}</strong>`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 80, containLabel: true },
    xAxis: {
      type: 'category',
      data: columns,
      axisLabel: { interval: 0, rotate: 30 },
      splitArea: { show: true },
    },
    yAxis: { type: 'category', data: rows, axisLabel: { interval: 0 }, splitArea: { show: true } },
    visualMap: {
      type: 'continuous',
      min: 0,
      max: 100,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: ['100%', '0%'],
      inRange: { color: [NHS_PALE_BLUE, NHS_BLUE, NHS_DARK_BLUE] },
    },
    series: [
      {
        type: 'heatmap',
        name: 'Coverage',
        data,
        emphasis: { itemStyle: { borderColor: '#000', borderWidth: 2 } },
      },
    ],
  };
}

/** Coverage over the monthly snapshots, one line per series, with the target as a dashed line. */
export function buildTrendOption(series: TrendSeries[], target?: number): ChartOption {
  const dates = unique(series.flatMap((s) => s.points.map((p) => p.asAt))).sort();
  return {
    aria: { enabled: true },
    textStyle: FONT,
    color: SERIES_COLOURS,
    legend: { show: series.length > 1, bottom: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => formatPercent(typeof v === 'number' ? v : null),
    },
    grid: { left: 8, right: 24, top: 24, bottom: series.length > 1 ? 40 : 16, containLabel: true },
    xAxis: { type: 'category', data: dates.map(formatMonth), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: series.map((s, i) => ({
      type: 'line' as const,
      name: s.name,
      symbol: ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'][i % 6],
      symbolSize: 7,
      data: dates.map((d) => figureValue(s.points.find((p) => p.asAt === d)?.percent)),
      connectNulls: false,
      markLine:
        i === 0 && target !== undefined
          ? {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: NHS_GREY },
              label: { formatter: `Target ${target}%`, position: 'insideEndTop' },
              data: [{ yAxis: target }],
            }
          : undefined,
    })),
  };
}

/** Horizontal bars, highest first, with a reference line (the national rate or the target). */
export function buildRankedBarOption(
  items: RankedItem[],
  reference?: { label: string; percent: number },
): ChartOption {
  const ranked = [...items].sort((a, b) => (pct(b) ?? -1) - (pct(a) ?? -1));
  // echarts draws the first category at the bottom; reverse so the highest is at the top.
  const shown = [...ranked].reverse();
  return {
    aria: { enabled: true },
    textStyle: FONT,
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const item = shown[(p as TooltipParam).dataIndex];
        return `${item.label}<br/><strong>${formatFraction(item.numerator, item.denominator, item.percent)}</strong>`;
      },
    },
    grid: { left: 8, right: 56, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: {
      type: 'category',
      data: shown.map((i) => i.label),
      axisLabel: { width: 260, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: 'Coverage',
        barMaxWidth: 28,
        itemStyle: { color: NHS_BLUE },
        label: {
          show: true,
          position: 'right',
          formatter: (p: unknown) => formatPercent(shown[(p as TooltipParam).dataIndex].percent),
        },
        data: shown.map((i) => pct(i)),
        markLine: reference
          ? {
              symbol: 'none',
              lineStyle: { type: 'dashed', color: NHS_DARK_GREY },
              label: { formatter: `${reference.label} ${formatPercent(reference.percent)}`, position: 'end' },
              data: [{ xAxis: reference.percent }],
            }
          : undefined,
      },
    ],
  };
}

/** Funnel plot: each organisation's coverage against its size, with 95% and 99.8% limits around the national rate. */
export function buildFunnelOption(items: RankedItem[], nationalPercent: number): ChartOption {
  const points = plottable(items);
  const maxN = Math.max(10, ...points.map((p) => p.denominator)) * 1.05;
  const limits = (z: number) => funnelCurve(nationalPercent, maxN, z);
  const line = (name: string, data: [number, number][], dashed: boolean) => ({
    type: 'line' as const,
    name,
    data,
    showSymbol: false,
    silent: true,
    lineStyle: { type: dashed ? ('dashed' as const) : ('solid' as const), color: NHS_GREY, width: 1 },
    itemStyle: { color: NHS_GREY },
  });
  return {
    aria: { enabled: true },
    textStyle: FONT,
    legend: { top: 0, data: ['Organisations', '95% limits', '99.8% limits', 'National rate'] },
    tooltip: {
      trigger: 'item',
      formatter: (p: unknown) => {
        const param = p as TooltipParam;
        if (param.seriesName !== 'Organisations') return param.seriesName ?? '';
        const item = points[param.dataIndex];
        return `${item.label}<br/><strong>${formatFraction(item.numerator, item.denominator, item.percent)}</strong><br/>${positionText(funnelPosition(nationalPercent, item.numerator, item.denominator))}`;
      },
    },
    grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'value', name: 'People in scope', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'scatter',
        name: 'Organisations',
        symbolSize: 9,
        itemStyle: { color: NHS_BLUE, borderColor: NHS_DARK_BLUE },
        data: points.map((p) => [p.denominator, Math.round((p.numerator / p.denominator) * 10000) / 100]),
      },
      line(
        '95% limits',
        limits(Z95).map((l) => [l.n, l.upper]),
        true,
      ),
      {
        ...line(
          '95% limits',
          limits(Z95).map((l) => [l.n, l.lower]),
          true,
        ),
      },
      line(
        '99.8% limits',
        limits(Z998).map((l) => [l.n, l.upper]),
        false,
      ),
      {
        ...line(
          '99.8% limits',
          limits(Z998).map((l) => [l.n, l.lower]),
          false,
        ),
      },
      {
        ...line(
          'National rate',
          [
            [0, nationalPercent],
            [maxN, nationalPercent],
          ],
          false,
        ),
        lineStyle: { color: NHS_DARK_GREY, width: 2, type: 'solid' as const },
      },
    ],
  };
}

/** Organisations with both counts visible and someone in scope: the only ones a funnel can place. */
function plottable(items: RankedItem[]) {
  return items.flatMap((i) => {
    const numerator = figureValue(i.numerator);
    const denominator = figureValue(i.denominator);
    return numerator !== null && denominator !== null && denominator > 0
      ? [{ ...i, numerator, denominator }]
      : [];
  });
}

function positionText(position: 'above' | 'within' | 'below'): string {
  return position === 'within'
    ? 'Within expected variation'
    : position === 'above'
      ? 'Above the 99.8% limit (higher than expected)'
      : 'Below the 99.8% limit (lower than expected)';
}

// ---- Text summaries: every chart is accompanied by one (and a table) for people who cannot see it.

export function summariseTrend(series: TrendSeries[], target?: number): string {
  const parts = series.map((s) => {
    const pts = s.points.flatMap((p) =>
      pct(p) === null ? [] : [{ asAt: p.asAt, percent: pct(p) as number }],
    );
    if (pts.length === 0) return `${s.name}: no figures to show.`;
    const first = pts[0];
    const last = pts[pts.length - 1];
    if (pts.length === 1) return `${s.name}: ${formatPercent(last.percent)} at ${formatMonth(last.asAt)}.`;
    const change = last.percent - first.percent;
    const direction = Math.abs(change) < 0.05 ? 'unchanged' : change > 0 ? 'up' : 'down';
    return `${s.name}: ${formatPercent(last.percent)} at ${formatMonth(last.asAt)}, ${direction}${direction === 'unchanged' ? '' : ` ${formatPercent(Math.abs(change)).replace('%', ' points')}`} since ${formatMonth(first.asAt)}.`;
  });
  return parts.join(' ') + (target !== undefined ? ` The target is ${target}%.` : '');
}

/** "1 trust" / "3 trusts" (nouns are given in the plural). */
function countOf(n: number, plural: string): string {
  return `${formatCount(n)} ${n === 1 ? plural.replace(/s$/, '') : plural}`;
}

export function summariseRanked(
  items: RankedItem[],
  noun: string,
  reference?: { label: string; percent: number },
): string {
  const ranked = items
    .flatMap((i) => (pct(i) === null ? [] : [{ ...i, percent: pct(i) as number }]))
    .sort((a, b) => b.percent - a.percent);
  if (ranked.length === 0) return `No ${noun} have figures to compare.`;
  const top = ranked[0];
  const bottom = ranked[ranked.length - 1];
  let text =
    ranked.length === 1
      ? `${countOf(1, noun)}: ${top.label} at ${formatPercent(top.percent)}.`
      : `${countOf(ranked.length, noun)}. Highest: ${top.label} at ${formatPercent(top.percent)}. Lowest: ${bottom.label} at ${formatPercent(bottom.percent)}.`;
  if (reference) {
    const above = ranked.filter((i) => i.percent >= reference.percent).length;
    text += ` ${formatCount(above)} of ${formatCount(ranked.length)} at or above the ${reference.label.toLowerCase()} of ${formatPercent(reference.percent)}.`;
  }
  const suppressed = items.length - ranked.length;
  if (suppressed > 0) text += ` ${formatCount(suppressed)} suppressed.`;
  return text;
}

export function summariseHeatmap(cells: HeatmapCell[], rowNoun = 'clinical area'): string {
  const shown = cells.flatMap((c) => (pct(c) === null ? [] : [{ ...c, percent: pct(c) as number }]));
  if (shown.length === 0) return 'No cells have figures to show.';
  const sorted = [...shown].sort((a, b) => b.percent - a.percent);
  const hi = sorted[0];
  const lo = sorted[sorted.length - 1];
  return `${formatCount(cells.length)} combinations of ${rowNoun} and staff group. Highest: ${hi.row}, ${hi.column} at ${formatPercent(hi.percent)}. Lowest: ${lo.row}, ${lo.column} at ${formatPercent(lo.percent)}.${cells.length > shown.length ? ` ${formatCount(cells.length - shown.length)} suppressed.` : ''}`;
}

export function summariseFunnel(items: RankedItem[], nationalPercent: number): string {
  const counts = { above: 0, within: 0, below: 0 };
  for (const i of plottable(items)) counts[funnelPosition(nationalPercent, i.numerator, i.denominator)]++;
  return `Against the national rate of ${formatPercent(nationalPercent)}: ${counts.above} above the 99.8% limit, ${counts.within} within expected variation, ${counts.below} below the 99.8% limit.`;
}
