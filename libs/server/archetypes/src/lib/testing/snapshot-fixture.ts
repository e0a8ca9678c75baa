import { EntityManager } from 'typeorm';
import { ensureMonthPartitions } from '@aiwr/db';
import { RoleExample } from './default-rule-examples';

export type FixturePerson = {
  personKey: string;
  assignments: RoleExample[];
  department?: string;
  fte?: number;
};

/**
 * Writes a staff snapshot straight into PostgreSQL for tests (the import pipeline is another lib):
 * the area of work is mapped to its clinical area through area_of_work_mapping (a trust's own override
 * first, then the national mapping), like the import does.
 */
export async function insertSnapshot(
  m: EntityManager,
  orgCode: string,
  asAt: string,
  people: FixturePerson[],
): Promise<void> {
  const rows = people.flatMap((p) =>
    p.assignments.map(([staffGroup, jobRole, title, area, band], i) => ({
      person_key: p.personKey,
      assignment_no: `${i + 1}`,
      staff_group_code: staffGroup,
      job_role: jobRole,
      position_title: title,
      area_of_work: area,
      pay_band: band,
      department: p.department ?? null,
      fte: p.fte ?? 1,
    })),
  );
  await m.query(
    `insert into staff_snapshot(org_code, as_at, headcount, assignments) values ($1, $2, $3, $4)`,
    [orgCode, asAt, people.length, rows.length],
  );
  await ensureMonthPartitions(m, [asAt]);
  await m.query(
    `insert into staff_assignment(org_code, as_at, person_key, assignment_no, staff_group_code, job_role, area_of_work,
       clinical_area_code, position_title, pay_band, department, fte)
     select $1, $2, r.person_key, r.assignment_no, r.staff_group_code, r.job_role, r.area_of_work,
            coalesce(m.clinical_area_code, 'unmapped'), r.position_title, r.pay_band, r.department, r.fte
     from jsonb_to_recordset($3::jsonb) as r(person_key text, assignment_no text, staff_group_code text, job_role text,
            area_of_work text, position_title text, pay_band text, department text, fte numeric)
     left join lateral (
       select clinical_area_code from area_of_work_mapping m
       where m.area_of_work_key = match_key(r.area_of_work) and (m.org_code is null or m.org_code = $1)
       order by m.org_code nulls last limit 1) m on true`,
    [orgCode, asAt, JSON.stringify(rows)],
  );
}
