import {
  controlAlongside,
  controlCount,
  controlledPercent,
  percent,
  secondarySuppression,
  shown,
  suppress,
} from './disclosure';

const values = (cells: { value: number | null; suppressed: boolean }[]) =>
  cells.map((c) => (c.suppressed ? '*' : c.value));

describe('primary disclosure rule (counts 1-7 suppressed, others rounded to 5)', () => {
  it.each([
    [0, 0],
    [1, '*'],
    [7, '*'],
    [8, 10],
    [12, 10],
    [13, 15],
    [1002, 1000],
    [1003, 1005],
  ])('%i is shown as %s', (raw, expected) => {
    const c = controlCount(raw);
    expect(c.suppressed ? '*' : c.value).toBe(expected);
  });
});

describe('secondary suppression', () => {
  it('suppresses the next smallest cell when exactly one cell of a group is suppressed', () => {
    // total 3 + 9 + 40 + 120 = 172 would give the 3 back; the 9 goes too.
    expect(values(suppress([3, 9, 40, 120]))).toEqual(['*', '*', 40, 120]);
  });

  it('leaves a group alone when two cells are already suppressed', () => {
    expect(values(suppress([2, 5, 40, 120]))).toEqual(['*', '*', 40, 120]);
  });

  it('does not spend secondary suppression on zero cells (zero is not a disclosure)', () => {
    expect(values(suppress([0, 4, 0, 30]))).toEqual([0, '*', 0, '*']);
  });

  it('leaves a group without small cells only rounded', () => {
    expect(values(suppress([8, 12, 1003]))).toEqual([10, 10, 1005]);
  });

  it('keeps going across overlapping groups until no group has a single suppressed cell', () => {
    // cells 0..3; groups {0,1} (a row) and {1,2,3} (a column): suppressing cell 1 for the row leaves the
    // column with one suppressed cell, so its smallest other cell (2) goes as well.
    const raw = [5, 20, 30, 400];
    const out = secondarySuppression(raw.map(controlCount), raw, [
      [0, 1],
      [1, 2, 3],
    ]);
    expect(values(out)).toEqual(['*', '*', '*', 400]);
  });

  it('cannot be undone from the total: the two suppressed cells only give their sum', () => {
    const raw = [3, 9, 40, 120];
    const out = suppress(raw);
    const visible = out.filter((c) => !c.suppressed).reduce((s, c) => s + (c.value ?? 0), 0);
    const total = controlCount(raw.reduce((a, b) => a + b, 0)).value ?? 0;
    expect(out.filter((c) => c.suppressed)).toHaveLength(2);
    // 172 rounds to 170; 170 - (40 + 120) = 10: neither 3 nor 9, only a blurred sum of both
    expect(total - visible).toBe(10);
  });
});

describe('percentages from controlled counts', () => {
  it('are computed from the rounded counts, to one decimal place', () => {
    // 13 of 27 people: rounded 15 of 25 = 60.0%, not 48.1%
    expect(controlledPercent(controlCount(13), controlCount(27)).value).toBe(60);
    expect(percent(13, 27)).toBe(48.1);
  });

  it('are suppressed when either count is', () => {
    expect(controlledPercent(controlCount(5), controlCount(400)).suppressed).toBe(true);
    expect(controlledPercent(controlCount(50), controlCount(6)).suppressed).toBe(true);
  });

  it('have no value without a denominator', () => {
    expect(controlledPercent(shown(0), shown(0)).value).toBeNull();
  });
});

describe('FTE alongside a headcount', () => {
  it('is hidden with a suppressed headcount and rounded otherwise', () => {
    expect(controlAlongside(4.6, controlCount(6)).suppressed).toBe(true);
    expect(controlAlongside(31.2, controlCount(40)).value).toBe(30);
  });
});
