import { CoverageCatalog, TargetRow } from './coverage-catalog';

const catalog = (targets: Omit<TargetRow, 'amberPct'>[]) =>
  new CoverageCatalog(
    new Map(),
    new Map([
      [
        'RJ1',
        {
          code: 'RJ1',
          name: 'Trust',
          icbCode: 'QKK',
          regionCode: 'Y56',
          trustType: 'acute',
          setting: 'trust',
          kind: 'trust',
        },
      ],
    ]),
    new Map(),
    new Map(),
    {},
    new Map([['AIF-01', 'foundation']]),
    // Loaded latest effective date first, as CoverageCatalog.load orders them.
    targets
      .map((t) => ({ ...t, amberPct: t.targetPct - 10 }))
      .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)),
  );
const row = (t: Partial<TargetRow> & { targetPct: number }): Omit<TargetRow, 'amberPct'> => ({
  orgCode: null,
  regionCode: null,
  layer: null,
  moduleCode: null,
  effectiveFrom: '2000-01-01',
  ...t,
});

describe('CoverageCatalog.targetFor', () => {
  it("takes the trust's own target, then its region's, then the national one", () => {
    const c = catalog([
      row({ targetPct: 90 }),
      row({ regionCode: 'Y56', targetPct: 80 }),
      row({ orgCode: 'RJ1', targetPct: 70 }),
    ]);
    expect(c.targetFor({ orgCode: 'RJ1' })?.targetPct).toBe(70);
    expect(c.targetFor({ orgCode: 'RX1' })?.targetPct).toBe(90);
    expect(
      catalog([row({ targetPct: 90 }), row({ regionCode: 'Y56', targetPct: 80 })]).targetFor({
        orgCode: 'RJ1',
      }),
    ).toEqual({
      targetPct: 80,
      amberPct: 70,
    });
  });

  it('prefers module over layer over the default within one scope', () => {
    const c = catalog([
      row({ orgCode: 'RJ1', targetPct: 60 }),
      row({ orgCode: 'RJ1', layer: 'foundation', targetPct: 65 }),
      row({ moduleCode: 'AIF-01', targetPct: 95 }),
    ]);
    expect(c.targetFor({ orgCode: 'RJ1', moduleCode: 'AIF-01' })?.targetPct).toBe(65);
    expect(c.targetFor({ orgCode: null, moduleCode: 'AIF-01' })?.targetPct).toBe(95);
  });

  it('applies the latest target in force on the date, not one that starts later', () => {
    const c = catalog([
      row({ targetPct: 50, effectiveFrom: '2026-01-01' }),
      row({ targetPct: 70, effectiveFrom: '2027-04-01' }),
    ]);
    expect(c.targetFor({ on: '2026-06-30' })?.targetPct).toBe(50);
    expect(c.targetFor({ on: '2027-04-01' })?.targetPct).toBe(70);
    expect(c.targetFor({ on: '2025-12-31' })).toBeNull();
  });
});
