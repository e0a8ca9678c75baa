// The shared filters, as selects that write to the URL. Option lists come from the API and only hold
// values inside the signed-in user's scope that have data.
import { formatDate, SelectField } from '@aiwr/web-ui';
import { useFilterOptions } from '../coverage/hooks';
import { useFilters } from '../filters/useFilters';
import type { FilterKey } from '../filters/filters';

export const LAYERS = [
  { value: 'foundation', label: 'Foundation (everyone)' },
  { value: 'archetype', label: 'Archetype-specific' },
  { value: 'product', label: 'Product-specific' },
];

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
  layer: 'Training layer',
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

export function FilterBar({ fields }: { fields: FilterKey[] }) {
  const { filters, setFilters } = useFilters();
  const list = (v: string | undefined) => (v ? [v] : null);
  // Options narrow to the chosen places only, so choosing a staff group never empties the other lists.
  const { data } = useFilterOptions({
    regionCodes: list(filters.region),
    icbCodes: list(filters.icb),
    orgCodes: list(filters.org),
  });
  const o = data?.coverageFilterOptions;
  const opts = (xs: { code: string; label: string }[] | undefined) =>
    xs?.map((x) => ({ value: x.code, label: x.label }));
  const options: Partial<Record<FilterKey, { value: string; label: string }[]>> = {
    asAt: data?.snapshotDates
      .slice()
      .reverse()
      .map((d) => ({ value: d, label: formatDate(d) })),
    region: opts(o?.regions),
    icb: opts(o?.icbs),
    org: opts(o?.organisations),
    department: o?.departments.map((x) => ({ value: x.code, label: x.label || 'Not recorded' })),
    staffGroup: opts(o?.staffGroups),
    clinicalArea: opts(o?.clinicalAreas),
    payBand: o?.payBands.map((x) => ({ value: x.code, label: x.label || 'Not recorded' })),
    archetype: opts(o?.archetypes),
    module: data?.modules.rows.flatMap((r) => r.keys.map((k) => ({ value: k.code, label: k.label }))),
    layer: LAYERS,
  };
  return (
    <form className="aiwr-filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {fields.map((key) => {
        const choices = options[key] ?? [];
        const value = filters[key] ?? '';
        // Keep a value chosen from a shared link visible even before its option list arrives.
        const withCurrent =
          value && !choices.some((c) => c.value === value) ? [{ value, label: value }, ...choices] : choices;
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
