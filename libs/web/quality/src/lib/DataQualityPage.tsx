// Data quality: per organisation snapshot, people no rule maps to an archetype (by staff group and job
// role), areas of work that map to no clinical area, and completions that match no one on the staff list.
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, figureColumn, formatDate, type DataColumn, QueryState, usePageTitle } from '@aiwr/web-ui';
import {
  useFilters,
  FilterBar,
  PrintNotes,
  ScopeLine,
  useCurrentUser,
  type DataQualityQuery,
} from '@aiwr/web-data-access';
import { useDataQuality } from './hooks';

type OrgQuality = DataQualityQuery['dataQuality'][number];
type Role = OrgQuality['unmappedRoles'][number] & { orgName: string };
type Area = OrgQuality['unmappedAreasOfWork'][number] & { orgName: string; orgCode: string };
type Course = DataQualityQuery['unmatchedCourses'][number];

/** Each unmapped value links to its fix: the Mappings page (libs/web/mappings), filled in for the trust. */
const fixUrl = (kind: 'area' | 'course', orgCode: string, value: string) =>
  `/mappings?${new URLSearchParams({ kind, org: orgCode, value })}`;

const n = <T,>(id: string, header: string, get: (r: T) => number) =>
  figureColumn<T>('count', id, header, get);

const orgColumns: DataColumn<OrgQuality>[] = [
  { id: 'org', header: 'Trust', value: (o) => o.orgName },
  { id: 'asAt', header: 'Snapshot', value: (o) => o.asAt, render: (o) => formatDate(o.asAt) },
  n('headcount', 'Headcount', (o) => o.headcount),
  n('noArchetype', 'People with no archetype', (o) => o.peopleWithoutArchetype),
  n('areas', 'Unmapped areas of work', (o) => o.unmappedAreasOfWork.length),
  n('unmatched', 'Unmatched completions', (o) => o.unmatchedCompletions),
  n('unmatchedPeople', 'People behind them', (o) => o.unmatchedCompletionPeople),
];
const roleColumns: DataColumn<Role>[] = [
  { id: 'org', header: 'Trust', value: (r) => r.orgName },
  { id: 'staffGroup', header: 'Staff group', value: (r) => r.staffGroupCode },
  { id: 'jobRole', header: 'Job role', value: (r) => r.jobRole ?? 'Not recorded' },
  n('people', 'People', (r) => r.people),
];
const areaColumns: DataColumn<Area>[] = [
  { id: 'org', header: 'Trust', value: (r) => r.orgName },
  {
    id: 'area',
    header: 'Area of work',
    value: (r) => r.areaOfWork,
    render: (r) =>
      r.areaOfWork === '(blank)' ? (
        r.areaOfWork
      ) : (
        <Link to={fixUrl('area', r.orgCode, r.areaOfWork)} data-testid="dq-fix-area">
          {r.areaOfWork}
        </Link>
      ),
  },
  n('people', 'People', (r) => r.people),
  n('assignments', 'Assignments', (r) => r.assignments),
];
const courseColumns: DataColumn<Course>[] = [
  { id: 'org', header: 'Trust', value: (r) => r.orgCode },
  {
    id: 'course',
    header: 'Course',
    value: (r) => r.courseName,
    render: (r) => (
      <Link to={fixUrl('course', r.orgCode, r.courseName)} data-testid="dq-fix-course">
        {r.courseName}
      </Link>
    ),
  },
  n('completions', 'Completions kept', (r) => r.completions),
  n('people', 'People', (r) => r.people),
];

export function DataQualityPage() {
  usePageTitle('Data quality');
  const me = useCurrentUser();
  const { filters } = useFilters();
  const allowed = me.role === 'admin' || me.role === 'trust_lead';
  const { data, loading, error } = useDataQuality(filters, { skip: !allowed });
  const orgs = useMemo(() => data?.dataQuality ?? [], [data]);
  const roles = useMemo(
    () => orgs.flatMap((o) => o.unmappedRoles.map((r) => ({ ...r, orgName: o.orgName }))),
    [orgs],
  );
  const areas = useMemo(
    () =>
      orgs.flatMap((o) =>
        o.unmappedAreasOfWork.map((a) => ({ ...a, orgName: o.orgName, orgCode: o.orgCode })),
      ),
    [orgs],
  );

  return (
    <>
      <h1>Data quality</h1>
      <ScopeLine />
      <p>
        What the imports could not place: fix these in ESR or in the mappings, and the next import picks them
        up.
      </p>
      {!allowed ? (
        <div className="nhsuk-inset-text">
          <p>Data quality lists are for trust training leads (their own trust) and administrators.</p>
        </div>
      ) : (
        <>
          <FilterBar fields={['asAt', 'org']} />
          <QueryState
            loading={loading && !data}
            error={error}
            empty={!!data && orgs.length === 0}
            what="data quality figures"
          >
            <DataTable
              caption="By trust"
              columns={orgColumns}
              rows={orgs}
              rowKey={(o) => `${o.orgCode}|${o.asAt}`}
              exportName="data-quality"
              testId="dq-orgs"
            />
            <DataTable
              caption="Roles no rule maps to an archetype (largest groups)"
              columns={roleColumns}
              rows={roles}
              exportName="unmapped-roles"
              testId="dq-roles"
            />
            <DataTable
              caption="Areas of work with no clinical area"
              columns={areaColumns}
              rows={areas}
              exportName="unmapped-areas"
              testId="dq-areas"
            />
            <DataTable
              caption="Courses not in the catalogue (completions kept until an equivalence counts them)"
              columns={courseColumns}
              rows={data?.unmatchedCourses ?? []}
              exportName="unmatched-courses"
              testId="dq-courses"
            />
          </QueryState>
          <PrintNotes asAt={filters.asAt} filters={filters}>
            <p>
              People with no archetype: people no archetype rule maps beyond the foundation layer, with the
              largest groups by staff group and job role (someone with assignments in several roles counts in
              each, so the groups can add up to more than the people). Unmapped areas of work: ESR areas of
              work mapped to no clinical area. Unmatched completions: completions of people in no snapshot of
              the trust, and how many people they belong to. Courses not in the catalogue: completions kept
              until an equivalence counts them.
            </p>
          </PrintNotes>
        </>
      )}
    </>
  );
}
