import {
  applyFilterChange,
  currentLevel,
  filtersToSearch,
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
  });
});

describe('filters sent to the API', () => {
  it('become one-element lists, and nulls where not chosen', () => {
    expect(toCoverageFilter({ region: 'Y56', archetype: 'creator', layer: 'foundation' })).toEqual({
      asAt: null,
      regionCodes: ['Y56'],
      icbCodes: null,
      orgCodes: null,
      departments: null,
      staffGroupCodes: null,
      clinicalAreaCodes: null,
      archetypeCodes: ['creator'],
      payBands: null,
      moduleCodes: null,
      layer: 'foundation',
    });
  });
});
