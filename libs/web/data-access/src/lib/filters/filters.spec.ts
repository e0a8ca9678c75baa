import {
  applyFilterChange,
  currentLevel,
  filtersToSearch,
  isPcnCode,
  isPrimaryCareCode,
  mergeIntoParams,
  parseFilters,
  toCoverageFilter,
} from './filters';

describe('filters held in the URL', () => {
  it('reads known filters and ignores others and blanks', () => {
    const f = parseFilters(new URLSearchParams('region=Y56&icb=&foo=bar&archetype=creator'));
    expect(f).toEqual({ region: 'Y56', archetype: 'creator' });
  });

  it('writes them in a fixed order so the same view has the same URL', () => {
    expect(filtersToSearch({ archetype: 'creator', region: 'Y56' })).toBe('?region=Y56&archetype=creator');
    expect(filtersToSearch({})).toBe('');
  });

  it('clears the places below when a higher place changes', () => {
    const current = { region: 'Y56', icb: 'QWE', org: 'RJ1', department: 'ED', archetype: 'user' };
    expect(applyFilterChange(current, { region: 'Y62' })).toEqual({ region: 'Y62', archetype: 'user' });
    expect(applyFilterChange(current, { org: '' })).toEqual({ region: 'Y56', icb: 'QWE', archetype: 'user' });
    expect(applyFilterChange(current, { archetype: 'creator' })).toEqual({
      ...current,
      archetype: 'creator',
    });
  });

  it('can set a place and its parent in one change (a drill-down click)', () => {
    expect(applyFilterChange({ region: 'Y56' }, { icb: 'QWE', org: 'RJ1' })).toEqual({
      region: 'Y56',
      icb: 'QWE',
      org: 'RJ1',
    });
  });

  it('keeps a page’s own parameters when filters change', () => {
    const p = mergeIntoParams(new URLSearchParams('view=table&region=Y56'), { region: 'Y62' });
    expect(p.toString()).toBe('view=table&region=Y62');
  });

  it('knows which level the drill-down is at', () => {
    expect(currentLevel({})).toBe('national');
    expect(currentLevel({ region: 'Y56', icb: 'QWE' })).toBe('icb');
    expect(currentLevel({ region: 'Y56', icb: 'QKK', pcn: 'U99001' })).toBe('pcn');
    expect(currentLevel({ region: 'Y56', icb: 'QKK', pcn: 'U99001', org: 'G83001' })).toBe('org');
  });

  it('places general practice below the ICB: a PCN, then its practice', () => {
    const at = { region: 'Y56', icb: 'QKK', pcn: 'U99001', org: 'G83001', jobRole: 'Salaried GP' };
    expect(applyFilterChange(at, { icb: 'QWE' })).toEqual({
      region: 'Y56',
      icb: 'QWE',
      jobRole: 'Salaried GP',
    });
    expect(applyFilterChange(at, { pcn: '' })).toEqual({ region: 'Y56', icb: 'QKK', jobRole: 'Salaried GP' });
    expect(filtersToSearch({ org: 'G83001', pcn: 'U99001', setting: 'general_practice' })).toBe(
      '?setting=general_practice&pcn=U99001&org=G83001',
    );
    expect([isPcnCode('U99001'), isPcnCode('G83001'), isPrimaryCareCode('G83001')]).toEqual([
      true,
      false,
      true,
    ]);
    expect([isPrimaryCareCode('FX1A2'), isPrimaryCareCode('RJ1'), isPrimaryCareCode('G6V2S')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('filters sent to the API', () => {
  it('become one-element lists, and nulls where not chosen', () => {
    expect(toCoverageFilter({ region: 'Y56', archetype: 'creator', layer: 'foundation' })).toEqual({
      asAt: null,
      regionCodes: ['Y56'],
      icbCodes: null,
      orgCodes: null,
      pcnCodes: null,
      settings: null,
      departments: null,
      staffGroupCodes: null,
      jobRoles: null,
      clinicalAreaCodes: null,
      archetypeCodes: ['creator'],
      payBands: null,
      moduleCodes: null,
      layer: 'foundation',
    });
  });
});
