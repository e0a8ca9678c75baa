import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { CoverageService } from '../coverage.service';
import { CoverageViewer } from '../coverage-viewer';
import { CoverageFilter, listOf } from '../query/coverage-filter';

export const PERSON_KEY_SHOWN = 12;
export const MAX_PAGE = 200;
const NOT_ENTITLED =
  'Person-level data is only available to a trust’s own training leads and administrators.';

export type PersonNeed = {
  moduleCode: string;
  layer: string;
  met: boolean;
  metOn: string | null;
  expiresOn: string | null;
};
export type PersonAssignmentSummary = {
  staffGroupCode: string;
  clinicalAreaCode: string;
  department: string | null;
  payBand: string | null;
  fte: number;
};
export type PersonNode = {
  personKey: string;
  orgCode: string;
  asAt: string;
  archetypes: string[];
  assignmentCount: number;
  fte: number;
  modulesNeeded: number;
  modulesMet: number;
  fullyTrained: boolean;
  /** Loads this page's needs / assignments in one query each, whichever nodes ask. */
  needs: () => Promise<PersonNeed[]>;
  assignments: () => Promise<PersonAssignmentSummary[]>;
};
export type PeoplePage = {
  totalCount: number;
  orgCodes: string[];
  nodes: { cursor: string; node: PersonNode }[];
  hasNextPage: boolean;
};

const encodeCursor = (org: string, key: string) => Buffer.from(`${org}\u0000${key}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('\u0000');
  if (parts.length !== 2) throw new BadRequestException('That cursor is not valid.');
  return [parts[0], parts[1]];
}

/**
 * Pseudonymised person-level lists, only for organisations where the access policy allows record-level
 * data. Keyset pagination on (organisation, person key); a page's needs and assignments are fetched with
 * one query each through DataLoader, however many people the page holds.
 */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly coverage: CoverageService,
  ) {}

  async people(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    first = 50,
    after?: string | null,
  ): Promise<PeoplePage> {
    if (first < 1 || first > MAX_PAGE)
      throw new BadRequestException(`first must be between 1 and ${MAX_PAGE}.`);
    const requested = listOf(filter.orgCodes);
    // Scope first (outside it: 403 naming nothing), then record-level entitlement per organisation.
    const { points } = await this.coverage.points(viewer, filter, [filter.asAt ?? null]);
    for (const o of requested ?? [])
      if (!(await viewer.canSeePeople(o))) throw new ForbiddenException(NOT_ENTITLED);
    const refs = [];
    for (const r of points[0].refs) if (await viewer.canSeePeople(r.orgCode)) refs.push(r);
    if (refs.length === 0 && !requested) {
      const scope = await viewer.scope();
      const candidates = scope ? scope.orgCodes : [...(await this.coverage.catalog()).orgs.keys()];
      let entitled = false;
      for (const o of candidates) if (!entitled && (await viewer.canSeePeople(o))) entitled = true;
      if (!entitled) throw new ForbiddenException(NOT_ENTITLED);
    }
    if (refs.length === 0) return { totalCount: 0, orgCodes: [], nodes: [], hasNextPage: false };

    const params: unknown[] = [refs.map((r) => r.orgCode), refs.map((r) => r.asAt)];
    const conds: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      conds.push(sql(`$${params.length}`));
    };
    const assignmentConds: string[] = [];
    const addAssignment = (column: string, values: string[] | null) => {
      if (!values) return;
      params.push(values);
      assignmentConds.push(`coalesce(a.${column}, '') = any($${params.length}::text[])`);
    };
    addAssignment('department', listOf(filter.departments));
    addAssignment('staff_group_code', listOf(filter.staffGroupCodes));
    addAssignment('clinical_area_code', listOf(filter.clinicalAreaCodes));
    addAssignment('pay_band', listOf(filter.payBands));
    addAssignment('job_role', listOf(filter.jobRoles));
    if (assignmentConds.length)
      conds.push(`exists (select 1 from staff_assignment a where a.org_code = p.org_code and a.as_at = p.as_at
                   and a.person_key = p.person_key and ${assignmentConds.join(' and ')})`);
    const archetypes = listOf(filter.archetypeCodes);
    if (archetypes) add((p) => `p.archetypes && ${p}::text[]`, archetypes);
    const modules = listOf(filter.moduleCodes);
    if (modules || filter.layer) {
      const needConds: string[] = [];
      if (modules) {
        params.push(modules);
        needConds.push(`n.module_code = any($${params.length}::text[])`);
      }
      if (filter.layer) {
        params.push(filter.layer);
        needConds.push(`n.layer = $${params.length}`);
      }
      conds.push(`exists (select 1 from person_need n where n.org_code = p.org_code and n.as_at = p.as_at
                   and n.person_key = p.person_key and ${needConds.join(' and ')})`);
    }
    const from = `from person_snapshot p join unnest($1::text[], $2::date[]) s(org_code, as_at)
                  on s.org_code = p.org_code and s.as_at = p.as_at`;
    const where = conds.length ? `where ${conds.join(' and ')}` : '';
    const [{ total }] = await this.db.query(`select count(*)::int as total ${from} ${where}`, params);

    const pageParams = [...params];
    let keyset = '';
    if (after) {
      const [org, key] = decodeCursor(after);
      pageParams.push(org, key);
      keyset = `${where ? ' and' : 'where'} (p.org_code, p.person_key) > ($${pageParams.length - 1}, $${pageParams.length})`;
    }
    pageParams.push(first + 1);
    const rows: any[] = await this.db.query(
      `select p.org_code, p.as_at::text as as_at, p.person_key, p.archetypes, p.assignments, p.fte::float8 as fte,
              p.modules_needed, p.modules_met, p.fully_trained
       ${from} ${where}${keyset}
       order by p.org_code, p.person_key limit $${pageParams.length}`,
      pageParams,
    );
    const page = rows.slice(0, first);
    const needs = new DataLoader<string, PersonNeed[]>((keys) => this.needsOf(keys, page));
    const assignments = new DataLoader<string, PersonAssignmentSummary[]>((keys) =>
      this.assignmentsOf(keys, page),
    );
    return {
      totalCount: total,
      orgCodes: refs.map((r) => r.orgCode),
      hasNextPage: rows.length > first,
      nodes: page.map((r) => {
        const id = `${r.org_code}\u0000${r.person_key}`;
        return {
          cursor: encodeCursor(r.org_code, r.person_key),
          node: {
            personKey: r.person_key.slice(0, PERSON_KEY_SHOWN),
            orgCode: r.org_code,
            asAt: r.as_at,
            archetypes: r.archetypes,
            assignmentCount: r.assignments,
            fte: r.fte,
            modulesNeeded: r.modules_needed,
            modulesMet: r.modules_met,
            fullyTrained: r.fully_trained,
            needs: () => needs.load(id),
            assignments: () => assignments.load(id),
          },
        };
      }),
    };
  }

  private async needsOf(ids: readonly string[], page: any[]): Promise<PersonNeed[][]> {
    const people = ids.map((id) => page.find((r) => `${r.org_code}\u0000${r.person_key}` === id));
    const rows: any[] = await this.db.query(
      `select n.org_code, n.person_key, n.module_code, n.layer, n.met, n.met_on::text as met_on, n.expires_on::text as expires_on
       from person_need n join unnest($1::text[], $2::date[], $3::text[]) s(org_code, as_at, person_key)
         on n.org_code = s.org_code and n.as_at = s.as_at and n.person_key = s.person_key
       order by n.layer, n.module_code`,
      [people.map((p) => p.org_code), people.map((p) => p.as_at), people.map((p) => p.person_key)],
    );
    return ids.map((id) =>
      rows
        .filter((r) => `${r.org_code}\u0000${r.person_key}` === id)
        .map((r) => ({
          moduleCode: r.module_code,
          layer: r.layer,
          met: r.met,
          metOn: r.met_on,
          expiresOn: r.expires_on,
        })),
    );
  }

  private async assignmentsOf(ids: readonly string[], page: any[]): Promise<PersonAssignmentSummary[][]> {
    const people = ids.map((id) => page.find((r) => `${r.org_code}\u0000${r.person_key}` === id));
    const rows: any[] = await this.db.query(
      `select a.org_code, a.person_key, a.staff_group_code, a.clinical_area_code, a.department, a.pay_band, a.fte::float8 as fte
       from staff_assignment a join unnest($1::text[], $2::date[], $3::text[]) s(org_code, as_at, person_key)
         on a.org_code = s.org_code and a.as_at = s.as_at and a.person_key = s.person_key
       order by a.assignment_no`,
      [people.map((p) => p.org_code), people.map((p) => p.as_at), people.map((p) => p.person_key)],
    );
    return ids.map((id) =>
      rows
        .filter((r) => `${r.org_code}\u0000${r.person_key}` === id)
        .map((r) => ({
          staffGroupCode: r.staff_group_code,
          clinicalAreaCode: r.clinical_area_code,
          department: r.department,
          payBand: r.pay_band,
          fte: r.fte,
        })),
    );
  }
}
