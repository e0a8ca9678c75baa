import { foldHeader, mapHeaders, personalDataKind } from './columns';
import { errorsAsCsv, neutraliseFormula } from './errors-csv';
import { cellText } from './read-file';
import { pseudonymise, assignmentKey } from './pseudonymise';
import { anyCheckFails, checkValues, STAFF_CHECKS } from './row-checks';

describe('header mapping', () => {
  it('matches names and aliases ignoring case, spaces, underscores, hyphens and dots', () => {
    expect(foldHeader('\uFEFFEmployee_Number')).toBe('employeenumber');
    const m = mapHeaders('staff', [
      'EMPLOYEE-NUMBER',
      'Org. Code',
      'nwd staff group',
      'WTE',
      'Cost Centre Name',
      'Other',
    ]);
    expect(Object.fromEntries(m.positions)).toEqual({
      employee_number: 0,
      org_code: 1,
      staff_group: 2,
      fte: 3,
      department: 4,
    });
    expect(m.unknown).toEqual(['Other']);
  });

  it('recognises personal-data columns and never maps them', () => {
    const m = mapHeaders('staff', [
      'Staff Number',
      'First Name',
      'SURNAME',
      'D.O.B',
      'Date of Birth',
      'NI Number',
      'Home Address',
      'Post Code',
      'E-mail',
      'Mobile Phone',
      'NHS Number',
    ]);
    expect(m.personal.map((p) => p.header)).toEqual([
      'First Name',
      'SURNAME',
      'D.O.B',
      'Date of Birth',
      'NI Number',
      'Home Address',
      'Post Code',
      'E-mail',
      'Mobile Phone',
      'NHS Number',
    ]);
    expect(m.positions.get('employee_number')).toBe(0);
    // Columns that only look like names are contract columns.
    expect(personalDataKind('Job Role Name')).toBeNull();
    expect(personalDataKind('Course Name')).toBeNull();
  });

  it('reports a column given twice under two names', () => {
    expect(mapHeaders('completions', ['Course', 'Module Code']).duplicated).toEqual([
      { header: 'Module Code', key: 'Course Code' },
    ]);
  });
});

describe('error report CSV', () => {
  it('prefixes cells a spreadsheet would run as formulas, and quotes as RFC 4180 says', () => {
    expect(['=1+1', '+44', '-1', '@SUM(A1)', 'plain'].map(neutraliseFormula)).toEqual([
      "'=1+1",
      "'+44",
      "'-1",
      "'@SUM(A1)",
      'plain',
    ]);
    const csv = errorsAsCsv(
      [
        {
          line: 3,
          column: 'FTE',
          value: '=HYPERLINK("x")',
          code: 'FTE_NOT_A_NUMBER',
          message: 'FTE must be a number, e.g. 1',
        },
      ],
      5,
    );
    expect(csv.split('\r\n')).toEqual([
      'line,column,value,code,message',
      `3,FTE,"'=HYPERLINK(""x"")",FTE_NOT_A_NUMBER,"FTE must be a number, e.g. 1"`,
      ',,,MORE_ERRORS,4 more errors not listed (first 1 kept)',
      '',
    ]);
  });
});

describe('XLSX cell values', () => {
  it('turns date cells into YYYY-MM-DD and formulas into their cached result', () => {
    expect(cellText(new Date(Date.UTC(2026, 8, 30)))).toBe('2026-09-30');
    expect(cellText({ formula: 'A1*2', result: 0.5 })).toBe('0.5');
    expect(cellText({ richText: [{ text: 'Staff ' }, { text: 'Nurse' }] })).toBe('Staff Nurse');
    expect(cellText(null)).toBe('');
  });
});

describe('pseudonymisation', () => {
  it('is HMAC-SHA256 of "org:employee" under the key, in hex', () => {
    // Reference value computed independently: echo -n 'RJ1:E1001' | openssl dgst -sha256 -hmac k
    expect(pseudonymise('k', 'RJ1', 'E1001')).toBe(
      '7e0c08c4b3268bdac6a1ffec074bffcd0abfe538e85a9e8dabc87e1561213ff8',
    );
    expect(pseudonymise('k', 'RJ1', 'E1001')).not.toBe(pseudonymise('k', 'RJZ', 'E1001'));
    expect(pseudonymise('k', 'RJ1', 'E1001')).not.toBe(pseudonymise('other', 'RJ1', 'E1001'));
  });

  it('stores an assignment number as the first 16 hex digits of HMAC-SHA256 of "person key:number"', () => {
    // echo -n '7e0c…13ff8:10013727-1' | openssl dgst -sha256 -hmac k
    const person = pseudonymise('k', 'RJ1', 'E1001');
    expect(assignmentKey('k', person, '10013727-1')).toBe('80f078afb742da71');
    expect(assignmentKey('k', person, '10013727-2')).not.toBe(assignmentKey('k', person, '10013727-1'));
  });
});

describe('row rules', () => {
  it('every rule has a stable upper-case code, a scope and SQL for the row check and the report', () => {
    for (const c of STAFF_CHECKS) expect(c.code).toMatch(/^[A-Z_]+$/);
    expect(anyCheckFails(STAFF_CHECKS)).toContain('x.fte_value > 0 and x.fte_value <= 1');
    expect(checkValues(STAFF_CHECKS).split('\n')).toHaveLength(STAFF_CHECKS.length);
  });
});
