/**
 * The columns of the import contract (docs/importing.md, data-formats §2–3): canonical keys, the names
 * and aliases a trust's export may use, and which are required. Header matching folds case, spaces,
 * underscores, hyphens and dots, so "EMPLOYEE_NUMBER" and "Employee-Number" both match.
 */
export type ImportKind = 'staff' | 'completions' | 'primary_care';

export type ColumnSpec = { key: string; label: string; aliases: string[]; required: boolean };

const employeeNumber: ColumnSpec = {
  key: 'employee_number',
  label: 'Employee Number',
  aliases: ['Staff Number', 'Person Number', 'Employee ID', 'Staff ID', 'Person ID'],
  required: true,
};
const organisationCode: ColumnSpec = {
  key: 'org_code',
  label: 'Organisation Code',
  aliases: ['Org Code', 'ODS Code', 'Organisation', 'Employing Organisation Code'],
  // Required unless given as a parameter: checked by the pipeline, not here.
  required: false,
};

export const STAFF_COLUMNS: ColumnSpec[] = [
  employeeNumber,
  {
    key: 'assignment_no',
    label: 'Assignment Number',
    aliases: ['Assignment ID', 'Assignment'],
    required: false,
  },
  organisationCode,
  {
    key: 'staff_group',
    label: 'Staff Group',
    aliases: ['Staff Group Name', 'NWD Staff Group'],
    required: true,
  },
  { key: 'job_role', label: 'Job Role', aliases: ['Job Role Name', 'Role'], required: false },
  { key: 'occupation_code', label: 'Occupation Code', aliases: ['Occ Code'], required: false },
  {
    key: 'area_of_work',
    label: 'Area of Work',
    aliases: ['Area Of Work Name', 'Specialty'],
    required: false,
  },
  {
    key: 'position_title',
    label: 'Position Title',
    aliases: ['Position', 'Job Title', 'Post Title'],
    required: false,
  },
  {
    key: 'pay_band',
    label: 'Pay Band',
    aliases: ['Grade', 'Band', 'AfC Band', 'Pay Grade'],
    required: false,
  },
  {
    key: 'department',
    label: 'Department',
    aliases: ['Cost Centre', 'Cost Centre Name', 'Directorate', 'Team'],
    required: false,
  },
  { key: 'fte', label: 'FTE', aliases: ['Contracted FTE', 'WTE', 'Whole Time Equivalent'], required: true },
  { key: 'assignment_status', label: 'Assignment Status', aliases: ['Status'], required: false },
  { key: 'as_at_date', label: 'As At Date', aliases: ['As At', 'Snapshot Date'], required: false },
];

export const COMPLETION_COLUMNS: ColumnSpec[] = [
  employeeNumber,
  organisationCode,
  {
    key: 'course',
    label: 'Course Code',
    aliases: ['Course', 'Course Name', 'Competence Name', 'Module', 'Module Code', 'Learning Item'],
    required: true,
  },
  {
    key: 'completed_on',
    label: 'Completion Date',
    aliases: ['Completed On', 'Achievement Date', 'Date Completed'],
    required: true,
  },
  { key: 'expires_on', label: 'Expiry Date', aliases: ['Expires On', 'Valid Until'], required: false },
  { key: 'status', label: 'Status', aliases: ['Completion Status', 'Outcome'], required: false },
];

/**
 * A primary-care staff list (NWRS / wMDS export or a practice's or pharmacy's own list): one row per
 * person and role. Either FTE or contracted hours (37.5 h = 1.0) is required: checked by the pipeline.
 */
export const PRIMARY_CARE_COLUMNS: ColumnSpec[] = [
  {
    key: 'employee_number',
    label: 'Staff ID',
    aliases: [
      'Unique Identifier',
      'NWRS Unique Identifier',
      'NWRS ID',
      'Unique Staff Identifier',
      'Staff Number',
      'Employee Number',
      'Person ID',
    ],
    required: true,
  },
  {
    ...organisationCode,
    aliases: [...organisationCode.aliases, 'Practice Code', 'Pharmacy Code', 'Prac Code'],
  },
  {
    key: 'org_name',
    label: 'Organisation Name',
    aliases: ['Practice Name', 'Pharmacy Name', 'Prac Name'],
    required: false,
  },
  { key: 'pcn_code', label: 'PCN Code', aliases: ['PCN', 'Primary Care Network Code'], required: false },
  { key: 'pcn_name', label: 'PCN Name', aliases: ['Primary Care Network Name'], required: false },
  { key: 'icb_code', label: 'ICB Code', aliases: ['ICB', 'Integrated Care Board Code'], required: false },
  { key: 'staff_group', label: 'Staff Group', aliases: ['Staff Group Name'], required: true },
  {
    key: 'job_role',
    label: 'Job Role',
    aliases: ['Role', 'Staff Role', 'Detailed Staff Role'],
    required: true,
  },
  {
    key: 'advanced_practitioner',
    label: 'Advanced Practitioner',
    aliases: ['Advanced Practitioner Flag', 'Advanced Practice'],
    required: false,
  },
  { key: 'fte', label: 'FTE', aliases: ['WTE', 'Whole Time Equivalent', 'Contracted FTE'], required: false },
  {
    key: 'hours',
    label: 'Contracted Hours',
    aliases: ['Hours', 'Weekly Hours', 'Hours Per Week', 'Contracted Hours Per Week'],
    required: false,
  },
  {
    key: 'employed_by_pcn',
    label: 'Employed By PCN',
    aliases: ['PCN Employed', 'ARRS', 'ARRS Funded'],
    required: false,
  },
  {
    key: 'as_at_date',
    label: 'As At Date',
    aliases: ['As At', 'Snapshot Date', 'Census Date'],
    required: false,
  },
];

export const columnsFor = (kind: ImportKind) =>
  kind === 'staff' ? STAFF_COLUMNS : kind === 'primary_care' ? PRIMARY_CARE_COLUMNS : COMPLETION_COLUMNS;

/** Case, spaces, underscores, hyphens and dots do not matter in a header. */
export const foldHeader = (header: string) =>
  header
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');

/**
 * Headers that carry personal data. They are dropped before anything is stored and never echoed.
 * Matched on the folded header, so "Last Name", "SURNAME" and "e-mail address" are all caught.
 */
const PERSONAL_DATA_PATTERNS: { pattern: RegExp; what: string }[] = [
  {
    pattern: /^(full|first|last|middle|given|family|preferred|known|maiden|person|employee|staff)?names?$/,
    what: 'name',
  },
  { pattern: /^(fore|sur)names?$/, what: 'name' },
  { pattern: /^title$/, what: 'title (honorific)' },
  { pattern: /(dateofbirth|^dob$|birthdate|^age$)/, what: 'date of birth' },
  { pattern: /(nationalinsurance|^ni(no|number)?$)/, what: 'National Insurance number' },
  { pattern: /^nhs(no|number)$/, what: 'NHS number' },
  { pattern: /(address|^addressline|^street|^town|^city)/, what: 'address' },
  { pattern: /post ?code|^zip/, what: 'postcode' },
  { pattern: /e?mail/, what: 'email address' },
  { pattern: /(phone|mobile|telephone|^tel(no)?$)/, what: 'phone number' },
  {
    pattern: /^(gender|sex|ethnicity|ethnicorigin|religion|sexualorientation|disability)$/,
    what: 'special category data',
  },
];

export function personalDataKind(header: string): string | null {
  const folded = foldHeader(header);
  return PERSONAL_DATA_PATTERNS.find((p) => p.pattern.test(folded))?.what ?? null;
}

export type HeaderMapping = {
  /** canonical key → zero-based position in the file */
  positions: Map<string, number>;
  /** positions whose values must never be read or stored */
  personal: { position: number; header: string; what: string }[];
  unknown: string[];
  /** the same column given twice, e.g. "Staff Number" and "Employee ID" */
  duplicated: { header: string; key: string }[];
};

export function mapHeaders(kind: ImportKind, headers: string[]): HeaderMapping {
  const lookup = new Map<string, ColumnSpec>();
  for (const c of columnsFor(kind))
    for (const name of [c.label, ...c.aliases]) lookup.set(foldHeader(name), c);
  const positions = new Map<string, number>();
  const personal: HeaderMapping['personal'] = [];
  const unknown: string[] = [];
  const duplicated: HeaderMapping['duplicated'] = [];
  headers.forEach((raw, position) => {
    const header = raw.replace(/^\uFEFF/, '').trim();
    if (!header) return;
    const spec = lookup.get(foldHeader(header));
    if (spec) {
      if (positions.has(spec.key)) duplicated.push({ header, key: spec.label });
      else positions.set(spec.key, position);
      return;
    }
    const what = personalDataKind(header);
    if (what) personal.push({ position, header, what });
    else unknown.push(header);
  });
  return { positions, personal, unknown, duplicated };
}
