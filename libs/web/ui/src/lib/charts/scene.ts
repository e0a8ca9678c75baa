// Lays out the dashboard's chart options (options.ts, the planning charts) as plain shapes, so a chart can be
// drawn as SVG by React the moment its data arrives, without echarts (~164 KB brotli) on the page. It reads
// only the parts of the option those builders use: one grid, one category or value axis each way, bar, line,
// scatter and heatmap series, mark lines, a plain legend and a continuous colour scale. Pure: unit-tested.
import type { ChartOption } from './types';

export type Measure = (text: string) => number;
export interface ItemRef {
  dataIndex: number;
  seriesIndex: number;
  value: unknown;
}
export type Shape =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; title?: string; item?: ItemRef }
  | { kind: 'path'; d: string; stroke: string; width: number; dashed: boolean }
  | {
      kind: 'mark';
      symbol: string;
      x: number;
      y: number;
      size: number;
      fill: string;
      title?: string;
      item?: ItemRef;
    }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      anchor: 'start' | 'middle' | 'end';
      fill?: string;
      rotate?: number;
      baseline?: 'middle' | 'auto' | 'hanging';
    };

const FONT_SIZE = 12;
const AXIS = '#6e7079';
const SPLIT = '#e0e6f1';
// echarts' default palette, for series that set no colour of their own.
const DEFAULT_COLOURS = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452'];

type AnyRecord = Record<string, any>;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const stripHtml = (html: string) =>
  html
    .replace(/<br\s*\/?>/gi, ', ')
    .replace(/<[^>]+>/g, '')
    .trim();

/** Round steps as echarts picks them (about five intervals) from min up to or past max. */
export function niceTicks(min: number, max: number): number[] {
  const span = max - min || 1;
  const raw = span / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  // echarts' rounding of an interval: the nearest of 1, 2, 3, 5 and 10 times a power of ten.
  const f = raw / power;
  const step = (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * power;
  const ticks: number[] = [];
  // From the step at or below min up to the first step at or above max.
  for (let v = Math.floor(min / step) * step; ; v += step) {
    ticks.push(Math.round(v * 1e6) / 1e6);
    if (v >= max - step * 1e-9) break;
  }
  return ticks;
}

function formatWith(formatter: unknown, value: unknown, params: AnyRecord = {}): string {
  if (typeof formatter === 'function') return String(formatter({ ...params, value }));
  if (typeof formatter === 'string')
    return formatter.replace('{value}', String(value)).replace('{c}', String(value));
  // Numbers as echarts writes them on an axis, with thousands separators.
  return typeof value === 'number' ? value.toLocaleString('en-GB') : String(value);
}

function interpolate(colours: string[], t: number): string {
  const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const at = Math.min(Math.max(t, 0), 1) * (colours.length - 1);
  const i = Math.min(Math.floor(at), colours.length - 2);
  const [a, b] = [rgb(colours[i]), rgb(colours[i + 1])];
  const mix = a.map((c, k) => Math.round(c + (b[k] - c) * (at - i)));
  return `rgb(${mix.join(',')})`;
}

interface Axis {
  category: boolean;
  labels: string[];
  ticks: number[];
  min: number;
  max: number;
  axis: AnyRecord;
}

function axisOf(axis: AnyRecord, values: number[]): Axis {
  if (axis.type === 'category') {
    const labels = (axis.data ?? []) as string[];
    return { category: true, labels, ticks: [], min: 0, max: labels.length, axis };
  }
  const lo = axis.min ?? Math.min(0, ...values);
  const hi = axis.max ?? Math.max(lo + 1, ...values);
  const ticks = axis.max === undefined ? niceTicks(lo, hi) : niceTicks(lo, hi).filter((t) => t <= hi);
  return {
    category: false,
    labels: ticks.map((t) => formatWith(axis.axisLabel?.formatter, t)),
    ticks,
    min: lo,
    max: ticks[ticks.length - 1],
    axis,
  };
}

/** The value of a series data item: a number, null, { value }, or [x, y] / [x, y, v]. */
function valueOf(item: unknown): unknown {
  return item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as AnyRecord).value : item;
}

/** The shapes of `option` drawn in a width × height box; text widths come from `measure`. */
export function layoutScene(option: ChartOption, width: number, height: number, measure: Measure): Shape[] {
  const o = option as AnyRecord;
  const series = list<AnyRecord>(o.series);
  const palette: string[] = o.color ?? DEFAULT_COLOURS;
  const colourOf = (s: AnyRecord, i: number): string =>
    s.itemStyle?.color ?? s.lineStyle?.color ?? palette[i % palette.length];
  const xSpec: AnyRecord = list<AnyRecord>(o.xAxis)[0] ?? { type: 'value' };
  const ySpec: AnyRecord = list<AnyRecord>(o.yAxis)[0] ?? { type: 'value' };
  const pairs = (s: AnyRecord) => (s.data ?? []).map(valueOf).filter(Array.isArray) as number[][];
  const numbers = (s: AnyRecord) => (s.data ?? []).map(valueOf).filter((v: unknown) => typeof v === 'number');
  const xValues = series.flatMap((s) =>
    xSpec.type === 'category'
      ? []
      : [...pairs(s).map((p) => p[0]), ...(ySpec.type === 'category' ? numbers(s) : [])],
  );
  const yValues = series.flatMap((s) =>
    ySpec.type === 'category'
      ? []
      : [...pairs(s).map((p) => p[1]), ...(xSpec.type === 'category' ? numbers(s) : [])],
  );
  const x = axisOf(xSpec, xValues);
  const y = axisOf(ySpec, yValues);

  const grid: AnyRecord = o.grid ?? {};
  const shapes: Shape[] = [];
  const truncate = (label: string, max?: number) => {
    if (!max || measure(label) <= max) return label;
    let cut = label;
    while (cut.length > 1 && measure(`${cut}...`) > max) cut = cut.slice(0, -1);
    return `${cut}...`;
  };
  const yLabels = y.labels.map((l) => truncate(l, ySpec.axisLabel?.width));
  const rotate = xSpec.axisLabel?.rotate ?? 0;
  const xLabelHeight = rotate
    ? Math.max(0, ...x.labels.map(measure)) * Math.sin((rotate * Math.PI) / 180) + FONT_SIZE
    : FONT_SIZE + 8;
  const left = (grid.left ?? 40) + (grid.containLabel ? Math.max(0, ...yLabels.map(measure)) + 8 : 0);
  const right = width - (grid.right ?? 40);
  const top = grid.top ?? 40;
  const bottom = height - (grid.bottom ?? 40) - (grid.containLabel ? xLabelHeight : 0);
  if (right <= left || bottom <= top) return shapes;

  const xAt = (v: number) => left + ((v - x.min) / (x.max - x.min || 1)) * (right - left);
  const yAt = (v: number) => bottom - ((v - y.min) / (y.max - y.min || 1)) * (bottom - top);
  // A category's centre: bands, or points on the edges when boundaryGap is false (line charts).
  const band = (a: Axis, start: number, end: number, i: number) => {
    const n = a.labels.length || 1;
    if (a.axis.boundaryGap === false)
      return n === 1 ? (start + end) / 2 : start + (i * (end - start)) / (n - 1);
    return start + ((i + 0.5) * (end - start)) / n;
  };
  const xPos = (v: number, i: number) => (x.category ? band(x, left, right, i) : xAt(v));
  const yPos = (v: number, i: number) => (y.category ? band(y, bottom, top, i) : yAt(v));

  // Split lines and axis labels.
  if (!y.category)
    y.ticks.forEach((t, i) => {
      shapes.push({ kind: 'path', d: `M${left},${yAt(t)}H${right}`, stroke: SPLIT, width: 1, dashed: false });
      shapes.push({
        kind: 'text',
        x: left - 8,
        y: yAt(t),
        text: yLabels[i],
        anchor: 'end',
        baseline: 'middle',
      });
    });
  else
    yLabels.forEach((l, i) =>
      shapes.push({ kind: 'text', x: left - 8, y: yPos(0, i), text: l, anchor: 'end', baseline: 'middle' }),
    );
  if (!x.category)
    x.ticks.forEach((t, i) => {
      shapes.push({ kind: 'path', d: `M${xAt(t)},${top}V${bottom}`, stroke: SPLIT, width: 1, dashed: false });
      shapes.push({
        kind: 'text',
        x: xAt(t),
        y: bottom + 8,
        text: x.labels[i],
        anchor: 'middle',
        baseline: 'hanging',
      });
    });
  else {
    // Like echarts, every k-th category label when they would overlap (interval 0 shows them all).
    const spacing = (right - left) / Math.max(1, x.labels.length - (xSpec.boundaryGap === false ? 1 : 0));
    const every =
      xSpec.axisLabel?.interval === 0 || rotate
        ? 1
        : Math.max(1, Math.ceil((Math.max(0, ...x.labels.map(measure)) + 8) / spacing));
    x.labels.forEach((l, i) =>
      i % every !== 0
        ? undefined
        : shapes.push(
            rotate
              ? {
                  kind: 'text',
                  x: xPos(0, i),
                  y: bottom + 8,
                  text: l,
                  anchor: 'end',
                  rotate: -rotate,
                  baseline: 'hanging',
                }
              : {
                  kind: 'text',
                  x: xPos(0, i),
                  y: bottom + 8,
                  text: l,
                  anchor: 'middle',
                  baseline: 'hanging',
                },
          ),
    );
  }
  if (x.category && y.category && ySpec.splitArea?.show)
    y.labels.forEach((_, i) => {
      const h = (bottom - top) / y.labels.length;
      if (i % 2 === 0)
        shapes.push({ kind: 'rect', x: left, y: bottom - (i + 1) * h, w: right - left, h, fill: '#f6f8fa' });
    });
  if (xSpec.name)
    shapes.push({
      kind: 'text',
      x: (left + right) / 2,
      y: bottom + (xSpec.nameGap ?? 15),
      text: xSpec.name,
      anchor: 'middle',
      baseline: 'hanging',
    });
  const axisLine = y.category ? `M${left},${top}V${bottom}` : `M${left},${bottom}H${right}`;
  shapes.push({ kind: 'path', d: axisLine, stroke: AXIS, width: 1, dashed: false });

  const tooltip: AnyRecord = o.tooltip ?? {};
  const titleOf = (params: AnyRecord, fallback: string) =>
    tooltip.trigger === 'item' && typeof tooltip.formatter === 'function'
      ? stripHtml(String(tooltip.formatter(params)))
      : fallback;
  const valueText = (v: unknown) =>
    typeof tooltip.valueFormatter === 'function' ? String(tooltip.valueFormatter(v)) : String(v);

  series.forEach((s, seriesIndex) => {
    const colour = colourOf(s, seriesIndex);
    const data: unknown[] = s.data ?? [];
    const params = (dataIndex: number) => ({
      dataIndex,
      seriesIndex,
      seriesName: s.name,
      value: valueOf(data[dataIndex]),
      data: data[dataIndex],
    });
    if (s.type === 'heatmap') {
      const visual: AnyRecord = list<AnyRecord>(o.visualMap)[0] ?? {};
      const colours: string[] = visual.inRange?.color ?? ['#e8f1f8', '#003087'];
      const w = (right - left) / (x.labels.length || 1);
      const h = (bottom - top) / (y.labels.length || 1);
      data.forEach((item, dataIndex) => {
        const [cx, cy, v] = valueOf(item) as [number, number, number | string];
        const label: AnyRecord = (item as AnyRecord)?.label ?? {};
        const text = formatWith(label.formatter ?? s.label?.formatter, v, params(dataIndex));
        const fill =
          typeof v === 'number'
            ? interpolate(colours, (v - (visual.min ?? 0)) / ((visual.max ?? 100) - (visual.min ?? 0)))
            : '#fff';
        const [rx, ry] = [left + cx * w, bottom - (cy + 1) * h];
        const title = titleOf(params(dataIndex), `${y.labels[cy]}, ${x.labels[cx]}: ${text}`);
        shapes.push({ kind: 'rect', x: rx, y: ry, w, h, fill, title, item: params(dataIndex) });
        shapes.push({
          kind: 'text',
          x: rx + w / 2,
          y: ry + h / 2,
          text,
          anchor: 'middle',
          baseline: 'middle',
          fill: label.color,
        });
      });
    } else if (s.type === 'bar') {
      const horizontal = y.category;
      const slot = horizontal
        ? (bottom - top) / (y.labels.length || 1)
        : (right - left) / (x.labels.length || 1);
      const thick = Math.min(s.barMaxWidth ?? Infinity, slot * 0.6);
      data.forEach((item, dataIndex) => {
        const v = valueOf(item);
        if (typeof v !== 'number') return;
        const text = s.label?.show ? formatWith(s.label.formatter, v, params(dataIndex)) : '';
        const title = titleOf(params(dataIndex), `${(horizontal ? y : x).labels[dataIndex]}: ${text || v}`);
        if (horizontal) {
          const cy = yPos(0, dataIndex);
          shapes.push({
            kind: 'rect',
            x: left,
            y: cy - thick / 2,
            w: xAt(v) - left,
            h: thick,
            fill: colour,
            title,
            item: params(dataIndex),
          });
          if (text)
            shapes.push({ kind: 'text', x: xAt(v) + 5, y: cy, text, anchor: 'start', baseline: 'middle' });
        } else {
          const cx = xPos(0, dataIndex);
          shapes.push({
            kind: 'rect',
            x: cx - thick / 2,
            y: yAt(v),
            w: thick,
            h: bottom - yAt(v),
            fill: colour,
            title,
            item: params(dataIndex),
          });
          if (text) shapes.push({ kind: 'text', x: cx, y: yAt(v) - 5, text, anchor: 'middle' });
        }
      });
    } else if (s.type === 'line' || s.type === 'scatter') {
      const points = data.map((item, i) => {
        const v = valueOf(item);
        if (Array.isArray(v))
          return typeof v[1] === 'number' ? { x: xAt(v[0]), y: yAt(v[1]), v: v[1], i } : null;
        return typeof v === 'number' ? { x: xPos(v, i), y: yPos(v, i), v, i } : null;
      });
      if (s.type === 'line') {
        // A gap where a value is missing (connectNulls is off in every chart here).
        let d = '';
        let pen = false;
        for (const p of points) {
          if (!p) pen = false;
          else {
            d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`;
            pen = true;
          }
        }
        if (d)
          shapes.push({
            kind: 'path',
            d,
            stroke: s.lineStyle?.color ?? colour,
            width: s.lineStyle?.width ?? 2,
            dashed: s.lineStyle?.type === 'dashed',
          });
      }
      const showSymbols = s.type === 'scatter' || (s.symbol !== 'none' && s.showSymbol !== false);
      if (showSymbols)
        points.forEach((p) => {
          if (!p) return;
          const item = data[p.i] as AnyRecord;
          const fill = item?.itemStyle?.color ?? s.itemStyle?.color ?? colour;
          const category = x.category ? `${x.labels[p.i]}: ` : '';
          const title = titleOf(params(p.i), `${s.name}, ${category}${valueText(p.v)}`);
          shapes.push({
            kind: 'mark',
            symbol: s.type === 'scatter' ? 'circle' : (s.symbol ?? 'circle'),
            x: p.x,
            y: p.y,
            size: s.symbolSize ?? 4,
            fill,
            title,
            item: params(p.i),
          });
        });
    }
    for (const m of list<AnyRecord>(s.markLine?.data)) {
      const stroke = s.markLine.lineStyle?.color ?? AXIS;
      const dashed = (s.markLine.lineStyle?.type ?? 'dashed') === 'dashed';
      const text = formatWith(s.markLine.label?.formatter, m.yAxis ?? m.xAxis);
      if (m.yAxis !== undefined) {
        const ly = yAt(m.yAxis);
        shapes.push({ kind: 'path', d: `M${left},${ly}H${right}`, stroke, width: 1, dashed });
        shapes.push({ kind: 'text', x: right, y: ly - 4, text, anchor: 'end' });
      } else if (m.xAxis !== undefined) {
        const lx = xAt(m.xAxis);
        shapes.push({ kind: 'path', d: `M${lx},${bottom}V${top}`, stroke, width: 1, dashed });
        shapes.push({ kind: 'text', x: lx, y: top - 6, text, anchor: 'middle' });
      }
    }
  });

  const legend: AnyRecord | undefined = list<AnyRecord>(o.legend)[0];
  if (legend && legend.show !== false) {
    const names: string[] = legend.data ?? [...new Set(series.map((s) => s.name as string))];
    const widths = names.map((n) => 30 + measure(n) + 10);
    let lx = (width - widths.reduce((a, b) => a + b, 0)) / 2;
    const ly = legend.top !== undefined ? 12 : height - 12;
    names.forEach((name, i) => {
      const seriesIndex = series.findIndex((s) => s.name === name);
      const s = series[seriesIndex] ?? {};
      const colour = colourOf(s, seriesIndex);
      shapes.push({
        kind: 'path',
        d: `M${lx},${ly}h25`,
        stroke: colour,
        width: 2,
        dashed: s.lineStyle?.type === 'dashed',
      });
      if (s.type === 'scatter' || (s.symbol !== 'none' && s.showSymbol !== false && s.type !== 'bar'))
        shapes.push({
          kind: 'mark',
          symbol: s.type === 'scatter' ? 'circle' : (s.symbol ?? 'circle'),
          x: lx + 12.5,
          y: ly,
          size: 7,
          fill: colour,
        });
      shapes.push({ kind: 'text', x: lx + 30, y: ly, text: name, anchor: 'start', baseline: 'middle' });
      lx += widths[i];
    });
  }
  const visual: AnyRecord | undefined = list<AnyRecord>(o.visualMap)[0];
  if (visual?.inRange?.color) {
    // The colour scale, low to high, with its end labels (the heatmap's cells also carry their values).
    const w = 160;
    const vx = (width - w) / 2;
    const vy = height - 14;
    const steps = 16;
    for (let i = 0; i < steps; i++)
      shapes.push({
        kind: 'rect',
        x: vx + (i * w) / steps,
        y: vy - 6,
        w: w / steps + 0.5,
        h: 12,
        fill: interpolate(visual.inRange.color, i / (steps - 1)),
      });
    const [high, low] = visual.text ?? [String(visual.max ?? ''), String(visual.min ?? '')];
    shapes.push({ kind: 'text', x: vx - 6, y: vy, text: low, anchor: 'end', baseline: 'middle' });
    shapes.push({ kind: 'text', x: vx + w + 6, y: vy, text: high, anchor: 'start', baseline: 'middle' });
  }
  return shapes;
}
