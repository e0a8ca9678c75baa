import { classifyOperation } from './scoped-response-cache';

describe('classifyOperation (which requests the response cache may answer)', () => {
  test('plain queries of aggregate coverage fields are cacheable', () => {
    expect(classifyOperation('{ coverageOverview { asAt } snapshotDates }', undefined).kind).toBe(
      'cacheable',
    );
    expect(classifyOperation('query Q($f: CoverageFilter) { coverage(filter: $f) { asAt } }', 'Q').kind).toBe(
      'cacheable',
    );
  });

  test('queries that spell their measures in fragments (as every dashboard query does) are cacheable', () => {
    const q = `query Q($f: CoverageFilter) { coverage(filter: $f) { rows { ...Row } total { ...Row } } }
      fragment Row on CoverageRow { asAt headcount { ...Measure } }
      fragment Measure on Measure { value suppressed rounded }`;
    expect(classifyOperation(q, 'Q').kind).toBe('cacheable');
    expect(classifyOperation(q, undefined).kind).toBe('cacheable');
  });

  test('person-level, caller-specific and mixed queries are not', () => {
    expect(classifyOperation('{ people(first: 5) { totalCount } }', undefined).kind).toBe('other');
    expect(classifyOperation('{ me { email } }', undefined).kind).toBe('other');
    expect(classifyOperation('{ snapshotDates people { totalCount } }', undefined).kind).toBe('other');
    expect(classifyOperation('{ ...F } fragment F on Query { snapshotDates }', undefined).kind).toBe('other');
  });

  test('mutations are recognised (they empty the cache); broken or ambiguous documents are left to Apollo', () => {
    expect(classifyOperation('mutation { signOut }', undefined).kind).toBe('mutation');
    expect(classifyOperation('query A { snapshotDates } mutation B { signOut }', 'B').kind).toBe('mutation');
    expect(classifyOperation('query A { snapshotDates } query B { snapshotDates }', undefined).kind).toBe(
      'other',
    );
    expect(classifyOperation('{ snapshotDates', undefined).kind).toBe('other');
    expect(classifyOperation(`{ ${'snapshotDates '.repeat(3000)} }`, undefined).kind).toBe('other');
  });
});
