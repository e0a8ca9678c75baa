// Pseudonymised people of one department: a person key (a keyed hash, never a name or staff number),
// their archetypes and how many of their required modules they have met.
import { useMemo } from 'react';
import { DataTable, type DataColumn, QueryState } from '@aiwr/web-ui';
import { ExportLinks, type CoverageFilter, type PeopleQuery } from '@aiwr/web-data-access';
import { usePeople } from '../hooks';

/** The API's largest page. */
const PAGE = 200;

type PersonRow = PeopleQuery['people']['edges'][number]['node'];

const columns: DataColumn<PersonRow>[] = [
  { id: 'personKey', header: 'Person (pseudonym)', value: (p) => p.personKey },
  {
    id: 'archetypes',
    header: 'Archetypes',
    value: (p) => p.archetypes.join(', ') || 'None (foundation only)',
  },
  {
    id: 'staffGroup',
    header: 'Staff group',
    value: (p) => p.assignments.map((a) => a.staffGroupCode).join(', '),
    hiddenByDefault: true,
  },
  { id: 'payBand', header: 'Pay band', value: (p) => p.assignments.map((a) => a.payBand ?? '').join(', ') },
  { id: 'fte', header: 'FTE', numeric: true, value: (p) => p.fte },
  { id: 'needed', header: 'Modules needed', numeric: true, value: (p) => p.modulesNeeded },
  { id: 'met', header: 'Modules met', numeric: true, value: (p) => p.modulesMet },
  { id: 'fully', header: 'Fully trained', value: (p) => (p.fullyTrained ? 'Yes' : 'No') },
];

export function PeopleTable({ filter }: { filter: CoverageFilter }) {
  const { data, loading, error, fetchMore } = usePeople(filter, PAGE);
  const more = () =>
    fetchMore({
      variables: { after: data?.people.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => ({
        people: { ...fetchMoreResult.people, edges: [...prev.people.edges, ...fetchMoreResult.people.edges] },
      }),
    });
  const people = useMemo(() => data?.people.edges.map((e) => e.node) ?? [], [data]);
  return (
    <section aria-labelledby="people-heading">
      <h2 className="nhsuk-heading-m" id="people-heading">
        People
      </h2>
      <p className="nhsuk-body-s aiwr-muted">
        Pseudonymised: each person is shown by a key derived from a keyed hash. Names and staff numbers are
        never stored. Viewing this list is recorded in the audit log.
      </p>
      <QueryState
        loading={loading && !data}
        error={error}
        empty={!!data && people.length === 0}
        what="people"
      >
        <DataTable
          caption={`${people.length.toLocaleString('en-GB')}${data && data.people.totalCount > people.length ? ` of ${data.people.totalCount.toLocaleString('en-GB')}` : ''} people`}
          columns={columns}
          rows={people}
          rowKey={(p) => p.personKey}
          exportName="people"
          testId="people"
        />
        {data?.people.pageInfo.hasNextPage && (
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={more}
          >
            Show the next {PAGE} people
          </button>
        )}
        <ExportLinks what="everyone in this list" filter={filter} kind="people" />
      </QueryState>
    </section>
  );
}
