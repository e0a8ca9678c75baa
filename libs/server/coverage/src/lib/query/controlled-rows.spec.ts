import { controlRows } from './controlled-rows';
import { RawMeasures, RawRow } from './coverage-filter';

const measures = (headcount: number, needed: number, met: number): RawMeasures => ({
  headcount,
  fte: headcount * 0.9,
  roleCount: headcount,
  needed,
  met,
  fullyTrained: met > 0 ? Math.min(met, headcount) : 0,
  foundationMet: Math.min(met, headcount),
  archetypeMet: null,
  peopleMet: null,
});
const row = (org: string, archetype: string, m: RawMeasures): RawRow => ({
  point: '2026-10-31',
  keys: { ORGANISATION: org, ARCHETYPE: archetype },
  orgCodes: [org],
  measures: m,
});

describe('controlRows', () => {
  it('suppresses a second cell among siblings when only one is small, per measure', () => {
    const rows = [
      row('A', 'user', measures(500, 900, 600)),
      row('A', 'embedder', measures(4, 8, 4)),
      row('A', 'driver', measures(12, 24, 20)),
      row('A', 'creator', measures(40, 80, 50)),
    ];
    const out = controlRows(rows, ['ORGANISATION', 'ARCHETYPE'], [true, true, true, true]);
    const headcount = out.map((r) => (r.shown.headcount.suppressed ? '*' : r.shown.headcount.value));
    // 4 is primary-suppressed; 12 (next smallest) goes too, so the trust total cannot give the 4 back.
    expect(headcount).toEqual([500, '*', '*', 40]);
  });

  it('keeps met and unmet together: one suppressed means both are', () => {
    const out = controlRows([row('A', 'user', measures(300, 300, 296))], ['ORGANISATION'], [true]);
    expect(out[0].shown.unmet.suppressed).toBe(true); // 4 unmet
    expect(out[0].shown.met.suppressed).toBe(true); // else needed - met would give it back
    expect(out[0].shown.needed.value).toBe(300);
    expect(out[0].shown.coveragePct.suppressed).toBe(true);
  });

  it('leaves rows a viewer may see at record level exact, and does not pull them into suppression', () => {
    const rows = [row('A', 'user', measures(5, 10, 3)), row('A', 'driver', measures(9, 9, 9))];
    const out = controlRows(rows, ['ORGANISATION', 'ARCHETYPE'], [false, false]);
    expect(out.map((r) => r.shown.headcount.value)).toEqual([5, 9]);
    expect(out[0].shown.coveragePct.value).toBe(30);
    expect(out[0].shown.fte.value).toBe(4.5);
  });

  it('computes percentages from the rounded figures and hides FTE with a suppressed headcount', () => {
    const [one] = controlRows([row('A', 'user', measures(27, 27, 13))], ['ORGANISATION'], [true]);
    expect(one.shown.coveragePct.value).toBe(60); // 15 / 25, not 13 / 27
    const [small] = controlRows([row('B', 'user', measures(6, 12, 11))], ['ORGANISATION'], [true]);
    expect(small.shown.fte.suppressed).toBe(true);
  });
});
