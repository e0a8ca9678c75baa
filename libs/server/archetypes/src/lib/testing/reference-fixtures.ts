import { readPrimaryCareRoles, readReferenceCsv, readReferenceYaml } from '@aiwr/db';
import { areaOfWorkKey } from '@aiwr/shared-domain';
import { AssignmentFacts, RuleReference } from '../rules/rule-conditions';
import { RoleExample } from './default-rule-examples';

/** The shipped reference files as the rule engine sees them after seeding (for tests without a database). */
export function fileRuleReference(): RuleReference {
  return {
    staffGroups: [
      ...readReferenceCsv('nwd-esr-staff-groups.csv').map((r) => ({
        code: r.nwd_staff_group_code,
        name: r.nwd_staff_group_name,
        esrLabel: r.typical_esr_label,
      })),
      ...readPrimaryCareRoles().staff_groups.map((g) => ({ code: g.code, name: g.name, esrLabel: g.label })),
    ],
    payBands: readReferenceYaml<{ code: string }[]>('pay-bands.yaml').map((b, i) => ({
      code: b.code,
      sortOrder: i,
    })),
  };
}

/** Area of work -> clinical area code, as the default mapping in clinical-areas.yaml gives it. */
export function fileAreaMapping(): Map<string, string> {
  const areas = readReferenceYaml<{ code: string; areas_of_work: string[] }[]>('clinical-areas.yaml');
  return new Map(
    areas.flatMap((a) => a.areas_of_work.map((w) => [areaOfWorkKey(w), a.code] as [string, string])),
  );
}

export function exampleFacts(e: RoleExample, areas: Map<string, string>): AssignmentFacts {
  const [staffGroupCode, jobRole, positionTitle, areaOfWork, payBand] = e;
  return {
    staffGroupCode,
    jobRole,
    positionTitle,
    areaOfWork,
    payBand,
    clinicalAreaCode: areas.get(areaOfWorkKey(areaOfWork)) ?? 'unmapped',
  };
}
