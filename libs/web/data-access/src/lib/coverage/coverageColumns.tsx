// Table columns for coverage rows, shared by every page that lists a breakdown, so the same measure is
// always called and formatted the same way.
import type { ReactNode } from 'react';
import { figureColumn, formatPercent, RagTag, RAG_LABEL, type DataColumn, type Figure } from '@aiwr/web-ui';
import type { CoverageDimension, CoverageRowFieldsFragment } from '../../generated/graphql';

export type CoverageRow = CoverageRowFieldsFragment;

/** The code and label of a row's value for one dimension ("" / "All" when the row is not grouped by it). */
export function keyOf(row: CoverageRow, dimension: CoverageDimension): { code: string; label: string } {
  const k = row.keys.find((x) => x.dimension === dimension);
  return k ? { code: k.code, label: k.label } : { code: '', label: 'All' };
}

const count = (id: string, header: string, get: (r: CoverageRow) => Figure, hidden = false) =>
  figureColumn('count', id, header, get, { hiddenByDefault: hidden });
const pct = (id: string, header: string, get: (r: CoverageRow) => Figure, hidden = false) =>
  figureColumn('percent', id, header, get, { hiddenByDefault: hidden });

export interface CoverageColumnsOptions {
  labelHeader: string;
  dimension: CoverageDimension;
  renderLabel?: (row: CoverageRow) => ReactNode;
  /** Archetype rows: show archetype coverage (holders meeting every module the archetype requires). */
  archetype?: boolean;
}

export function coverageColumns({
  labelHeader,
  dimension,
  renderLabel,
  archetype,
}: CoverageColumnsOptions): DataColumn<CoverageRow>[] {
  return [
    { id: 'label', header: labelHeader, value: (r) => keyOf(r, dimension).label, render: renderLabel },
    count('headcount', archetype ? 'People holding it' : 'Headcount', (r) => r.headcount),
    ...(archetype
      ? [
          pct('archetypeCoveragePct', 'Archetype coverage', (r) => r.archetypeCoveragePct),
          count('archetypeMet', 'Meeting all its modules', (r) => r.archetypeMet),
        ]
      : []),
    pct('foundationPct', 'Foundation coverage', (r) => r.foundationPct),
    count('foundationMet', 'Foundation met (people)', (r) => r.foundationMet, true),
    pct('fullyTrainedPct', 'Fully trained', (r) => r.fullyTrainedPct),
    count('fullyTrained', 'Fully trained (people)', (r) => r.fullyTrained, true),
    count('needed', 'Places needed', (r) => r.needed, true),
    count('met', 'Places met', (r) => r.met, true),
    count('unmet', 'Unmet places', (r) => r.unmet),
    pct('coveragePct', 'Requirement coverage', (r) => r.coveragePct),
    {
      id: 'rag',
      header: 'Rating',
      value: (r) => (r.rag ? RAG_LABEL[r.rag] : null),
      render: (r) => (
        <RagTag rag={r.rag} percent={r.coveragePct} target={r.targetPct} amberFrom={r.amberPct} />
      ),
    },
    {
      id: 'target',
      header: 'Target',
      numeric: true,
      hiddenByDefault: true,
      value: (r) => r.targetPct,
      render: (r) => formatPercent(r.targetPct),
    },
  ];
}

/** Whether any figure in the rows is suppressed (then the page shows the explanation of `*`). */
export function rowsHaveSuppression(rows: CoverageRow[]): boolean {
  return rows.some((r) =>
    [r.headcount, r.needed, r.met, r.unmet, r.coveragePct, r.foundationPct, r.fullyTrainedPct].some(
      (m) => m.suppressed,
    ),
  );
}
