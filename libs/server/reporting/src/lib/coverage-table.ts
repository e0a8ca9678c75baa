import type { CoverageDimension, CoverageResultRow } from '@aiwr/server-coverage';
import { Cell, ExportColumn } from './table-writers';

const DIMENSION_HEADERS: Record<string, string> = {
  REGION: 'Region',
  ICB: 'ICB',
  ORGANISATION: 'Organisation',
  DEPARTMENT: 'Department',
  STAFF_GROUP: 'Staff group',
  CLINICAL_AREA: 'Clinical area',
  ARCHETYPE: 'Archetype',
  PAY_BAND: 'Pay band',
  MODULE: 'Module',
  LAYER: 'Layer',
};

const MEASURES: [keyof CoverageResultRow['shown'], string][] = [
  ['headcount', 'Headcount'],
  ['fte', 'FTE'],
  ['roleCount', 'Role count'],
  ['needed', 'Requirements'],
  ['met', 'Met'],
  ['unmet', 'Unmet places'],
  ['coveragePct', 'Coverage %'],
  ['fullyTrained', 'Fully trained'],
  ['fullyTrainedPct', 'Fully trained %'],
  ['foundationMet', 'Foundation met'],
  ['foundationPct', 'Foundation coverage %'],
  ['archetypeMet', 'Archetype met'],
  ['archetypeCoveragePct', 'Archetype coverage %'],
];

export const DISCLOSURE_NOTE =
  'NHS Digital rule applied (national figures included) because you may not see record-level data for every organisation counted: counts of 1-7 are shown as * and other counts are rounded to the nearest 5; percentages are computed from the rounded counts; further cells are suppressed where a suppressed cell could be recovered from a total.';

export const DEFINITIONS: [string, string][] = [
  [
    'Headcount',
    'People, counted once per row (a person with assignments in two groups appears in both, once in the total).',
  ],
  [
    'Coverage %',
    'Requirements met / requirements, as at the date (a completion on or before it, not expired).',
  ],
  ['Foundation coverage %', 'People who have met the foundation module(s) / headcount.'],
  ['Fully trained %', 'People who meet all their requirements / headcount.'],
  [
    'Archetype coverage %',
    'People holding the archetype who meet every module it requires / people holding it.',
  ],
  ['Unmet places', 'Requirements not met: the training places to commission.'],
];

export function coverageColumns(groupBy: CoverageDimension[]): ExportColumn[] {
  return [
    ...groupBy.flatMap((d) => [
      { header: `${DIMENSION_HEADERS[d]} code` },
      { header: DIMENSION_HEADERS[d], width: 36 },
    ]),
    ...MEASURES.map(([, header]) => ({ header })),
    { header: 'Target %' },
    { header: 'RAG' },
  ];
}

/** One export row: suppressed figures are written as "*", never as a number. */
export function coverageRowCells(
  r: CoverageResultRow,
  groupBy: CoverageDimension[],
  label: (dimension: string, code: string) => string,
): Cell[] {
  const keys = groupBy.flatMap((d) => {
    const code = (r.keys as Record<string, string | undefined>)[d] ?? '';
    return [code, label(d, code)];
  });
  const measures = MEASURES.map(([k]) => {
    const v = r.shown[k];
    return v.suppressed ? '*' : v.value;
  });
  return [...keys, ...measures, r.targetPct, r.rag ?? ''];
}
