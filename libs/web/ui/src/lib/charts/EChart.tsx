// echarts, registered per chart type from `echarts/core` so the bundle carries only what we draw.
// Loaded lazily, when a pointer first reaches a chart (see ChartFigure): no page pays for echarts to show its charts.
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
import { chartFrameProps } from './chart-frame';

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
const registeredParts = new Set<string>();
/** Grows whenever a part is registered; an instance created before that does not know the part. */
let partsVersion = 0;

/** Registers the chart types `option` uses beyond the base set; null when nothing more is needed. */
function extraParts(option: ChartOption): Promise<unknown> | null {
  const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
  const loads = [...new Set(series.map((s) => String(s.type)))]
    .filter((t) => t in EXTRA_PARTS && !registeredParts.has(t))
    .map((t) =>
      EXTRA_PARTS[t]().then(() => {
        registeredParts.add(t);
        partsVersion++;
      }),
    );
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
  const chart = useRef<{ instance: echarts.ECharts; partsVersion: number } | null>(null);
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  // echarts copies the registered layouts and visuals into an instance when it is created, so a chart
  // type registered afterwards (the funnel plot's scatter) would draw nothing on an older instance:
  // such an instance is replaced before drawing.
  const instanceFor = (el: HTMLDivElement): echarts.ECharts => {
    if (chart.current?.partsVersion === partsVersion) return chart.current.instance;
    chart.current?.instance.dispose();
    const instance = echarts.init(el, undefined, { renderer: 'svg' });
    instance.on('click', (p) =>
      clickHandler.current?.({ dataIndex: p.dataIndex, seriesIndex: p.seriesIndex ?? 0, value: p.value }),
    );
    // Marks the first drawn frame, for scripts/measure-first-load.ts (time to the first chart).
    instance.on('rendered', () => el.setAttribute('data-rendered', 'true'));
    chart.current = { instance, partsVersion };
    return instance;
  };

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => chart.current?.instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.current?.instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const draw = () => ref.current && instanceFor(ref.current).setOption(option, { notMerge: true });
    const loading = extraParts(option);
    if (!loading) return void draw();
    let current = true;
    void loading.then(() => current && draw());
    return () => {
      current = false;
    };
  }, [option]);

  return <div ref={ref} {...chartFrameProps(label, height, 'echarts')} />;
}
