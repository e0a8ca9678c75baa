import { describeConditions, parseList } from './conditions';

describe('rule conditions as text', () => {
  it('describes the conditions that are set, in a fixed order', () => {
    expect(describeConditions({ payBands: ['B8A..B9'], staffGroups: ['01', '02'], jobRoles: null })).toBe(
      'Staff groups: 01, 02; Pay bands: B8A..B9',
    );
    expect(describeConditions({})).toBe('Everyone');
  });

  it('reads comma-separated lists, dropping blanks', () => {
    expect(parseList(' digital, clinical safety ,, ')).toEqual(['digital', 'clinical safety']);
    expect(parseList('  ')).toBeNull();
  });
});
