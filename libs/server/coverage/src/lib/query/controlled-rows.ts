import {
  ControlledValue,
  controlAlongside,
  controlCount,
  controlledPercent,
  percent,
  secondarySuppression,
  shown,
} from '@aiwr/shared-domain';
import { CoverageDimension, RawMeasures, RawRow } from './coverage-filter';

const COUNT_MEASURES = [
  'headcount',
  'roleCount',
  'needed',
  'met',
  'unmet',
  'fullyTrained',
  'foundationMet',
  'archetypeMet',
  'peopleMet',
] as const;
type CountMeasure = (typeof COUNT_MEASURES)[number];

export type ControlledMeasures = Record<CountMeasure, ControlledValue> & {
  fte: ControlledValue;
  coveragePct: ControlledValue;
  fullyTrainedPct: ControlledValue;
  foundationPct: ControlledValue;
  archetypeCoveragePct: ControlledValue;
  peopleMetPct: ControlledValue;
};

export type ControlledRow = RawRow & { controlled: boolean; shown: ControlledMeasures };

const rawCount = (m: RawMeasures, k: CountMeasure): number | null =>
  k === 'unmet' ? m.needed - m.met : (m[k] as number | null);

/**
 * Applies data-formats.md §6 to a table in one pass: the primary rule on every count of a controlled row,
 * then secondary suppression across sibling rows (rows differing only in one group key, per measure) and
 * within a row (met + unmet = needed), then percentages from the figures as shown. Rows that are not
 * controlled (a viewer entitled to record-level data for every organisation counted) keep exact figures.
 */
export function controlRows(
  rows: RawRow[],
  groupBy: CoverageDimension[],
  controlled: boolean[],
): ControlledRow[] {
  const n = COUNT_MEASURES.length;
  const cell = (row: number, m: number) => row * n + m;
  const raw: number[] = [];
  const cells: ControlledValue[] = [];
  rows.forEach((r, i) =>
    COUNT_MEASURES.forEach((k) => {
      const v = rawCount(r.measures, k);
      raw.push(v ?? 0);
      cells.push(v === null ? shown(null) : controlled[i] ? controlCount(v) : shown(v));
    }),
  );

  const groups: number[][] = [];
  const isControlled = (i: number) => controlled[i];
  for (let j = 0; j < groupBy.length; j++) {
    const siblings = new Map<string, number[]>();
    rows.forEach((r, i) => {
      if (!isControlled(i)) return;
      const parent = [r.point, ...groupBy.filter((_, x) => x !== j).map((d) => r.keys[d])].join('\u0000');
      const list = siblings.get(parent);
      if (list) list.push(i);
      else siblings.set(parent, [i]);
    });
    for (const members of siblings.values())
      if (members.length > 1)
        COUNT_MEASURES.forEach((k, m) => {
          const withValue = members.filter((i) => rawCount(rows[i].measures, k) !== null);
          if (withValue.length > 1) groups.push(withValue.map((i) => cell(i, m)));
        });
  }
  const metIdx = COUNT_MEASURES.indexOf('met');
  const unmetIdx = COUNT_MEASURES.indexOf('unmet');
  rows.forEach((_, i) => isControlled(i) && groups.push([cell(i, metIdx), cell(i, unmetIdx)]));
  const final = secondarySuppression(cells, raw, groups);

  // Plain loops and literal objects: this runs for every row of every table a cache miss builds.
  const out: ControlledRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const isRowControlled = controlled[i];
    const counts = {} as Record<CountMeasure, ControlledValue>;
    for (let m = 0; m < n; m++) counts[COUNT_MEASURES[m]] = final[cell(i, m)];
    const pct = (num: ControlledValue, den: ControlledValue) =>
      num.value === null && !num.suppressed
        ? shown(null)
        : isRowControlled
          ? controlledPercent(num, den)
          : shown(num.value === null || den.value === null ? null : percent(num.value, den.value));
    const fte =
      r.measures.fte === null
        ? shown(null)
        : isRowControlled
          ? controlAlongside(r.measures.fte, counts.headcount)
          : shown(Math.round(r.measures.fte * 100) / 100);
    out[i] = {
      point: r.point,
      keys: r.keys,
      orgCodes: r.orgCodes,
      measures: r.measures,
      controlled: isRowControlled,
      shown: {
        ...counts,
        fte,
        coveragePct: pct(counts.met, counts.needed),
        fullyTrainedPct: pct(counts.fullyTrained, counts.headcount),
        foundationPct: pct(counts.foundationMet, counts.headcount),
        archetypeCoveragePct: pct(counts.archetypeMet, counts.headcount),
        peopleMetPct: pct(counts.peopleMet, counts.headcount),
      },
    };
  }
  return out;
}
