import { calendarPeriod, cleanFilters, packSearch, planningTargetDate } from './report-pack';

describe('report pack definitions', () => {
  it('keys weekly packs by ISO week and monthly packs by month (UTC)', () => {
    expect(calendarPeriod('weekly', new Date('2026-11-29T23:00:00Z'))).toBe('2026-W48'); // a Sunday
    expect(calendarPeriod('weekly', new Date('2026-11-30T00:00:00Z'))).toBe('2026-W49'); // the Monday after
    expect(calendarPeriod('weekly', new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53'); // ISO year 2026
    expect(calendarPeriod('weekly', new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01');
    expect(calendarPeriod('monthly', new Date('2026-11-29T23:00:00Z'))).toBe('2026-11');
  });

  it("plans to the end of the month a year ahead, as the planning page's default target date", () => {
    expect(planningTargetDate(new Date('2026-11-29T08:00:00Z'))).toBe('2027-11-30');
    expect(planningTargetDate(new Date('2027-02-10T00:00:00Z'))).toBe('2028-02-29'); // a leap year
    expect(planningTargetDate(new Date('2026-12-31T23:59:00Z'))).toBe('2027-12-31');
  });

  it('accepts the dashboard filters and refuses unknown keys or odd values', () => {
    expect(cleanFilters({ org: 'RJ1', staffGroup: '', asAt: '2026-03-31' })).toEqual({
      org: 'RJ1',
      asAt: '2026-03-31',
    });
    expect(() => cleanFilters({ orgs: 'RJ1' })).toThrow('Unknown report filter "orgs"');
    expect(() => cleanFilters({ org: '<script>' })).toThrow('invalid value');
    expect(() => cleanFilters({ asAt: '31/03/2026' })).toThrow('YYYY-MM-DD');
  });

  it('builds the print view query in the dashboard filter order', () => {
    expect(packSearch(['overview', 'matrix'], { org: 'RJ1', region: 'Y56' })).toBe(
      '?sections=overview%2Cmatrix&region=Y56&org=RJ1',
    );
  });
});
