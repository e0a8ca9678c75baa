import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { readReferenceCsv } from '@aiwr/db';
import {
  DemoOrganisation,
  DemoSize,
  DEMO_ORGANISATIONS,
  MONTHS_BY_SIZE,
  NATIONAL_MEAN_HEADCOUNT,
  TEST_ORGANISATIONS,
  monthEnds,
} from './demo-sizes';
import { generateOrganisationWorkforce } from './generate-workforce';
import { generateCompletions } from './generate-completions';
import { SeededRandom } from './random';
import { trustTypeFromName } from '@aiwr/db';

export type DemoFiles = {
  staffFiles: { asAt: string; path: string; rows: number }[];
  completionFiles: { path: string; rows: number }[];
  organisations: string[];
};

export const STAFF_HEADER = [
  'Employee Number',
  'Assignment Number',
  'Organisation Code',
  'Staff Group',
  'Job Role',
  'Occupation Code',
  'Area of Work',
  'Position Title',
  'Pay Band',
  'Department',
  'FTE',
  'Assignment Status',
];
export const COMPLETION_HEADER = [
  'Employee Number',
  'Organisation Code',
  'Course Code',
  'Completion Date',
  'Status',
];

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (values: (string | number)[]) => values.map(cell).join(',') + '\n';

const MEDICAL_GRADE: Record<string, string> = {
  'M-CON': 'Consultant',
  'M-STR': 'Specialty Registrar',
  'M-FY1': 'FY1',
  'M-FY2': 'FY2',
  'M-SAS': 'Specialty Doctor',
  'M-CT': 'Core Trainee',
  VSM: 'VSM',
};
/** As ESR exports print them: "Band 8a", or a medical grade name. */
const bandLabel = (code: string) => MEDICAL_GRADE[code] ?? `Band ${code.slice(1).toLowerCase()}`;

type OrgInfo = DemoOrganisation & { trustType: string };

/** The organisations a size covers; `national` is every open English trust in the shipped ODS extract. */
export function organisationsFor(size: DemoSize, seed: number): OrgInfo[] {
  const ods = readReferenceCsv(
    'ods-etr-nhs-trusts-2026.csv',
    Array.from({ length: 27 }, (_, i) => `c${i + 1}`),
  );
  const typeOf = new Map(ods.map((r) => [r.c1, trustTypeFromName(r.c2)]));
  if (size !== 'national')
    return (size === 'demo' ? DEMO_ORGANISATIONS : TEST_ORGANISATIONS).map((o) => ({
      ...o,
      trustType: typeOf.get(o.code) ?? 'acute',
    }));
  const rnd = new SeededRandom(`${seed}:national`);
  return ods
    .filter((r) => !r.c12 && r.c3)
    .map((r) => {
      const trustType = trustTypeFromName(r.c2);
      const mean = NATIONAL_MEAN_HEADCOUNT[trustType];
      return {
        code: r.c1,
        trustType,
        headcount: Math.round(mean * (0.35 + rnd.next() * 1.3)),
        adoption: 0.6 + rnd.next() * 0.7,
      };
    });
}

async function write(stream: fs.WriteStream, text: string) {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Writes one staff file per month-end (all the size's organisations) and one completions file, in the
 * import contract's format. Deterministic: the same seed and size give byte-identical files.
 */
export async function generateDemoFiles(opts: {
  seed: number;
  size: DemoSize;
  outDir: string;
  months?: number;
}): Promise<DemoFiles> {
  const months = opts.months ?? MONTHS_BY_SIZE[opts.size];
  const dates = monthEnds(months);
  fs.mkdirSync(opts.outDir, { recursive: true });
  const orgs = organisationsFor(opts.size, opts.seed);
  const staff = dates.map((asAt) => ({
    asAt,
    path: path.join(opts.outDir, `staff-${opts.size}-${asAt}.csv`),
    rows: 0,
  }));
  const streams = staff.map((f) => fs.createWriteStream(f.path));
  const completionsFile = { path: path.join(opts.outDir, `completions-${opts.size}.csv`), rows: 0 };
  const completionStream = fs.createWriteStream(completionsFile.path);
  for (const s of streams) await write(s, line(STAFF_HEADER));
  await write(completionStream, line(COMPLETION_HEADER));

  for (const [orgIndex, org] of orgs.entries()) {
    const people = generateOrganisationWorkforce(opts.seed, org, orgIndex, org.trustType, months);
    for (const [m, stream] of streams.entries()) {
      let chunk = '';
      for (const p of people) {
        if (m < p.fromMonth || m > p.toMonth) continue;
        for (const a of p.assignments) {
          chunk += line([
            p.employeeNumber,
            a.assignmentNumber,
            org.code,
            a.template.staffGroup === '05' ? 'Add Prof Scientific and Technic' : a.template.staffGroup,
            a.template.jobRole,
            a.occupationCode,
            a.area,
            a.title,
            bandLabel(a.band),
            a.department,
            a.fte,
            a.status,
          ]);
          staff[m].rows++;
        }
        if (chunk.length > 1 << 20) {
          await write(stream, chunk);
          chunk = '';
        }
      }
      await write(stream, chunk);
    }
    let chunk = '';
    for (const c of generateCompletions(opts.seed, org.code, org.adoption, people, dates)) {
      chunk += line([c.employeeNumber, org.code, c.course, c.completedOn, c.status]);
      completionsFile.rows++;
    }
    await write(completionStream, chunk);
  }
  await Promise.all([...streams, completionStream].map((s) => new Promise((r) => s.end(r))));
  return { staffFiles: staff, completionFiles: [completionsFile], organisations: orgs.map((o) => o.code) };
}
