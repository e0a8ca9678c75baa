import { membershipPeriods } from './icb-membership';

const icbs = new Map([
  ['QMJ', { validFrom: '2022-07-01', validTo: '2026-03-31' }],
  ['QRV', { validFrom: '2022-07-01', validTo: '2026-03-31' }],
  ['Z9B2Z', { validFrom: '2026-04-01', validTo: null }],
  ['QKK', { validFrom: '2022-07-01', validTo: null }],
  ['QKS', { validFrom: '2022-07-01', validTo: null }],
]);
const trust = (orgCode: string, icbCode: string, openDate: string, closeDate: string | null = null) => ({
  orgCode,
  icbCode,
  openDate,
  closeDate,
});

describe('trust → ICB membership from the 2024 and 2026 extracts', () => {
  it('a London trust in an abolished ICB: old ICB up to 2026-03-31, the new one from 2026-04-01', () => {
    expect(
      membershipPeriods(trust('RAL', 'Z9B2Z', '1993-04-01'), trust('RAL', 'QMJ', '1993-04-01'), icbs),
    ).toEqual([
      { orgCode: 'RAL', icbCode: 'QMJ', validFrom: '2022-07-01', validTo: '2026-03-31' },
      { orgCode: 'RAL', icbCode: 'Z9B2Z', validFrom: '2026-04-01', validTo: null },
    ]);
  });

  it('a trust opened after ICBs began starts on its open date', () => {
    expect(
      membershipPeriods(trust('G6V2S', 'Z9B2Z', '2024-11-01'), trust('G6V2S', 'QMJ', '2024-11-01'), icbs)[0],
    ).toEqual({ orgCode: 'G6V2S', icbCode: 'QMJ', validFrom: '2024-11-01', validTo: '2026-03-31' });
  });

  it('a trust closed before the boundary stays in its old ICB (the later extract restates it)', () => {
    expect(
      membershipPeriods(
        trust('RAP', 'Z9B2Z', '1994-04-01', '2024-12-31'),
        trust('RAP', 'QMJ', '1994-04-01', '2024-12-31'),
        icbs,
      ),
    ).toEqual([{ orgCode: 'RAP', icbCode: 'QMJ', validFrom: '2022-07-01', validTo: '2024-12-31' }]);
  });

  it('a move between two continuing ICBs happens on the boundary date', () => {
    expect(
      membershipPeriods(trust('RPG', 'QKS', '1995-04-01'), trust('RPG', 'QKK', '1995-04-01'), icbs),
    ).toEqual([
      { orgCode: 'RPG', icbCode: 'QKK', validFrom: '2022-07-01', validTo: '2026-03-31' },
      { orgCode: 'RPG', icbCode: 'QKS', validFrom: '2026-04-01', validTo: null },
    ]);
  });

  it('unchanged, or only in the 2026 extract: one period; an ICB not in the list (Wales): none', () => {
    expect(
      membershipPeriods(trust('RJ1', 'QKK', '1993-04-01'), trust('RJ1', 'QKK', '1993-04-01'), icbs),
    ).toEqual([{ orgCode: 'RJ1', icbCode: 'QKK', validFrom: '2022-07-01', validTo: null }]);
    expect(membershipPeriods(trust('K0N6A', 'QKK', '2026-06-01'), undefined, icbs)).toEqual([
      { orgCode: 'K0N6A', icbCode: 'QKK', validFrom: '2026-06-01', validTo: null },
    ]);
    expect(
      membershipPeriods(trust('RQF', '', '1999-12-01'), trust('RQF', 'Q99', '1999-12-01'), icbs),
    ).toEqual([]);
  });
});
