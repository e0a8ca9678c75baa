import fs from 'node:fs';
import path from 'node:path';
import { readReferenceCsv, successorIcb } from '@aiwr/db';
import type { DemoSize } from './demo-sizes';
import { monthEnds, MONTHS_BY_SIZE } from './demo-sizes';
import { generateCompletions, TrainablePerson } from './generate-completions';
import { SeededRandom } from './random';

/**
 * Demo general practice and community pharmacy for the ICBs of the demo trusts: real GP practices from the
 * shipped ODS extract (open ones in those ICBs, in code order), grouped into PCNs, plus a few community
 * pharmacies, with generated staff written as primary-care staff lists (docs/importing.md) and loaded
 * through the same import. PCN and pharmacy codes are synthetic (U9…, FY…): the project ships no PCN or
 * pharmacy list, so these codes are made up in the right format and named as demo ones.
 */
export const PRIMARY_CARE_HEADER = [
  'Staff ID',
  'Organisation Code',
  'PCN Code',
  'PCN Name',
  'ICB Code',
  'Organisation Name',
  'Staff Group',
  'Job Role',
  'Advanced Practitioner',
  'FTE',
  'Contracted Hours',
  'Employed By PCN',
];

const SHAPE: Record<
  Exclude<DemoSize, 'national'>,
  { practicesPerPcn: number; pcns: number; pharmacies: number }
> = {
  test: { practicesPerPcn: 2, pcns: 2, pharmacies: 1 },
  demo: { practicesPerPcn: 4, pcns: 3, pharmacies: 2 },
};

/** [staff group, job role, how many (min, max), FTE range, registered clinician] for one practice. */
const PRACTICE_ROLES: [string, string, number, number, boolean][] = [
  ['GP', 'GP Partner/Provider', 1, 4, true],
  ['GP', 'Salaried GP', 0, 3, true],
  ['GP', 'Locum GP', 0, 1, true],
  ['GP', 'GP Registrar', 0, 1, true],
  ['Nurses', 'Advanced Nurse Practitioner', 0, 1, true],
  ['Nurses', 'Practice Nurse', 1, 3, true],
  ['Direct Patient Care', 'Healthcare Assistant', 1, 2, false],
  ['Direct Patient Care', 'Phlebotomist', 0, 1, false],
  ['Admin/Non-Clinical', 'Practice Manager', 1, 1, false],
  ['Admin/Non-Clinical', 'Receptionist', 3, 7, false],
  ['Admin/Non-Clinical', 'Medical Secretary', 1, 2, false],
  ['Admin/Non-Clinical', 'Other Admin/Non-Clinical', 0, 2, false],
];
/** ARRS staff a PCN employs. */
const PCN_ROLES: [string, string, number, number, boolean][] = [
  ['Direct Patient Care', 'Pharmacist', 1, 2, true],
  ['Direct Patient Care', 'Pharmacy Technician', 0, 1, false],
  ['Direct Patient Care', 'Social Prescribing Link Worker', 1, 1, false],
  ['Direct Patient Care', 'Care Coordinator', 1, 2, false],
  ['Direct Patient Care', 'Physiotherapist', 0, 1, true],
  ['Direct Patient Care', 'Paramedic', 0, 1, true],
  ['Direct Patient Care', 'Digital and Transformation Lead', 0, 1, false],
];
const PHARMACY_ROLES: [string, string, number, number, boolean][] = [
  ['Pharmacists', 'Community Pharmacist', 1, 2, true],
  ['Pharmacists', 'Pharmacist Independent Prescriber', 0, 1, true],
  ['Pharmacy Support', 'Dispensing Assistant', 1, 3, false],
  ['Pharmacy Support', 'Medicines Counter Assistant', 1, 2, false],
  ['Pharmacy Management and Other', 'Delivery Driver', 0, 1, false],
];

type Row = {
  staffId: string;
  org: string;
  pcn: string;
  pcnName: string;
  icb: string;
  orgName: string;
  group: string;
  role: string;
  ap: string;
  fte: string;
  hours: string;
  byPcn: string;
};

export type PrimaryCareDemo = {
  files: { asAt: string; path: string; rows: number }[];
  completions: { path: string; rows: number };
  organisations: string[];
};

/** Deterministic: the same seed, size and ICBs give byte-identical files. */
export async function generatePrimaryCareFiles(opts: {
  seed: number;
  size: DemoSize;
  outDir: string;
  icbCodes: string[];
}): Promise<PrimaryCareDemo | null> {
  if (opts.size === 'national') return null;
  const shape = SHAPE[opts.size];
  const dates = monthEnds(MONTHS_BY_SIZE[opts.size]);
  const successors = new Map(
    readReferenceCsv('nhs-icbs.csv').map((r) => [
      r.icb_ods_code,
      r.successor_ods_codes ? r.successor_ods_codes.split(';').map((s) => s.trim()) : [],
    ]),
  );
  const splits = readReferenceCsv('icb-2026-split-by-postcode.csv');
  const practices = readReferenceCsv('ods-gp-practices-2024-05.csv')
    .filter((r) => r.status === 'A')
    .map((r) => ({
      code: r.practice_code,
      name: r.practice_name,
      icb: successorIcb(r.icb_ods_code_2024, r.postcode, successors, splits),
    }));
  const rnd = new SeededRandom(`${opts.seed}:primary-care`);
  const rows: Row[] = [];
  const people: { org: string; person: TrainablePerson }[] = [];
  const add = (
    base: Omit<Row, 'staffId' | 'group' | 'role' | 'ap' | 'fte' | 'hours'>,
    roles: typeof PRACTICE_ROLES,
  ) => {
    for (const [group, role, min, max, clinician] of roles)
      for (let i = rnd.int(min, max); i > 0; i--) {
        const staffId = `${base.org}-${String(rows.length + 1).padStart(5, '0')}`;
        const full = rnd.chance(0.45);
        const fte = full ? 1 : Math.round((0.3 + rnd.next() * 0.6) * 100) / 100;
        // Practices report either FTE or contracted hours; some of each, as NWRS exports and own lists do.
        const asHours = rnd.chance(0.3);
        rows.push({
          ...base,
          staffId,
          group,
          role,
          ap: clinician && rnd.chance(0.1) ? 'Y' : '',
          fte: asHours ? '' : String(fte),
          hours: asHours ? String(Math.round(fte * 37.5 * 4) / 4) : '',
        });
        people.push({
          org: base.byPcn === 'Y' ? base.pcn : base.org,
          person: {
            employeeNumber: staffId,
            fromMonth: 0,
            toMonth: dates.length - 1,
            propensity: rnd.next(),
            assignments: [{ template: { registeredClinician: clinician } }],
          },
        });
      }
  };
  for (const [icbIndex, icb] of opts.icbCodes.entries()) {
    const inIcb = practices.filter((p) => p.icb === icb).sort((a, b) => a.code.localeCompare(b.code));
    for (let n = 0; n < shape.pcns; n++) {
      const members = inIcb.slice(n * shape.practicesPerPcn, (n + 1) * shape.practicesPerPcn);
      if (members.length === 0) break;
      const pcn = `U9${String(icbIndex).padStart(2, '0')}${String(n + 1).padStart(2, '0')}`;
      const pcnName = `Demo PCN ${icbIndex + 1}.${n + 1} (${titleCase(members[0].name)})`;
      for (const [i, p] of members.entries()) {
        add({ org: p.code, pcn, pcnName, icb: '', orgName: '', byPcn: '' }, PRACTICE_ROLES);
        // The first partner of the lead practice is the PCN's clinical director (a second role).
        if (i === 0) {
          const partner = rows.find((r) => r.org === p.code && r.role === 'GP Partner/Provider');
          if (partner)
            rows.push({ ...partner, role: 'PCN Clinical Director', fte: '0.2', hours: '', ap: '' });
        }
      }
      add({ org: members[0].code, pcn, pcnName, icb: '', orgName: '', byPcn: 'Y' }, PCN_ROLES);
    }
    for (let n = 0; n < shape.pharmacies; n++) {
      const code = `FY${icbIndex}${String.fromCharCode(65 + n)}${n}`;
      add(
        {
          org: code,
          pcn: '',
          pcnName: '',
          icb,
          orgName: `Demo Community Pharmacy ${icbIndex + 1}${String.fromCharCode(65 + n)}`,
          byPcn: '',
        },
        PHARMACY_ROLES,
      );
    }
  }

  fs.mkdirSync(opts.outDir, { recursive: true });
  const csv = (values: string[]) =>
    values.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',') + '\n';
  const body = rows
    .map((r) =>
      csv([
        r.staffId,
        r.org,
        r.pcn,
        r.pcnName,
        r.icb,
        r.orgName,
        r.group,
        r.role,
        r.ap,
        r.fte,
        r.hours,
        r.byPcn,
      ]),
    )
    .join('');
  // One list per month end; the demo keeps the same people all year (primary care turnover is not modelled).
  const files = dates.map((asAt) => {
    const file = path.join(opts.outDir, `primary-care-${opts.size}-${asAt}.csv`);
    fs.writeFileSync(file, csv(PRIMARY_CARE_HEADER) + body);
    return { asAt, path: file, rows: rows.length };
  });
  const completionsPath = path.join(opts.outDir, `primary-care-completions-${opts.size}.csv`);
  let completions = 'Employee Number,Organisation Code,Course Code,Completion Date,Status\n';
  let completionRows = 0;
  const byOrg = new Map<string, TrainablePerson[]>();
  for (const p of people) byOrg.set(p.org, [...(byOrg.get(p.org) ?? []), p.person]);
  for (const [org, list] of byOrg) {
    // Practices take up AI training more slowly than trusts (no learning-management system of their own).
    for (const c of generateCompletions(opts.seed, org, 0.7, list, dates)) {
      if (!list.some((p) => p.employeeNumber === c.employeeNumber)) continue;
      completions += csv([c.employeeNumber, org, c.course, c.completedOn, c.status]);
      completionRows++;
    }
  }
  fs.writeFileSync(completionsPath, completions);
  return {
    files,
    completions: { path: completionsPath, rows: completionRows },
    organisations: [...new Set(rows.map((r) => r.org))],
  };
}

const titleCase = (s: string) =>
  s
    .toLowerCase()
    .replace(/\b([a-z])/g, (c) => c.toUpperCase())
    .replace(/\b(Gp|Pms|Apms|Nhs)\b/g, (w) => w.toUpperCase());
