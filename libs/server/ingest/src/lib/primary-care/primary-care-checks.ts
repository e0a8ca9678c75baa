import { AS_AT_CHECKS, commonChecks, lit, RowCheck, shown, staffGroupChecks } from '../row-checks';

/** Column labels of the primary-care staff list (PRIMARY_CARE_COLUMNS), by normalised key. */
const LABELS: Record<string, string> = {
  employee_number: 'Staff ID',
  org_in_file: 'Organisation Code',
  org_name: 'Organisation Name',
  pcn_code: 'PCN Code',
  pcn_name: 'PCN Name',
  icb_code: 'ICB Code',
  staff_group: 'Staff Group',
  job_role: 'Job Role',
  advanced_practitioner: 'Advanced Practitioner',
  fte: 'FTE',
  hours: 'Contracted Hours',
  employed_by_pcn: 'Employed By PCN',
  as_at_date: 'As At Date',
};

const YES_NO = `'^(y|n|yes|no|true|false|1|0)$'`;

/** The shared checks speak of "Employee Number"; this contract calls the column "Staff ID". */
const renamed = (c: RowCheck): RowCheck =>
  c.column === 'Employee Number'
    ? { ...c, column: 'Staff ID', message: c.message.replace(/Employee Number/g, 'Staff ID') }
    : c;

/**
 * Every row rule of the primary-care staff list (docs/importing.md), over the row `x` built by
 * buildPrimaryCareRows. `x.org_code` is the organisation the row is stored under: the PCN for ARRS staff
 * employed by a PCN, otherwise the practice or pharmacy in the file (`x.file_org`).
 */
export const PRIMARY_CARE_CHECKS: RowCheck[] = [
  ...commonChecks(LABELS, Object.keys(LABELS)).map(renamed),
  {
    code: 'UNKNOWN_ORGANISATION',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.file_org is not null and x.file_org <> x.org_code and x.file_org_kind is null`,
    value: shown('x.file_org'),
    message: lit('Not a GP practice, PCN or community pharmacy code we know (e.g. A81001, U12345, FA123).'),
  },
  {
    code: 'NOT_PRIMARY_CARE',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.file_org_kind = 'trust'`,
    value: shown('x.file_org'),
    message: lit('This is an NHS trust: import its staff as an ESR staff list, not a primary-care list.'),
  },
  {
    code: 'PHARMACY_ICB_MISSING',
    column: 'ICB Code',
    scope: 'counted',
    when: `x.file_org ~ '^F[A-Z0-9]{4}$' and x.file_org_kind is null`,
    value: shown('x.icb_code'),
    message: lit(
      'A community pharmacy new to the product needs the code of its current ICB (e.g. QMF) in the ICB Code column.',
    ),
  },
  {
    code: 'ORGANISATION_NOT_OPEN',
    column: 'Organisation Code',
    scope: 'counted',
    when: `x.file_org_kind is not null and (x.file_org_open > x.as_at or (x.file_org_close is not null and x.file_org_close < x.as_at))`,
    value: shown('x.file_org'),
    message: `'This organisation was not open on the as-at date ' || to_char(x.as_at, 'YYYY-MM-DD') || '.'`,
  },
  {
    code: 'INVALID_PCN_CODE',
    column: 'PCN Code',
    scope: 'counted',
    when: `x.pcn_code is not null and (upper(x.pcn_code) !~ '^U[0-9]{5}$' or x.pcn_kind is distinct from 'pcn')`,
    value: shown('x.pcn_code'),
    message: lit(
      'A PCN code is U followed by five digits (e.g. U12345), and a practice in the file must name it.',
    ),
  },
  {
    code: 'PCN_CODE_MISSING',
    column: 'PCN Code',
    scope: 'counted',
    when: `x.employed_by_pcn_value and x.file_org_kind = 'practice' and x.pcn_code is null`,
    value: null,
    message: lit(
      'Staff employed by a PCN need the PCN Code: they are counted in the PCN, not in the practice.',
    ),
  },
  {
    code: 'NOT_A_PRACTICE',
    column: 'Employed By PCN',
    scope: 'counted',
    when: `x.employed_by_pcn_value and x.file_org_kind = 'pharmacy'`,
    value: shown('x.employed_by_pcn'),
    message: lit(
      'Only general practice staff can be employed by a PCN; a pharmacy row must say N or leave it empty.',
    ),
  },
  ...staffGroupChecks(
    `'Not a primary-care staff group. Accepted: ' || (select string_agg(esr_label, ', ' order by code) from staff_group where setting <> 'trust') || '.'`,
  ),
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'Job Role',
    scope: 'counted',
    when: `x.job_role is null`,
    value: null,
    message: lit('Job Role is empty.'),
  },
  {
    code: 'UNKNOWN_JOB_ROLE',
    column: 'Job Role',
    scope: 'counted',
    when: `x.job_role is not null and x.role_any is null`,
    value: shown('x.job_role'),
    message: `'Not a job role we know. Accepted: ' || (select string_agg(name, ', ' order by code) from primary_care_role) || '.'`,
  },
  {
    code: 'ROLE_NOT_IN_STAFF_GROUP',
    column: 'Job Role',
    scope: 'counted',
    when: `x.role_any is not null and x.staff_group_code is not null and x.role_code is null`,
    value: shown('x.job_role'),
    message: `'This job role is not in the staff group ' || x.staff_group || '. Accepted in this group: ' || coalesce((select string_agg(name, ', ' order by code) from primary_care_role where staff_group_code = x.staff_group_code), 'none') || '.'`,
  },
  {
    code: 'SETTING_MISMATCH',
    column: 'Staff Group',
    scope: 'counted',
    when: `x.staff_group_setting is not null and x.file_org_setting <> 'trust' and x.staff_group_setting <> x.file_org_setting`,
    value: shown('x.staff_group'),
    message: lit(
      'This staff group belongs to the other setting (general practice groups for practices and PCNs, pharmacy groups for pharmacies).',
    ),
  },
  {
    code: 'FLAG_NOT_YES_NO',
    column: 'Advanced Practitioner',
    scope: 'counted',
    when: `x.advanced_practitioner is not null and lower(x.advanced_practitioner) !~ ${YES_NO}`,
    value: shown('x.advanced_practitioner'),
    message: lit('Write Y or N (or leave it empty).'),
  },
  {
    code: 'FLAG_NOT_YES_NO',
    column: 'Employed By PCN',
    scope: 'counted',
    when: `x.employed_by_pcn is not null and lower(x.employed_by_pcn) !~ ${YES_NO}`,
    value: shown('x.employed_by_pcn'),
    message: lit('Write Y for staff a PCN employs (ARRS roles) or N (or leave it empty).'),
  },
  {
    code: 'REQUIRED_VALUE_MISSING',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte is null and x.hours is null`,
    value: null,
    message: lit('Give the FTE or the contracted hours per week (37.5 hours = 1.0 FTE).'),
  },
  {
    code: 'FTE_NOT_A_NUMBER',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte is not null and x.fte_number is null`,
    value: shown('x.fte'),
    message: lit('FTE must be a decimal number such as 1 or 0.6.'),
  },
  {
    code: 'HOURS_NOT_A_NUMBER',
    column: 'Contracted Hours',
    scope: 'counted',
    when: `x.fte is null and x.hours is not null and x.hours_number is null`,
    value: shown('x.hours'),
    message: lit('Contracted hours must be a number of hours per week such as 37.5 or 16.'),
  },
  {
    code: 'FTE_OUT_OF_RANGE',
    column: 'FTE',
    scope: 'counted',
    when: `x.fte_number is not null and not (x.fte_number > 0 and x.fte_number <= 1)`,
    value: shown('x.fte'),
    message: lit('FTE must be more than 0 and at most 1 for one role.'),
  },
  {
    code: 'HOURS_OUT_OF_RANGE',
    column: 'Contracted Hours',
    scope: 'counted',
    when: `x.fte is null and x.hours_number is not null and not (x.hours_number > 0 and x.hours_number <= 37.5)`,
    value: shown('x.hours'),
    message: lit(
      'Contracted hours must be more than 0 and at most 37.5 a week for one role (37.5 hours = 1.0 FTE).',
    ),
  },
  ...AS_AT_CHECKS,
];
