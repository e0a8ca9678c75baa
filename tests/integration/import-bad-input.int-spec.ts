import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { ImportRequest } from '@aiwr/server-ingest';
import { errorKeys, importedDataChecksum, importFixture, resetImportState } from './import-support';

/**
 * Every kind of bad input the contract names: each fixture file is rejected with the right line,
 * column and code, and the imported data is byte-for-byte unchanged (checksum before = after).
 */
type BadCase = {
  file: string;
  kind?: ImportRequest['kind'];
  opts?: Partial<ImportRequest>;
  errors: { line: number | null; column: string | null; code: string }[];
  warning?: RegExp;
};

const CASES: BadCase[] = [
  { file: 'staff-missing-column.csv', errors: [{ line: 1, column: 'FTE', code: 'MISSING_COLUMN' }] },
  {
    file: 'staff-wrong-column.csv',
    errors: [{ line: 1, column: 'Staff Group', code: 'MISSING_COLUMN' }],
  },
  { file: 'staff-empty.csv', errors: [{ line: null, column: null, code: 'EMPTY_FILE' }] },
  { file: 'staff-header-only.csv', errors: [{ line: null, column: null, code: 'NO_DATA_ROWS' }] },
  { file: 'staff-ragged.csv', errors: [{ line: 3, column: null, code: 'RAGGED_ROW' }] },
  { file: 'staff-unclosed-quote.csv', errors: [{ line: 3, column: null, code: 'UNCLOSED_QUOTE' }] },
  {
    file: 'staff-us-date.csv',
    errors: [
      { line: 2, column: 'As At Date', code: 'DATE_FORMAT' },
      { line: 3, column: 'As At Date', code: 'DATE_FORMAT' },
    ],
  },
  { file: 'staff-fte-zero.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }] },
  { file: 'staff-fte-too-high.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }] },
  { file: 'staff-fte-negative.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }] },
  { file: 'staff-fte-not-number.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_NOT_A_NUMBER' }] },
  {
    file: 'staff-unknown-staff-group.csv',
    errors: [{ line: 3, column: 'Staff Group', code: 'UNKNOWN_STAFF_GROUP' }],
  },
  {
    file: 'staff-unknown-organisation.csv',
    errors: [{ line: 3, column: 'Organisation Code', code: 'UNKNOWN_ORGANISATION' }],
  },
  {
    file: 'staff-closed-organisation.csv',
    errors: [{ line: 2, column: 'Organisation Code', code: 'ORGANISATION_NOT_OPEN' }],
  },
  {
    file: 'staff-other-organisation.csv',
    opts: { allowedOrgCodes: ['RJ1'] },
    errors: [{ line: 3, column: 'Organisation Code', code: 'ORGANISATION_OUT_OF_SCOPE' }],
  },
  {
    file: 'staff-duplicate-assignment.csv',
    errors: [{ line: 4, column: 'Assignment Number', code: 'DUPLICATE_ASSIGNMENT' }],
  },
  {
    file: 'staff-long-cell.csv',
    errors: [{ line: 3, column: 'Position Title', code: 'CELL_TOO_LONG' }],
  },
  {
    file: 'staff-several-sheets.xlsx',
    opts: { asAt: null },
    errors: [{ line: 5, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }],
    warning: /more than one worksheet: only the first \("Staff"\)/,
  },
  { file: 'staff-not-csv.pdf', errors: [{ line: null, column: null, code: 'FILE_TYPE_UNSUPPORTED' }] },
  { file: 'staff-binary.dat', errors: [{ line: null, column: null, code: 'FILE_TYPE_UNSUPPORTED' }] },
  {
    file: 'completions-bad-dates.csv',
    kind: 'completions',
    errors: [
      { line: 2, column: 'Completion Date', code: 'DATE_IN_FUTURE' },
      { line: 3, column: 'Completion Date', code: 'DATE_TOO_EARLY' },
      { line: 4, column: 'Completion Date', code: 'DATE_FORMAT' },
      { line: 5, column: 'Status', code: 'UNKNOWN_COMPLETION_STATUS' },
    ],
  },
];

describe('imports: bad input is rejected with a clear error and changes nothing', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDataSource();
    await resetImportState(ds);
    // Something to lose: a snapshot of RJ1 at the fixtures' as-at date and completions against it.
    const staff = await importFixture(ds, 'staff', 'staff-valid.csv');
    expect(staff.outcome).toMatch(/succeeded|duplicate/);
    const done = await importFixture(ds, 'completions', 'completions-valid.csv');
    expect(done.outcome).toMatch(/succeeded|duplicate/);
  });
  afterAll(() => ds.destroy());

  it.each(CASES)('$file', async ({ file, kind, opts, errors, warning }) => {
    const before = await importedDataChecksum(ds);
    const result = await importFixture(ds, kind ?? 'staff', file, opts);
    expect(result.outcome).toBe('rejected');
    expect(errorKeys(result)).toEqual(errors);
    expect(result.errorCount).toBe(errors.length);
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
    if (warning) expect(result.warnings.join('\n')).toMatch(warning);
    expect(await importedDataChecksum(ds)).toBe(before);
    // Failed attempts are recorded too.
    const [record] = await ds.query(`select outcome, error_count, errors from import_record where id = $1`, [
      result.id,
    ]);
    expect(record).toMatchObject({ outcome: 'rejected', error_count: errors.length });
  });

  it('shows the offending value cut to 80 characters, never more', async () => {
    const result = await importFixture(ds, 'staff', 'staff-long-cell.csv');
    expect(result.errors[0].value).toHaveLength(80);
    expect(result.errors[0].message).toMatch(/too long \(102400 characters; at most 1000\)/);
  });

  it('names every missing or wrong column at once and lists unknown columns as a warning', async () => {
    const result = await importFixture(ds, 'staff', 'staff-wrong-column.csv');
    expect(result.errors[0].message).toMatch(/"Staff Group" is missing.*Staff Group Name, NWD Staff Group/);
  });

  it('never echoes an employee number in the error report', async () => {
    const result = await importFixture(ds, 'staff', 'staff-duplicate-assignment.csv');
    expect(JSON.stringify(result.errors)).not.toContain('E1001');
    expect(result.errors[0].message).toMatch(/already appear on line 2/);
  });
});
