/**
 * A trust's monthly ESR staff file at a chosen shape, for `bench:import --scenario monthly`. Independent
 * of the demo generator on purpose: the knobs vary what real exports vary (how many people hold several
 * assignments, how many departments and distinct position titles, which optional columns are present,
 * odd spellings), and the same people recur month after month with realistic churn, so a month's
 * import meets its predecessor as it would in use.
 */
import fs from 'node:fs';
import { once } from 'node:events';

export type TrustShape = {
  orgCode: string;
  /** assignment rows in a month (approximately: churn moves it by a percent or two) */
  rows: number;
  /** share of people with two or more assignments, 0–0.2 */
  multiAssignment: number;
  /** distinct departments; 0 leaves the Department column out */
  departments: number;
  /** distinct position titles */
  titles: number;
  /** optional columns present in the file (required ones always are) */
  optional: OptionalColumn[];
  /** odd spellings real exports carry: `A&E`, mixed case, staff group codes and ESR's abbreviated labels, stray spaces */
  oddSpellings: boolean;
  seed: number;
};

export const OPTIONAL_COLUMNS = [
  'Assignment Number',
  'Job Role',
  'Occupation Code',
  'Area of Work',
  'Position Title',
  'Pay Band',
  'Department',
  'Assignment Status',
] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export const DEFAULT_SHAPE: TrustShape = {
  orgCode: 'RJ1',
  rows: 30_000,
  multiAssignment: 0.08,
  departments: 0,
  titles: 3_000,
  optional: OPTIONAL_COLUMNS.filter((c) => c !== 'Department'),
  oddSpellings: true,
  seed: 17,
};

// staff group (as ESR writes it, and an odd spelling), job roles, areas of work, title stems, bands, weight
const GROUPS: [string, string, string[], string[], string[], string[], number][] = [
  [
    'Nursing and Midwifery Registered',
    'nursing and midwifery registered',
    ['Staff Nurse', 'Sister/Charge Nurse', 'Nurse Manager', 'Midwife', 'Specialist Nurse Practitioner'],
    ['Emergency Medicine', 'A&E', 'General Medicine', 'Surgery', 'Paediatrics', 'Maternity'],
    [
      'Staff Nurse',
      'Ward Sister',
      'Charge Nurse',
      'Midwife',
      'Clinical Nurse Specialist',
      'Nurse Practitioner',
    ],
    ['Band 5', 'Band 6', 'Band 7', '8a'],
    26,
  ],
  [
    'Medical and Dental',
    'MEDICAL AND DENTAL',
    ['Consultant', 'Specialty Registrar', 'Foundation Year 1', 'Specialty Doctor'],
    ['Radiology', 'General Medicine', 'Cardiology', 'Histopathology', 'Accident & Emergency'],
    ['Consultant', 'Specialty Registrar', 'Foundation Doctor', 'Specialty Doctor', 'Clinical Fellow'],
    ['Consultant', 'Specialty Registrar', 'FY1', 'Specialty Doctor'],
    9,
  ],
  [
    'Allied Health Professionals',
    '04',
    ['Physiotherapist', 'Radiographer - Diagnostic', 'Occupational Therapist', 'Dietitian'],
    ['Therapies', 'Radiology', 'Diagnostic Imaging'],
    ['Physiotherapist', 'Diagnostic Radiographer', 'Occupational Therapist', 'Dietitian', 'Sonographer'],
    ['Band 5', 'Band 6', 'Band 7'],
    7,
  ],
  [
    'Additional Professional Scientific and Technical',
    'Add Prof Scientific and Technic',
    ['Pharmacist', 'Pharmacy Technician', 'Psychologist'],
    ['Pharmacy', 'Psychology'],
    ['Pharmacist', 'Pharmacy Technician', 'Clinical Psychologist'],
    ['Band 4', 'Band 6', 'Band 7', '8a', '8b'],
    5,
  ],
  [
    'Additional Clinical Services',
    'Additional Clinical Services',
    ['Healthcare Assistant', 'Nursing Associate', 'Support Worker'],
    ['General Medicine', 'Community Services', 'A & E'],
    ['Healthcare Assistant', 'Nursing Associate', 'Clinical Support Worker', 'Phlebotomist'],
    ['Band 2', 'Band 3', 'Band 4'],
    19,
  ],
  [
    'Administrative and Clerical',
    '08',
    ['Administrator', 'Manager', 'Senior Manager', 'Clerical Worker'],
    ['Finance', 'Information Technology', 'Human Resources', 'Informatics'],
    ['Data Analyst', 'Medical Secretary', 'Business Intelligence Manager', 'Ward Clerk', 'Receptionist'],
    ['Band 2', 'Band 3', 'Band 4', 'Band 6', '8a'],
    22,
  ],
  [
    'Estates and Ancillary',
    'estates and ancillary ',
    ['Porter', 'Domestic', 'Maintenance Craftsperson'],
    ['Estates', 'Facilities'],
    ['Porter', 'Domestic Assistant', 'Electrician', 'Catering Assistant'],
    ['Band 2', 'Band 3'],
    8,
  ],
  [
    'Healthcare Scientists',
    'Healthcare Scientists',
    ['Clinical Scientist', 'Biomedical Scientist'],
    ['Pathology', 'Audiology'],
    ['Clinical Scientist', 'Biomedical Scientist', 'Audiologist'],
    ['Band 5', 'Band 6', 'Band 7'],
    4,
  ],
];
const TOTAL_WEIGHT = GROUPS.reduce((s, g) => s + g[6], 0);
const QUALIFIERS = ['', 'Senior ', 'Lead ', 'Trainee ', 'Rotational ', 'Advanced ', 'Principal ', 'Deputy '];
const PLACES = ['Ward', 'Unit', 'Clinic', 'Team', 'Theatre', 'Hub', 'Service', 'Bay'];

/** A deterministic hash of integers to [0, 1): the same person has the same attributes every run. */
function unit(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return (h >>> 0) / 4294967296;
}

const pick = <T>(xs: T[], u: number) => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))];

/** The distinct-title universe: stem × qualifier × place number, `titles` of them, used roughly Zipf-wise. */
function titleOf(shape: TrustShape, stems: string[], u: number, v: number): string {
  // Squaring skews towards the common titles, as real exports are (a few titles cover most staff).
  const n = Math.floor(u * u * shape.titles);
  const stem = stems[n % stems.length];
  const qualifier = QUALIFIERS[Math.floor(n / stems.length) % QUALIFIERS.length];
  const place = Math.floor(n / (stems.length * QUALIFIERS.length));
  const title = place
    ? `${qualifier}${stem} - ${PLACES[place % PLACES.length]} ${place}`
    : `${qualifier}${stem}`;
  return shape.oddSpellings && v < 0.05 ? ` ${title.toUpperCase()} ` : title;
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Writes month `month` (0–23) of the trust. Of the pool of people, some join and some leave in a given
 * month (about 1.5 % each) and each has a month when their post changes (about 3 % a month: another
 * title, band, area or department), so consecutive months differ as real ones do.
 */
export async function writeTrustMonth(file: string, shape: TrustShape, month: number): Promise<number> {
  const cols = ['Employee Number', 'Organisation Code', 'Staff Group', 'FTE', ...shape.optional].filter(
    (c) => c !== 'Department' || shape.departments > 0,
  );
  const out = fs.createWriteStream(file);
  out.write(cols.join(',') + '\n');
  // Present in a middle month: everyone of the first `people` who has not left yet, plus the joiners so far.
  const people = Math.ceil(shape.rows / (1 + shape.multiAssignment * 1.15));
  let written = 0;
  for (let i = 0; i < people * 1.36; i++) {
    const s = shape.seed;
    // Over 24 months about 1.5 % of people join and 1.5 % leave each month; the pool's last sixth are
    // the joiners. A post changes once, in a month spread over 33 (about 3 % a month).
    const joins = i >= people ? Math.floor(unit(s, i, 2) * 24) : -1;
    const leaves = unit(s, i, 3) < 0.36 ? Math.floor(unit(s, i, 4) * 24) + 1 : 999;
    if (month < joins || month >= leaves) continue;
    const changed = month >= Math.floor(unit(s, i, 5) * 33) ? 1 : 0;
    const assignments = unit(s, i, 6) < shape.multiAssignment ? 2 + (unit(s, i, 7) < 0.15 ? 1 : 0) : 1;
    for (let a = 1; a <= assignments; a++) {
      const r = (k: number) => unit(s, i, a, changed, k);
      let w = r(10) * TOTAL_WEIGHT;
      let g = 0;
      while ((w -= GROUPS[g][6]) > 0) g++;
      const [group, oddGroup, roles, areas, stems, bands] = GROUPS[g];
      const fte =
        assignments > 1
          ? (1 / assignments).toFixed(2)
          : r(11) < 0.7
            ? '1'
            : (0.2 + Math.floor(r(12) * 8) / 10).toFixed(1);
      const values: Record<string, string> = {
        'Employee Number': String(20_000_000 + i),
        'Organisation Code': shape.orgCode,
        'Staff Group': shape.oddSpellings && r(13) < 0.1 ? oddGroup : group,
        FTE: fte,
        'Assignment Number': `${20_000_000 + i}-${a}`,
        'Job Role': pick(roles, r(14)),
        'Occupation Code': `${'ABCDEFGH'[g]}${Math.floor(r(15) * 9)}${'ABC'[Math.floor(r(16) * 3)]}`,
        'Area of Work': ((v) => (shape.oddSpellings && r(17) < 0.1 ? v.toLowerCase() : v))(
          pick(areas, r(18)),
        ),
        'Position Title': titleOf(shape, stems, r(19), r(20)),
        'Pay Band': pick(bands, r(21)),
        Department: `${pick(['Directorate', 'Division', 'Cost Centre', 'Dept'], r(22))} ${1 + Math.floor(r(23) * shape.departments)}`,
        'Assignment Status':
          r(24) < 0.9 ? 'Active Assignment' : pick(['Acting Up', 'Secondment', 'Maternity Leave'], r(25)),
      };
      const line = cols.map((c) => csvCell(values[c])).join(',') + '\n';
      if (!out.write(line)) await once(out, 'drain');
      written++;
    }
  }
  out.end();
  await once(out, 'finish');
  return written;
}

export function shapeFromArgs(a: Record<string, string | boolean | undefined>): TrustShape {
  const num = (k: string, d: number) => (a[k] === undefined ? d : Number(a[k]));
  const optional =
    typeof a['columns'] === 'string'
      ? (a['columns'].split(',').map((c) => c.trim()) as OptionalColumn[])
      : DEFAULT_SHAPE.optional;
  for (const c of optional)
    if (!OPTIONAL_COLUMNS.includes(c)) throw new Error(`--columns: unknown optional column "${c}"`);
  const departments = num('departments', DEFAULT_SHAPE.departments);
  return {
    orgCode: typeof a['org'] === 'string' ? a['org'] : DEFAULT_SHAPE.orgCode,
    rows: num('trust-rows', DEFAULT_SHAPE.rows),
    multiAssignment: num('multi', DEFAULT_SHAPE.multiAssignment),
    departments,
    titles: num('titles', DEFAULT_SHAPE.titles),
    optional: departments > 0 && !optional.includes('Department') ? [...optional, 'Department'] : optional,
    oddSpellings: a['plain-spellings'] !== true,
    seed: num('seed', DEFAULT_SHAPE.seed),
  };
}
