// Fixed-row-height windowing: which rows of a long list to render for a scroll position. Only the
// visible rows plus an overscan are in the DOM, so 100k rows scroll as smoothly as 100.

export interface WindowRange {
  start: number;
  end: number; // exclusive
  paddingTop: number;
  paddingBottom: number;
}

export function visibleWindow(
  rowCount: number,
  rowHeight: number,
  scrollTop: number,
  viewportHeight: number,
  overscan = 8,
): WindowRange {
  if (rowCount <= 0) return { start: 0, end: 0, paddingTop: 0, paddingBottom: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(viewportHeight / rowHeight);
  const start = Math.max(0, Math.min(rowCount - 1, first - overscan));
  const end = Math.min(rowCount, first + visible + overscan);
  return {
    start,
    end: Math.max(end, start),
    paddingTop: start * rowHeight,
    paddingBottom: Math.max(0, (rowCount - Math.max(end, start)) * rowHeight),
  };
}
