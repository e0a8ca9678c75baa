// One builder for every column of disclosure-controlled figures, so counts and percentages sort, show
// and export the same way on every page.
import { figureValue, formatCount, formatPercent, type Figure } from '../format';
import type { DataColumn } from './DataTable';

export type FigureKind = 'count' | 'percent';

const FORMAT: Record<FigureKind, (f: Figure) => string> = {
  count: (f) => formatCount(f),
  percent: (f) => formatPercent(f),
};

/** A figure as shown on screen: "1,234", "82.3%", or "*" when suppressed. */
export const formatFigure = (kind: FigureKind, f: Figure): string => FORMAT[kind](f);

/** Exports keep "*" for suppressed figures, and plain numbers otherwise (no separators), for spreadsheets. */
export const exportFigure = (kind: FigureKind, f: Figure): string | number | null =>
  formatFigure(kind, f) === '*' ? '*' : figureValue(f);

/** A numeric column of figures: sorted by value, shown formatted, exported with "*" kept. */
export function figureColumn<T>(
  kind: FigureKind,
  id: string,
  header: string,
  get: (row: T) => Figure,
  { hiddenByDefault = false }: { hiddenByDefault?: boolean } = {},
): DataColumn<T> {
  return {
    id,
    header,
    numeric: true,
    hiddenByDefault,
    value: (r) => figureValue(get(r)),
    render: (r) => formatFigure(kind, get(r)),
    exportText: (r) => exportFigure(kind, get(r)),
  };
}
