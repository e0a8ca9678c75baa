// echarts, registered per chart type from `echarts/core` so the bundle carries only what we draw.
// Loaded lazily (see ChartFigure), so no page pays for echarts before it shows a chart.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from './types';

// What most pages draw (bars and trend lines). The heatmap (with its colour scale) and the scatter of the
// funnel plot are registered when an option first needs them, so a page without them does not load them.
echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  MarkLineComponent,
  TooltipComponent,
  SVGRenderer,
]);

const EXTRA_PARTS: Record<string, () => Promise<unknown>> = {
  heatmap: () => import('./parts/heatmap'),
  scatter: () => import('./parts/scatter'),
};

/** Registers the chart types `option` uses beyond the base set; null when nothing more is needed. */
function extraParts(option: ChartOption): Promise<unknown> | null {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const loads = [...new Set(series.map((s) => String(s.type)))]
    .filter((t) => t in EXTRA_PARTS)
    .map((t) => EXTRA_PARTS[t]());
  return loads.length ? Promise.all(loads) : null;
}

export interface EChartProps {
  option: ChartOption;
  height: number;
  label: string;
  onItemClick?: (item: { dataIndex: number; seriesIndex: number; value: unknown }) => void;
}

export default function EChart({ option, height, label, onItemClick }: EChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    instance.on('click', (p) =>
      clickHandler.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0, value: p.value }),
    );
    // Marks the first drawn frame, for scripts/measure-first-load.ts (time to the first chart).
    instance.on('rendered', () => ref.current?.setAttribute('data-rendered', 'true'));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const draw = () => chart.current?.setOption(option, { notMerge: true });
    const loading = extraParts(option);
    if (!loading) return void draw();
    let current = true;
    void loading.then(() => current && draw());
    return () => {
      current = false;
    };
  }, [option]);

  return (
    <div ref={ref} style={{ width: '100%', height }} role="img" aria-label={label} className="aiwr-chart" />
  );
}
