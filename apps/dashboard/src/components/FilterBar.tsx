// The shared filters, as selects that write to the URL. Option lists come from the API, which only
// returns what the signed-in user may see.
import { useQuery } from '@apollo/client/react';
import { SelectField } from '@aiwr/web-ui';
import { FILTER_OPTIONS } from '../graphql/filters';
import { useFilters } from '../filters/useFilters';
import type { FilterKey } from '../filters/filters';

export const LAYERS = [
  { value: 'foundation', label: 'Foundation (everyone)' },
  { value: 'archetype', label: 'Archetype-specific' },
  { value: 'product', label: 'Product-specific' },
];

export interface FilterBarProps {
  fields: FilterKey[];
  /** Extra option lists a page already has (e.g. archetypes, modules, snapshot dates). */
  extraOptions?: Partial<Record<FilterKey, { value: string; label: string }[]>>;
}

const LABELS: Record<FilterKey, string> = {
  asAt: 'As at',
  region: 'Region',
  icb: 'ICB',
  org: 'Trust',
  department: 'Department',
  staffGroup: 'Staff group',
  clinicalArea: 'Clinical area',
  archetype: 'Archetype',
  payBand: 'Pay band',
  module: 'Training module',
  layer: 'Layer',
};

const ALL: Record<FilterKey, string> = {
  asAt: 'Latest snapshot',
  region: 'All regions',
  icb: 'All ICBs',
  org: 'All trusts',
  department: 'All departments',
  staffGroup: 'All staff groups',
  clinicalArea: 'All clinical areas',
  archetype: 'All archetypes',
  payBand: 'All pay bands',
  module: 'All modules',
  layer: 'All layers',
};

export function FilterBar({ fields, extraOptions = {} }: FilterBarProps) {
  const { filters, setFilters } = useFilters();
  const { data } = useQuery(FILTER_OPTIONS, {
    variables: { regionCode: filters.region ?? null, icbCode: filters.icb ?? null },
  });
  const options: Partial<Record<FilterKey, { value: string; label: string }[]>> = {
    region: data?.regions.map((r) => ({ value: r.code, label: r.name })),
    icb: data?.icbs.map((i) => ({ value: i.code, label: i.name })),
    org: data?.organisations.map((o) => ({ value: o.code, label: o.name })),
    staffGroup: data?.staffGroups.map((g) => ({ value: g.code, label: g.name })),
    clinicalArea: data?.clinicalAreas.map((a) => ({ value: a.code, label: a.name })),
    layer: LAYERS,
    ...extraOptions,
  };
  return (
    <form className="aiwr-filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {fields.map((key) => {
        const list = options[key] ?? [];
        const value = filters[key] ?? '';
        // Keep a value chosen from a shared link visible even before its option list arrives.
        const withCurrent =
          value && !list.some((o) => o.value === value) ? [{ value, label: value }, ...list] : list;
        return (
          <SelectField
            key={key}
            id={`filter-${key}`}
            label={LABELS[key]}
            value={value}
            allLabel={ALL[key]}
            options={withCurrent}
            onChange={(v) => setFilters({ [key]: v })}
          />
        );
      })}
      {fields.some((k) => filters[k]) && (
        <p className="aiwr-filter-clear">
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setFilters(Object.fromEntries(fields.map((k) => [k, ''])))}
          >
            Clear filters
          </button>
        </p>
      )}
    </form>
  );
}
