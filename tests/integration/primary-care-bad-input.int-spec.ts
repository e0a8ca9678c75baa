import { DataSource } from 'typeorm';
import { openDataSource } from '@aiwr/db';
import { ImportRequest } from '@aiwr/server-ingest';
import { errorKeys } from './import-support';
import { importPrimaryCare, primaryCareChecksum, resetPrimaryCare } from './primary-care-support';

/**
 * Every kind of bad input of the primary-care staff list (docs/importing.md): each fixture is rejected
 * with the right line, column and code, and nothing changes, not even the PCNs and pharmacies a file
 * would have created (checksum of the imported data, organisations and practice → PCN links).
 */
type BadCase = {
  file: string;
  opts?: Partial<Omit<ImportRequest, 'recompute'>>;
  errors: { line: number | null; column: string | null; code: string }[];
};

const CASES: BadCase[] = [
  { file: 'pc-missing-staff-id.csv', errors: [{ line: 1, column: 'Staff ID', code: 'MISSING_COLUMN' }] },
  { file: 'pc-missing-fte-and-hours.csv', errors: [{ line: 1, column: 'FTE', code: 'MISSING_COLUMN' }] },
  { file: 'pc-missing-job-role.csv', errors: [{ line: 1, column: 'Job Role', code: 'MISSING_COLUMN' }] },
  { file: 'pc-unknown-job-role.csv', errors: [{ line: 3, column: 'Job Role', code: 'UNKNOWN_JOB_ROLE' }] },
  {
    file: 'pc-role-not-in-group.csv',
    errors: [{ line: 3, column: 'Job Role', code: 'ROLE_NOT_IN_STAFF_GROUP' }],
  },
  {
    file: 'pc-unknown-staff-group.csv',
    errors: [{ line: 3, column: 'Staff Group', code: 'UNKNOWN_STAFF_GROUP' }],
  },
  {
    file: 'pc-unknown-practice.csv',
    errors: [{ line: 3, column: 'Organisation Code', code: 'UNKNOWN_ORGANISATION' }],
  },
  {
    file: 'pc-closed-practice.csv',
    errors: [{ line: 2, column: 'Organisation Code', code: 'ORGANISATION_NOT_OPEN' }],
  },
  { file: 'pc-trust-code.csv', errors: [{ line: 3, column: 'Organisation Code', code: 'NOT_PRIMARY_CARE' }] },
  {
    file: 'pc-hours-too-high.csv',
    errors: [{ line: 3, column: 'Contracted Hours', code: 'HOURS_OUT_OF_RANGE' }],
  },
  {
    file: 'pc-hours-not-number.csv',
    errors: [{ line: 3, column: 'Contracted Hours', code: 'HOURS_NOT_A_NUMBER' }],
  },
  { file: 'pc-fte-too-high.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }] },
  { file: 'pc-no-fte-value.csv', errors: [{ line: 3, column: 'FTE', code: 'REQUIRED_VALUE_MISSING' }] },
  { file: 'pc-arrs-without-pcn.csv', errors: [{ line: 3, column: 'PCN Code', code: 'PCN_CODE_MISSING' }] },
  { file: 'pc-bad-pcn-code.csv', errors: [{ line: 3, column: 'PCN Code', code: 'INVALID_PCN_CODE' }] },
  { file: 'pc-pcn-conflict.csv', errors: [{ line: 3, column: 'PCN Code', code: 'PCN_CONFLICT' }] },
  { file: 'pc-duplicate-role.csv', errors: [{ line: 4, column: 'Job Role', code: 'DUPLICATE_ASSIGNMENT' }] },
  {
    file: 'pc-bad-flag.csv',
    errors: [{ line: 3, column: 'Advanced Practitioner', code: 'FLAG_NOT_YES_NO' }],
  },
  { file: 'pc-setting-mismatch.csv', errors: [{ line: 3, column: 'Staff Group', code: 'SETTING_MISMATCH' }] },
  {
    file: 'pc-pharmacy-no-icb.csv',
    errors: [
      { line: 2, column: 'ICB Code', code: 'PHARMACY_ICB_MISSING' },
      { line: 2, column: 'Organisation Code', code: 'UNKNOWN_ORGANISATION' },
    ],
  },
  {
    file: 'pc-arrs-at-pharmacy.csv',
    errors: [{ line: 3, column: 'Employed By PCN', code: 'NOT_A_PRACTICE' }],
  },
  { file: 'pc-new-pharmacy-bad-row.csv', errors: [{ line: 3, column: 'FTE', code: 'FTE_OUT_OF_RANGE' }] },
  {
    file: 'pc-unknown-job-role.csv',
    opts: { allowedOrgCodes: ['A81002'] },
    errors: [
      { line: 2, column: 'Organisation Code', code: 'ORGANISATION_OUT_OF_SCOPE' },
      { line: 3, column: 'Job Role', code: 'UNKNOWN_JOB_ROLE' },
      { line: 3, column: 'Organisation Code', code: 'ORGANISATION_OUT_OF_SCOPE' },
    ],
  },
];

// This suite's organisations: the practices of its files and the PCNs and pharmacies they would create.
const ORGS = [
  'A81001',
  'A81002',
  'A81004',
  'A81632',
  'Z99999',
  'U99011',
  'U99012',
  'FX1A2',
  'FX7Q7',
  'FX9Z9',
];

describe('primary-care imports: bad input is rejected with a clear error and changes nothing', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await openDataSource();
    await resetPrimaryCare(ds, ORGS);
    // Something to lose: a good primary-care list at the fixtures' as-at date (and the PCNs it creates).
    expect((await importPrimaryCare(ds, 'pc-baseline.csv')).outcome).toBe('succeeded');
  });
  afterAll(async () => {
    // Leave no primary-care figures behind for the suites that count them nationally.
    await resetPrimaryCare(ds, ORGS);
    await ds.destroy();
  });

  it.each(CASES)('$file', async ({ file, opts, errors }) => {
    const before = await primaryCareChecksum(ds, ORGS);
    const result = await importPrimaryCare(ds, file, opts);
    expect(result.outcome).toBe('rejected');
    expect(errorKeys(result)).toEqual(errors);
    expect(result.errorCount).toBe(errors.length);
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(10);
    expect(await primaryCareChecksum(ds, ORGS)).toBe(before);
  });

  it('lists the accepted job roles when a role is unknown, and never echoes a staff ID', async () => {
    const result = await importPrimaryCare(ds, 'pc-unknown-job-role.csv');
    expect(result.errors[0].message).toMatch(/Accepted: .*GP Partner\/Provider.*Salaried GP/);
    const dup = await importPrimaryCare(ds, 'pc-duplicate-role.csv');
    expect(JSON.stringify(dup.errors)).not.toMatch(/"X1"/);
    expect(dup.errors[0].message).toMatch(/same person and job role already appear on line 2/);
  });

  it('a pharmacy created by a rejected file is not left behind', async () => {
    await importPrimaryCare(ds, 'pc-new-pharmacy-bad-row.csv');
    expect(await ds.query(`select code from organisation where code = 'FX7Q7'`)).toEqual([]);
  });
});
