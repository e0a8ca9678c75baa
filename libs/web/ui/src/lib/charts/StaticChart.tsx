// A chart drawn by React as SVG from the same option echarts draws (scene.ts), so the figure is complete,
// with its values written on it, as soon as the data is in; echarts replaces it when the user reaches for
// the chart (ChartFigure). Each bar, point and cell has a native tooltip (an SVG <title>) and is clickable.
import { useLayoutEffect, useRef, useState, type ReactElement } from 'react';
import type { ChartOption } from './types';
import { chartFrameProps } from './chart-frame';
import { layoutScene, type ItemRef, type Measure, type Shape } from './scene';

const FONT = '12px Arial, sans-serif';

let context: CanvasRenderingContext2D | null | undefined;
const measureText: Measure = (text) => {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 7;
  context.font = FONT;
  return context.measureText(text).width;
};

function symbolPath(symbol: string, x: number, y: number, size: number): string {
  const r = size / 2;
  switch (symbol) {
    case 'rect':
      return `M${x - r},${y - r}h${size}v${size}h${-size}Z`;
    case 'triangle':
      return `M${x},${y - r}L${x + r},${y + r}H${x - r}Z`;
    case 'diamond':
      return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`;
    default:
      return `M${x - r},${y}a${r},${r} 0 1,0 ${size},0a${r},${r} 0 1,0 ${-size},0`;
  }
}

function draw(shape: Shape, key: number, onItemClick?: (item: ItemRef) => void): ReactElement {
  const click = onItemClick && 'item' in shape && shape.item ? () => onItemClick(shape.item!) : undefined;
  const cursor = click ? 'pointer' : undefined;
  switch (shape.kind) {
    case 'rect':
      return (
        <rect
          key={key}
          x={shape.x}
          y={shape.y}
          width={Math.max(0, shape.w)}
          height={Math.max(0, shape.h)}
          fill={shape.fill}
          onClick={click}
          style={{ cursor }}
        >
          {shape.title && <title>{shape.title}</title>}
        </rect>
      );
    case 'mark':
      return (
        <path
          key={key}
          d={symbolPath(shape.symbol, shape.x, shape.y, shape.size)}
          fill={shape.fill}
          stroke="#fff"
          onClick={click}
          style={{ cursor }}
        >
          {shape.title && <title>{shape.title}</title>}
        </path>
      );
    case 'path':
      return (
        <path
          key={key}
          d={shape.d}
          fill="none"
          stroke={shape.stroke}
          strokeWidth={shape.width}
          strokeDasharray={shape.dashed ? '5 4' : undefined}
        />
      );
    case 'text':
      return (
        <text
          key={key}
          x={shape.x}
          y={shape.y}
          textAnchor={shape.anchor}
          dominantBaseline={shape.baseline ?? 'auto'}
          fill={shape.fill ?? '#212b32'}
          transform={shape.rotate ? `rotate(${shape.rotate} ${shape.x} ${shape.y})` : undefined}
        >
          {shape.text}
        </text>
      );
  }
}

export interface StaticChartProps {
  option: ChartOption;
  height: number;
  label: string;
  onItemClick?: (item: ItemRef) => void;
}

export function StaticChart({ option, height, label, onItemClick }: StaticChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  // Measured before the first paint, so the chart appears drawn in the same frame as its figure.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const shapes = width > 0 ? layoutScene(option, width, height, measureText) : [];
  return (
    <div
      ref={ref}
      {...chartFrameProps(label, height, 'static')}
      // Marks the first drawn frame, for scripts/measure-first-load.ts (time to the first chart).
      data-rendered={shapes.length > 0 ? 'true' : undefined}
    >
      {shapes.length > 0 && (
        <svg width={width} height={height} style={{ display: 'block', font: FONT }} aria-hidden="true">
          {shapes.map((s, i) => draw(s, i, onItemClick))}
        </svg>
      )}
    </div>
  );
}
