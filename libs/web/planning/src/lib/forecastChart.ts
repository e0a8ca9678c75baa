// The forecast chart of one module: coverage at the recent rate with its 95% band, coverage if the places
// needed are completed every month, and the target.
import { formatMonth, type ChartOption } from '@aiwr/web-ui';
import type { PlanningQuery } from '@aiwr/web-data-access';

export type PlanningRow = PlanningQuery['planning']['rows'][number];

const BLUE = '#005eb8';
const GREEN = '#007f3b';
const GREY = '#768692';

export function forecastOption(row: PlanningRow): ChartOption {
  const months = row.trajectory.map((p) => formatMonth(`${p.month}-01`));
  const line = (name: string, data: (number | null)[], colour: string, dashed = false) => ({
    type: 'line' as const,
    name,
    data,
    symbol: 'none',
    lineStyle: {
      color: colour,
      type: dashed ? ('dashed' as const) : ('solid' as const),
      width: dashed ? 1 : 2,
    },
    itemStyle: { color: colour },
  });
  return {
    aria: { enabled: true },
    textStyle: { fontFamily: 'Arial, sans-serif', color: '#425563' },
    legend: { show: true, bottom: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '–') },
    grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: months, boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        ...line(
          'At the recent rate',
          row.trajectory.map((p) => p.coveragePct),
          BLUE,
        ),
        markLine: {
          symbol: 'none',
          lineStyle: { type: 'dashed', color: GREY },
          label: { formatter: `Target ${row.targetPct}%`, position: 'insideEndTop' },
          data: [{ yAxis: row.targetPct }],
        },
      },
      line(
        'Low (95%)',
        row.trajectory.map((p) => p.lowPct),
        BLUE,
        true,
      ),
      line(
        'High (95%)',
        row.trajectory.map((p) => p.highPct),
        BLUE,
        true,
      ),
      line(
        'With the places needed',
        row.trajectory.map((p) => p.withPlacesPct),
        GREEN,
      ),
    ],
  };
}

export function forecastSummary(row: PlanningRow): string {
  const module = row.keys[row.keys.length - 1].label;
  if (row.needed.suppressed) return `${module}: too few people to show a forecast.`;
  const reach = row.projectedMonth
    ? `reaches the ${row.targetPct}% target in ${formatMonth(`${row.projectedMonth}-01`)} at the recent rate`
    : `does not reach the ${row.targetPct}% target at the recent rate`;
  const n = row.placesPerMonth.value;
  const places = row.placesPerMonth.suppressed ? '* places' : n === 1 ? '1 place' : `${n} places`;
  return `${module} ${reach}; ${places} a month ${n === 1 ? 'reaches' : 'reach'} it by the target date.`;
}
