import { SeededRandom } from './random';
import { Person } from './generate-workforce';
import { RoleTemplate } from './role-templates';

/** What completions are generated from: a trust's people or a practice's (generate-primary-care.ts). */
export type TrainablePerson = Pick<Person, 'employeeNumber' | 'fromMonth' | 'toMonth' | 'propensity'> & {
  assignments: { template: Pick<RoleTemplate, 'registeredClinician' | 'trains'> }[];
};

export type Completion = { employeeNumber: string; course: string; completedOn: string; status: string };

/** Titles as learning systems name them; the catalogue matches by code, title or alias. */
const COURSE_TITLES: Record<string, string> = {
  'AIF-01': 'AI foundations for health and care staff',
  'AIU-01': 'Using AI safely in clinical and operational practice',
  'AIE-01': 'Implementing and assuring AI in a care setting',
};
const STATUTORY = [
  'Fire Safety - 2 Years',
  'Information Governance and Data Security - 1 Year',
  'Equality, Diversity and Human Rights - 3 Years',
  'Basic Life Support',
];

const day = (monthEnd: string, rnd: SeededRandom) =>
  `${monthEnd.slice(0, 8)}${String(rnd.int(1, Number(monthEnd.slice(8, 10)))).padStart(2, '0')}`;

/**
 * Take-up grows month by month (the curve rises towards the last snapshot) and differs by trust.
 * Some early foundation completions lapse (two-year renewal) to make expiry visible.
 */
export function generateCompletions(
  seed: number,
  orgCode: string,
  adoption: number,
  people: TrainablePerson[],
  monthEnds: string[],
): Completion[] {
  const rnd = new SeededRandom(`${seed}:${orgCode}:completions`);
  const out: Completion[] = [];
  const last = monthEnds.length - 1;
  const takeUp = (base: number, growth: number, m: number) =>
    Math.min(0.92, (base + growth * (last ? m / last : 1)) * adoption);
  const firstMonthBelow = (p: number, base: number, growth: number, from: number, to: number) => {
    for (let m = from; m <= to; m++) if (p < takeUp(base, growth, m)) return m;
    return -1;
  };
  for (const person of people) {
    const modules = new Set<string>();
    modules.add('AIF-01');
    for (const a of person.assignments) {
      if (a.template.registeredClinician) modules.add('AIU-01');
      for (const m of a.template.trains ?? []) modules.add(m);
    }
    // Shapers, drivers, creators and embedders also need the shared advanced ethics/law module.
    if (['AIC-01', 'AIE-01', 'AID-01', 'AIS-01'].some((m) => modules.has(m))) modules.add('AIX-01');
    for (const module of modules) {
      const foundation = module === 'AIF-01';
      const p = (person.propensity + rnd.next() * 0.25) / 1.25;
      const m = foundation
        ? firstMonthBelow(p, 0.1, 0.55, person.fromMonth, person.toMonth)
        : firstMonthBelow(p, 0.04, module === 'AIU-01' ? 0.3 : 0.4, person.fromMonth, person.toMonth);
      if (m < 0) continue;
      const course = rnd.chance(0.15) && COURSE_TITLES[module] ? COURSE_TITLES[module] : module;
      if (foundation && m === person.fromMonth && rnd.chance(0.12)) {
        // Completed long before: lapsed after two years unless renewed.
        out.push({
          employeeNumber: person.employeeNumber,
          course,
          completedOn: `2024-${String(rnd.int(3, 9)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
          status: 'Completed',
        });
        if (rnd.chance(0.5))
          out.push({
            employeeNumber: person.employeeNumber,
            course,
            completedOn: day(monthEnds[rnd.int(Math.min(last, person.fromMonth + 2), last)], rnd),
            status: 'Passed',
          });
        continue;
      }
      out.push({
        employeeNumber: person.employeeNumber,
        course,
        completedOn: day(monthEnds[m], rnd),
        status: rnd.pick(['Completed', 'Completed', 'Passed', 'Achieved']),
      });
    }
    if (rnd.chance(0.2))
      out.push({
        employeeNumber: person.employeeNumber,
        course: rnd.pick(STATUTORY),
        completedOn: day(monthEnds[rnd.int(person.fromMonth, person.toMonth)], rnd),
        status: 'Completed',
      });
    if (rnd.chance(0.01))
      out.push({
        employeeNumber: person.employeeNumber,
        course: 'AIF-01',
        completedOn: day(monthEnds[last], rnd),
        status: 'In Progress',
      });
  }
  // Learning records for people the staff files never mention (reported as unmatched).
  const strangers = Math.round(people.length * 0.003);
  for (let i = 0; i < strangers; i++)
    out.push({
      employeeNumber: String(90_000_000 + rnd.int(0, 9_999_999)),
      course: 'AIF-01',
      completedOn: day(monthEnds[rnd.int(0, last)], rnd),
      status: 'Completed',
    });
  return out;
}
