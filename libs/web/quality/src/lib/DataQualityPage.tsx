// Data quality: per organisation snapshot, people no rule maps to an archetype (by staff group and job
// role), areas of work that map to no clinical area, and completions that match no one on the staff list.
import { useMemo } from 'react';
import { DataTable, figureColumn, formatDate, type DataColumn, QueryState, usePageTitle } from '@aiwr/web-ui';
import {
  useFilters,
  FilterBar,
  ScopeLine,
  useCurrentUser,
  type DataQualityQuery,
} from '@aiwr/web-data-access';
import { useDataQuality } from './hooks';

type OrgQuality = DataQualityQuery['dataQuality'][number];
type Role = OrgQuality['unmappedRoles'][number] & { orgName: string };
type Area = OrgQuality['unmappedAreasOfWork'][number] & { orgName: string };

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
  { id: 'area', header: 'Area of work', value: (r) => r.areaOfWork },
  n('people', 'People', (r) => r.people),
  n('assignments', 'Assignments', (r) => r.assignments),
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
    () => orgs.flatMap((o) => o.unmappedAreasOfWork.map((a) => ({ ...a, orgName: o.orgName }))),
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
          </QueryState>
        </>
      )}
    </>
  );
}
