// Archetypes: how many people hold each archetype, why (the rules that map them, by people matched),
// and for administrators the rule editor with its what-if preview.
import { useMemo } from 'react';
import {
  buildRankedBarOption,
  ChartFigure,
  DataTable,
  formatCount,
  formatDate,
  percentOf,
  summariseRanked,
  SuppressionNote,
  type DataColumn,
  type RankedItem,
  QueryState,
  usePageTitle,
} from '@aiwr/web-ui';
import { describeConditions } from './conditions';
import { RuleEditor } from './RuleEditor';
import {
  FilterBar,
  ScopeLine,
  ExportLinks,
  coverageColumns,
  keyOf,
  rowsHaveSuppression,
  useCurrentUser,
  type RuleFieldsFragment,
  useCoverageFilter,
  useCoverage,
  useFilterOptions,
} from '@aiwr/web-data-access';
import { useArchetypeRules } from './hooks';

const ruleColumns: DataColumn<RuleFieldsFragment>[] = [
  { id: 'rule', header: 'Rule', value: (r) => r.description },
  { id: 'archetypes', header: 'Gives', value: (r) => r.archetypes.join(', ') },
  {
    id: 'matches',
    header: 'People matched',
    numeric: true,
    value: (r) => r.matchCount ?? null,
    render: (r) => (r.matchCountSuppressed ? '*' : formatCount(r.matchCount ?? 0)),
    exportText: (r) => (r.matchCountSuppressed ? '*' : (r.matchCount ?? 0)),
  },
  { id: 'conditions', header: 'When', value: (r) => describeConditions(r.when) },
  { id: 'id', header: 'Rule id', value: (r) => r.ruleId, hiddenByDefault: true },
  { id: 'version', header: 'Version', numeric: true, value: (r) => r.version },
  { id: 'author', header: 'Changed by', value: (r) => r.author, hiddenByDefault: true },
  {
    id: 'since',
    header: 'Since',
    value: (r) => r.validFrom,
    render: (r) => formatDate(r.validFrom),
    hiddenByDefault: true,
  },
  { id: 'source', header: 'Source', value: (r) => r.source ?? '', hiddenByDefault: true },
];

export function ArchetypesPage() {
  usePageTitle('Archetypes');
  const me = useCurrentUser();
  // The page is itself the breakdown by archetype, so the archetype filter does not apply here.
  const { filter } = useCoverageFilter(['archetype']);
  const holders = useCoverage(filter, ['ARCHETYPE']);
  const rules = useArchetypeRules();
  const options = useFilterOptions();
  const rows = useMemo(() => holders.data?.coverage.rows ?? [], [holders.data]);
  const total = holders.data?.coverage.total;
  const items: RankedItem[] = rows.map((r) => ({
    key: keyOf(r, 'ARCHETYPE').code,
    label: keyOf(r, 'ARCHETYPE').label,
    numerator: r.headcount,
    denominator: total?.headcount ?? null,
    percent: r.headcount.suppressed || !total ? null : percentOf(r.headcount, total.headcount),
  }));
  const byMatches = useMemo(
    () => [...(rules.data?.archetypeRules ?? [])].sort((a, b) => (b.matchCount ?? -1) - (a.matchCount ?? -1)),
    [rules.data],
  );
  const top = byMatches.slice(0, 3).filter((r) => (r.matchCount ?? 0) > 0);

  return (
    <>
      <h1>Archetypes</h1>
      <ScopeLine asAt={holders.data?.coverage.asAt} />
      <p>
        Everyone needs the foundation layer. Rules based on staff group, job role, occupation code, area of
        work, position title and pay band add one or more of the five AI archetypes (shaper, driver, creator,
        embedder, user), each with its own training.
      </p>
      <FilterBar fields={['asAt', 'region', 'icb', 'org', 'staffGroup', 'clinicalArea']} />
      <QueryState
        loading={holders.loading && !holders.data}
        error={holders.error}
        empty={!!holders.data && rows.length === 0}
        what="archetype holders"
      >
        <ChartFigure
          title="Share of staff holding each archetype"
          summary={`A person can hold several archetypes, so the shares need not add up to 100%. ${summariseRanked(items, 'archetypes')}`}
          option={buildRankedBarOption(items)}
          height={280}
          table={{
            columns: coverageColumns({ labelHeader: 'Archetype', dimension: 'ARCHETYPE', archetype: true }),
            rows,
            rowKey: (r) => keyOf(r, 'ARCHETYPE').code,
          }}
          exportName="archetype-holders"
          actions={<ExportLinks what="archetype holders" filter={filter} groupBy={['ARCHETYPE']} />}
          testId="chart-holders"
        />
        {rowsHaveSuppression(rows) && <SuppressionNote />}
      </QueryState>
      <h2 className="nhsuk-heading-m">Why: the rules, by people matched</h2>
      <QueryState
        loading={rules.loading && !rules.data}
        error={rules.error}
        empty={!!rules.data && byMatches.length === 0}
        what="rules"
      >
        {top.length > 0 && (
          <p data-testid="top-rules">
            The rules mapping the most people in your scope:{' '}
            {top
              .map(
                (r) => `${r.description} (${r.matchCountSuppressed ? '*' : formatCount(r.matchCount ?? 0)})`,
              )
              .join('; ')}
            .
          </p>
        )}
        <DataTable
          caption="Archetype rules in use"
          columns={ruleColumns}
          rows={byMatches}
          rowKey={(r) => r.ruleId}
          exportName="archetype-rules"
          testId="rules"
        />
      </QueryState>
      {me.role === 'admin' && rules.data && byMatches.length > 0 && (
        <RuleEditor
          rules={rules.data.archetypeRules}
          archetypeOptions={archetypeOptions(
            rules.data.archetypeRules,
            options.data?.coverageFilterOptions.archetypes ?? [],
          )}
        />
      )}
    </>
  );
}

/** Every archetype a rule gives or that has holders, labelled where the API has a label. */
function archetypeOptions(rules: RuleFieldsFragment[], labelled: { code: string; label: string }[]) {
  const codes = [...new Set([...labelled.map((a) => a.code), ...rules.flatMap((r) => r.archetypes)])];
  const label = (code: string) =>
    labelled.find((a) => a.code === code)?.label ?? `${code[0].toUpperCase()}${code.slice(1)}s`;
  return codes.sort().map((code) => ({ code, label: label(code) }));
}
