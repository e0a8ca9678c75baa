import { MAX_CELL_LENGTH, MAX_EMPLOYEE_NUMBER_LENGTH, MAX_VALUE_IN_REPORT } from './import-types';

/**
 * Every row rule of the contract as data: a SQL condition over one normalised row `x` (see
 * set-based-sql.ts), the column it concerns, the value to show (never for employee or assignment numbers) and a
 * stable code with a plain-English message. The pipeline ORs the conditions into one `ok` flag and
 * expands only failing rows into error entries, so a clean file costs one pass.
 */
export type RowCheck = {
  code: string;
  column: string | null;
  /** SQL condition that fails the row (NULL counts as passing) */
  when: string;
  /** which rows it applies to: every row, well-formed rows, or well-formed rows that are counted */
  scope: 'any' | 'wellFormed' | 'counted';
  /** SQL text expression for the offending value, or null to show none */
  value: string | null;
  /** SQL text expression */
  message: string;
};

/** Cells that identify a person: an error about them says what is wrong, never the value. */
const IDENTIFIER_KEYS = new Set(['employee_number', 'assignment_no']);

export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const shown = (expr: string) => `left(${expr}, ${MAX_VALUE_IN_REPORT})`;
/** Rows skipped by rule (a terminated assignment, a course we do not track) are not validated further. */
/** A ragged row gets one error (its cells cannot be trusted to be in the right columns), not one per cell. */
const wellFormed = `(x.field_count is null or x.field_count = x.header_count)`;
const isCounted = `x.row_class = 'count'`;

export const commonChecks = (labels: Record<string, string>, keys: string[]): RowCheck[] => [
  {
    code: 'RAGGED_ROW',
    column: null,
    scope: 'any',
    when: `x.field_count is not null and x.field_count <> x.header_count`,
    value: null,
    message: `'This row has ' || x.field_count || ' cells but the header has ' || x.header_count || '. Check for a missing or extra delimiter.'`,
  },
  ...keys.map((k): RowCheck => ({
    code: 'CELL_TOO_LONG' as const,
    column: labels[k],
    scope: 'wellFormed',
    when: `length(x.${k}) > ${MAX_CELL_LENGTH}`,
    value: IDENTIFIER_KEYS.has(k) ? null : shown(`x.${k}`),
    message: `'This cell is too long (' || length(x.${k}) || ' characters; at most ${MAX_CELL_LENGTH}). The export may be broken.'`,
  })),
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Employee Number',
    scope: 'counted',
    when: `x.employee_number is null`,
    value: null,
    message: lit('Employee Number is empty; every row needs one.'),
  },
  {
    code: 'EMPLOYEE_NUMBER_TOO_LONG',
    column: 'Employee Number',
    scope: 'counted',
    when: `length(x.employee_number) > ${MAX_EMPLOYEE_NUMBER_LENGTH}`,
    value: null,
    message: lit(`Employee Number must be 1-${MAX_EMPLOYEE_NUMBER_LENGTH} characters.`),
  },
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.org_code is null`,
    value: null,
    message: lit('Organisation Code is empty (give it in the file or as the import parameter).'),
  },
  {
    code: 'ORGANISATION_MISMATCH',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.org_param is not null and x.org_in_file is not null and x.org_in_file <> x.org_param`,
    value: shown('x.org_in_file'),
    message: `'This row is for a different organisation from the one chosen for the import (' || x.org_param || ').'`,
  },
  {
    code: 'UNKNOWN_ORGANISATION',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.org_code is not null and x.org_found is null`,
    value: shown('x.org_code'),
    message: lit('Not an ODS organisation code we know (expected e.g. RJ1 or G6V2S).'),
  },
  {
    code: 'ORGANISATION_OUT_OF_SCOPE',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.org_found is not null and x.allowed_orgs is not null and not (x.org_found = any(x.allowed_orgs))`,
    value: shown('x.org_code'),
    message: lit('You are not allowed to import data for this organisation.'),
  },
];

/** Staff Group present and known; `unknownMessage` (SQL) names what the file kind accepts. */
export const staffGroupChecks = (unknownMessage: string): RowCheck[] => [
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Staff Group',
    scope: 'counted',
    when: `x.staff_group is null`,
    value: null,
    message: lit('Staff Group is empty.'),
  },
  {
    code: 'UNKNOWN_STAFF_GROUP',
    column: 'Staff Group',
    scope: 'counted',
    when: `x.staff_group is not null and x.staff_group_code is null`,
    value: shown('x.staff_group'),
    message: unknownMessage,
  },
];

/** The As At Date column of a staff list (trust or primary care): well-formed, and one date per file. */
export const AS_AT_CHECKS: RowCheck[] = [
  {
    code: 'DATE_FORMAT',
    column: 'As At Date',
    scope: 'counted',
    when: `x.as_at_date is not null and x.as_at_value is null`,
    value: shown('x.as_at_date'),
    message: lit(
      'Dates must be YYYY-MM-DD, DD/MM/YYYY or DD-MON-YYYY (e.g. 2026-09-30, 30/09/2026, 30-SEP-2026).',
    ),
  },
  {
    code: 'AS_AT_DATE_MISMATCH',
    column: 'As At Date',
    scope: 'counted',
    when: `x.as_at_value is not null and x.as_at_value <> x.as_at`,
    value: shown('x.as_at_date'),
    message: `'A file holds one snapshot: this row''s as-at date differs from ' || to_char(x.as_at, 'YYYY-MM-DD') || '.'`,
  },
];

const STAFF_LABELS: Record<string, string> = {
  employee_number: 'Employee Number',
  assignment_no: 'Assignment Number',
  org_in_file: 'Organisation Code',
  staff_group: 'Staff Group',
  job_role: 'Job Role',
  occupation_code: 'Occupation Code',
  area_of_work: 'Area of Work',
  position_title: 'Position Title',
  pay_band: 'Pay Band',
  department: 'Department',
  fte: 'FTE',
  assignment_status: 'Assignment Status',
  as_at_date: 'As At Date',
};

export const STAFF_CHECKS: RowCheck[] = [
  ...commonChecks(STAFF_LABELS, Object.keys(STAFF_LABELS)),
  {
    code: 'ORGANISATION_NOT_OPEN',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.org_found is not null and (x.org_open_date > x.as_at or (x.org_close_date is not null and x.org_close_date < x.as_at))`,
    value: shown('x.org_code'),
    message: `'This organisation was not open on the as-at date ' || to_char(x.as_at, 'YYYY-MM-DD') || '.'`,
  },
  {
    code: 'UNKNOWN_ASSIGNMENT_STATUS',
    column: 'Assignment Status',
    scope: 'wellFormed',
    when: `x.row_class is null`,
    value: shown('x.assignment_status'),
    message: lit(
      'Unknown assignment status. Counted: Active Assignment, Acting Up, Secondment; skipped: Suspend, Inactive, Terminate Assignment, Maternity Leave and other leave.',
    ),
  },
  ...staffGroupChecks(
    lit('Not one of the 10 NWD/ESR staff groups (use the name, the ESR label or the code 01-10).'),
  ),
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte is null`,
    value: null,
    message: lit('FTE is empty.'),
  },
  {
    code: 'FTE_NOT_A_NUMBER',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte is not null and x.fte_value is null`,
    value: shown('x.fte'),
    message: lit('FTE must be a decimal number such as 1 or 0.6.'),
  },
  {
    code: 'FTE_OUT_OF_RANGE',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte_value is not null and not (x.fte_value > 0 and x.fte_value <= 1)`,
    value: shown('x.fte'),
    message: lit('FTE must be more than 0 and at most 1 for one assignment.'),
  },
  {
    code: 'INVALID_OCCUPATION_CODE',
    column: 'Occupation Code',
    scope: 'counted',
    when: `x.occupation_code is not null and upper(x.occupation_code) !~ '^[A-Z0-9]{3}$'`,
    value: shown('x.occupation_code'),
    message: lit('Occupation Code must be 3 letters or digits (e.g. N0A).'),
  },
  {
    code: 'UNKNOWN_PAY_BAND',
    column: 'Pay Band',
    scope: 'counted',
    when: `x.pay_band is not null and x.pay_band_code is null`,
    value: shown('x.pay_band'),
    message: lit('Not an Agenda for Change band (Band 1-9, 8a-8d) or a medical grade we know.'),
  },
  ...AS_AT_CHECKS,
];

const COMPLETION_LABELS: Record<string, string> = {
  employee_number: 'Employee Number',
  org_in_file: 'Organisation Code',
  course: 'Course Code',
  completed_on: 'Completion Date',
  expires_on: 'Expiry Date',
  status: 'Status',
};

const dateFormat = (key: string, label: string): RowCheck => ({
  code: 'DATE_FORMAT',
  column: label,
  scope: 'counted',
  when: `x.${key} is not null and x.${key}_value is null`,
  value: shown(`x.${key}`),
  message: lit(
    'Dates must be YYYY-MM-DD, DD/MM/YYYY or DD-MON-YYYY (e.g. 2026-09-30, 30/09/2026, 30-SEP-2026).',
  ),
});

export const COMPLETION_CHECKS: RowCheck[] = [
  ...commonChecks(COMPLETION_LABELS, Object.keys(COMPLETION_LABELS)),
  {
    code: 'UNKNOWN_COMPLETION_STATUS',
    column: 'Status',
    scope: 'wellFormed',
    when: `x.row_class is null`,
    value: shown('x.status'),
    message: lit(
      'Unknown status. Counted: Complete, Completed, Passed, Achieved; skipped: In Progress, Not Started, Failed, Enrolled.',
    ),
  },
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Course Code',
    scope: 'counted',
    when: `x.course is null`,
    value: null,
    message: lit('Course Code is empty.'),
  },
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Completion Date',
    scope: 'counted',
    when: `x.completed_on is null`,
    value: null,
    message: lit('Completion Date is empty.'),
  },
  dateFormat('completed_on', 'Completion Date'),
  {
    code: 'DATE_IN_FUTURE',
    column: 'Completion Date',
    scope: 'counted',
    when: `x.completed_on_value > current_date`,
    value: shown('x.completed_on'),
    message: lit('The completion date is after today.'),
  },
  {
    code: 'DATE_TOO_EARLY',
    column: 'Completion Date',
    scope: 'counted',
    when: `x.completed_on_value < date '2000-01-01'`,
    value: shown('x.completed_on'),
    message: lit('The completion date is before 2000-01-01.'),
  },
  dateFormat('expires_on', 'Expiry Date'),
  {
    code: 'EXPIRY_BEFORE_COMPLETION',
    column: 'Expiry Date',
    scope: 'counted',
    when: `x.expires_on_value < x.completed_on_value`,
    value: shown('x.expires_on'),
    message: lit('The expiry date is before the completion date.'),
  },
];

const failing = (checks: RowCheck[]) =>
  checks.length ? checks.map((c) => `coalesce(${c.when}, false)`).join('\n        or ') : 'false';

/**
 * One boolean: does any rule fail for row x? Grouped by scope so that the shared guards (well formed,
 * counted) are evaluated once per row, not once per rule.
 */
export const anyCheckFails = (checks: RowCheck[]) => {
  const of = (scope: RowCheck['scope']) => checks.filter((c) => c.scope === scope);
  return `(${failing(of('any'))})
      or (${wellFormed} and ((${failing(of('wellFormed'))})
          or (${isCounted} and (${failing(of('counted'))}))))`;
};

const guarded = (c: RowCheck) =>
  c.scope === 'any'
    ? c.when
    : c.scope === 'wellFormed'
      ? `${wellFormed} and (${c.when})`
      : `${wellFormed} and ${isCounted} and (${c.when})`;

/** A VALUES list for a lateral join that turns one failing row into its error entries. */
export const checkValues = (checks: RowCheck[]) =>
  checks
    .map(
      (c) =>
        `(coalesce(${guarded(c)}, false), ${c.column === null ? 'null::text' : lit(c.column)}, ${c.value ?? 'null::text'}, ${lit(c.code)}, ${c.message})`,
    )
    .join(',\n        ');
