import type { Figure } from '../format';
import type { ComposeOption } from 'echarts/core';
import type {
  BarSeriesOption,
  HeatmapSeriesOption,
  LineSeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption, // the plain legend (LegendPlainComponent) is what is registered
  MarkLineComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
  AriaComponentOption,
} from 'echarts/components';

/** The only echarts option shape the dashboard builds: exactly the registered charts and components. */
export type ChartOption = ComposeOption<
  | BarSeriesOption
  | HeatmapSeriesOption
  | LineSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
  | AriaComponentOption
>;

/** A coverage figure: numerator of denominator, each plain or disclosure-controlled. */
export interface CoverageFigure {
  numerator: Figure;
  denominator: Figure;
  percent: Figure;
}

export interface HeatmapCell extends CoverageFigure {
  column: string; // e.g. staff group
  row: string; // e.g. clinical area
  columnKey?: string;
  rowKey?: string;
}

export interface TrendPoint extends CoverageFigure {
  asAt: string;
}

export interface TrendSeries {
  name: string;
  points: TrendPoint[];
}

export interface RankedItem extends CoverageFigure {
  key: string;
  label: string;
}
