// An XmR chart (NHS "Making Data Count"): the points, the mean, the process limits and the target, with
// special-cause points marked (orange when concerning, blue when improving; higher coverage is better).
import { formatMonth, type ChartOption } from '@aiwr/web-ui';
import type { CoverageSpcQuery } from '@aiwr/web-data-access';

export type Spc = CoverageSpcQuery['coverageSpc'];

const VARIATION: Record<string, string> = {
  COMMON_CAUSE: 'common cause variation only',
  IMPROVING_HIGH: 'special cause variation, improving (higher)',
  IMPROVING_LOW: 'special cause variation, improving (lower)',
  CONCERNING_HIGH: 'special cause variation, concerning (higher)',
  CONCERNING_LOW: 'special cause variation, concerning (lower)',
};
const ASSURANCE: Record<string, string> = {
  CONSISTENTLY_PASS: 'will consistently meet the target',
  CONSISTENTLY_FAIL: 'will consistently miss the target unless something changes',
  HIT_AND_MISS: 'will meet and miss the target at random',
};

export function xmrOption(spc: Spc): ChartOption {
  const flat = (name: string, value: number | null, colour: string, dashed: boolean) => ({
    type: 'line' as const,
    name,
    data: spc.points.map(() => (value === null ? null : Math.round(value * 10) / 10)),
    symbol: 'none',
    lineStyle: { color: colour, type: dashed ? ('dashed' as const) : ('solid' as const), width: 1 },
    itemStyle: { color: colour },
  });
  return {
    aria: { enabled: true },
    textStyle: { fontFamily: 'Arial, sans-serif', color: '#425563' },
    legend: { show: true, bottom: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 24, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: spc.points.map((p) => formatMonth(p.asAt)), boundaryGap: false },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        type: 'line',
        name: 'Coverage',
        data: spc.points.map((p) => ({
          value: p.value,
          itemStyle: {
            color: p.specialCauses.length === 0 ? '#768692' : p.high ? '#005eb8' : '#ed8b00',
          },
        })),
        symbolSize: 9,
        lineStyle: { color: '#768692' },
      },
      flat('Mean', spc.mean, '#212b32', false),
      flat('Upper process limit', spc.upperLimit, '#768692', true),
      flat('Lower process limit', spc.lowerLimit, '#768692', true),
      flat('Target', spc.targetPct, '#007f3b', true),
    ],
  };
}

export function xmrSummary(spc: Spc): string {
  if (spc.mean === null) return 'Too few snapshots for a process chart.';
  const special = spc.points.filter((p) => p.specialCauses.length > 0).length;
  return (
    `Mean ${spc.mean.toFixed(1)}%, process limits ${spc.lowerLimit!.toFixed(1)}% to ${spc.upperLimit!.toFixed(1)}%; ` +
    `${VARIATION[spc.variation ?? 'COMMON_CAUSE']}; ${special} point(s) with a special cause. ` +
    `Against the ${spc.targetPct}% target the process ${ASSURANCE[spc.assurance ?? 'HIT_AND_MISS']}.`
  );
}
