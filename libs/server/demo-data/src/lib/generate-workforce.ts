import { SeededRandom } from './random';
import {
  DIVISION_BY_AREA,
  ROLE_TEMPLATES,
  RoleTemplate,
  SECOND_ASSIGNMENTS,
  STAFF_GROUP_MIX,
  UNMAPPED_AREAS,
} from './role-templates';
import { DemoOrganisation } from './demo-sizes';

export type Assignment = {
  assignmentNumber: string;
  template: RoleTemplate;
  occupationCode: string;
  title: string;
  band: string;
  area: string;
  department: string;
  fte: number;
  status: string;
};

export type Person = {
  employeeNumber: string;
  /** First and last snapshot index the person is in the workforce (inclusive). */
  fromMonth: number;
  toMonth: number;
  assignments: Assignment[];
  /** 0..1: how early this person takes up training. */
  propensity: number;
};

const templatesByGroup = new Map<string, (readonly [RoleTemplate, number])[]>();
for (const t of ROLE_TEMPLATES) {
  const list = templatesByGroup.get(t.staffGroup) ?? [];
  list.push([t, t.weight]);
  templatesByGroup.set(t.staffGroup, list);
}

/** Ambulance and mental-health trusts have a different mix of roles than an acute trust. */
function roleFor(rnd: SeededRandom, trustType: string): RoleTemplate {
  for (let tries = 0; tries < 20; tries++) {
    const group = rnd.weighted(STAFF_GROUP_MIX);
    const t = rnd.weighted(templatesByGroup.get(group)!);
    const ambulanceRole = t.areas.some((a) => /Ambulance|Paramedic|Emergency Operations|NHS 111/.test(a));
    if (trustType === 'ambulance' && t.staffGroup !== '08' && t.staffGroup !== '09' && !ambulanceRole)
      continue;
    if (trustType !== 'ambulance' && ambulanceRole) continue;
    return t;
  }
  return ROLE_TEMPLATES[0];
}

function departmentFor(area: string): string {
  if (DIVISION_BY_AREA[area]) return DIVISION_BY_AREA[area];
  if (/Mental|Psych|CAMHS|Learning|Talking/.test(area)) return 'Mental Health Services';
  if (/Community|District|Health Visiting|Hospital at Home|Virtual/.test(area)) return 'Community Services';
  if (/Ambulance|Paramedic|Emergency Operations|NHS 111/.test(area)) return 'Operations';
  if (/Digital|IM&T|Information|Informatics|Data|Clinical Safety|Business Intelligence/.test(area))
    return 'Digital Services';
  if (/Estates|Facilities|Portering|Domestic|Catering|Security/.test(area)) return 'Estates and Facilities';
  if (
    /Finance|Human|Procurement|Executive|Strategy|Governance|Transformation|Communications|Records|Administration|Patient Services|Outpatients|Bank/.test(
      area,
    )
  )
    return 'Corporate Services';
  return 'Clinical Support Services';
}

function assignment(
  rnd: SeededRandom,
  employee: string,
  n: number,
  t: RoleTemplate,
  second: boolean,
): Assignment {
  const area = rnd.chance(0.01) ? rnd.pick(UNMAPPED_AREAS) : rnd.pick(t.areas);
  const fte = second
    ? rnd.pick([0.1, 0.2, 0.2, 0.3, 0.4])
    : rnd.weighted([
        [1, 60],
        [0.8, 14],
        [0.6, 10],
        [0.5, 8],
        [0.4, 5],
        [0.27, 3],
      ] as const);
  const status = rnd.weighted([
    ['Active Assignment', 975],
    ['Maternity Leave', 12],
    ['Secondment', 6],
    ['Acting Up', 4],
    ['Suspend Assignment', 3],
  ] as const);
  return {
    assignmentNumber: `${employee}-${n}`,
    template: t,
    occupationCode: rnd.pick(t.occupationCodes),
    title: rnd.pick(t.titles),
    band: rnd.pick(t.bands),
    area,
    department: departmentFor(area),
    fte,
    status,
  };
}

/** The whole workforce of one organisation over `months` snapshots, with joiners and leavers. */
export function generateOrganisationWorkforce(
  seed: number,
  org: DemoOrganisation,
  orgIndex: number,
  trustType: string,
  months: number,
): Person[] {
  const rnd = new SeededRandom(`${seed}:${org.code}`);
  const people: Person[] = [];
  const turnover = 0.011;
  const total = Math.round(org.headcount * (1 + turnover * (months - 1)));
  for (let i = 0; i < total; i++) {
    const employeeNumber = String(10_000_000 + orgIndex * 700_000 + i * 3 + rnd.int(0, 2));
    const joiner = i >= org.headcount;
    const fromMonth = joiner ? rnd.int(1, Math.max(1, months - 1)) : 0;
    const toMonth = !joiner && rnd.chance(turnover * (months - 1)) ? rnd.int(0, months - 2) : months - 1;
    const main = roleFor(rnd, trustType);
    const assignments = [assignment(rnd, employeeNumber, 1, main, false)];
    if (rnd.chance(0.06)) {
      const second = rnd.weighted(
        SECOND_ASSIGNMENTS.filter((s) => main.staffGroup === '01' || s.staffGroup !== '01').map(
          (s) => [s, s.weight] as const,
        ),
      );
      assignments.push(assignment(rnd, employeeNumber, 2, second, true));
    }
    people.push({
      employeeNumber,
      fromMonth,
      toMonth: Math.max(fromMonth, toMonth),
      assignments,
      propensity: rnd.next(),
    });
  }
  return people;
}
