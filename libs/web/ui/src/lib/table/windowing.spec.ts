import { visibleWindow } from './windowing';

describe('fixed-height windowing', () => {
  it('renders only the rows in view plus the overscan, with padding for the rest', () => {
    const w = visibleWindow(100_000, 40, 40_000, 400, 5);
    expect(w.start).toBe(995);
    expect(w.end).toBe(1015);
    expect(w.paddingTop).toBe(995 * 40);
    expect(w.paddingBottom).toBe((100_000 - 1015) * 40);
    expect(w.paddingTop + (w.end - w.start) * 40 + w.paddingBottom).toBe(100_000 * 40);
  });

  it('clamps at the top and the bottom', () => {
    expect(visibleWindow(50, 40, 0, 400, 5)).toMatchObject({ start: 0, end: 15, paddingTop: 0 });
    const bottom = visibleWindow(50, 40, 10_000, 400, 5);
    expect(bottom.end).toBe(50);
    expect(bottom.paddingBottom).toBe(0);
    expect(visibleWindow(0, 40, 0, 400)).toEqual({ start: 0, end: 0, paddingTop: 0, paddingBottom: 0 });
  });
});
