import { exportUrl } from './exportUrl';

describe('export links', () => {
  it('carry the page filters and breakdown as query parameters', () => {
    expect(
      exportUrl(
        'coverage',
        'xlsx',
        { asAt: '2026-10-31', regionCodes: ['Y56'], orgCodes: null, layer: 'foundation' },
        ['ICB', 'STAFF_GROUP'],
      ),
    ).toBe(
      '/api/exports/coverage.xlsx?asAt=2026-10-31&regionCodes=Y56&layer=foundation&groupBy=ICB%2CSTAFF_GROUP',
    );
  });

  it('join several values with commas and leave out empty filters', () => {
    expect(exportUrl('people', 'csv', { departments: ['A&E', 'ICU'], payBands: [] })).toBe(
      '/api/exports/people.csv?departments=A%26E%2CICU',
    );
    expect(exportUrl('coverage', 'csv', {})).toBe('/api/exports/coverage.csv');
  });
});
