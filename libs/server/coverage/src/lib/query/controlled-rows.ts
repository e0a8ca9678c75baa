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

/** The counts of a row in COUNT_MEASURES order (unmet = needed - met); null where the row has none. */
function rawCounts(m: RawMeasures): (number | null)[] {
  return [
    m.headcount,
    m.roleCount,
    m.needed,
    m.met,
    m.needed - m.met,
    m.fullyTrained,
    m.foundationMet,
    m.archetypeMet,
    m.peopleMet,
  ];
}
const MET = COUNT_MEASURES.indexOf('met');
const UNMET = COUNT_MEASURES.indexOf('unmet');

/**
 * Applies data-formats.md §6 to a table in one pass: the primary rule on every count of a controlled row,
 * then secondary suppression across sibling rows (rows differing only in one group key, per measure) and
 * within a row (met + unmet = needed), then percentages from the figures as shown. Rows that are not
 * controlled (a viewer entitled to record-level data for every organisation counted) keep exact figures.
 *
 * Plain loops and literal objects throughout: this runs over every row of every table a cache miss builds
 * (a national table is 200 rows x 9 counts), and objects built key by key were most of its cost.
 */
export function controlRows(
  rows: RawRow[],
  groupBy: CoverageDimension[],
  controlled: boolean[],
): ControlledRow[] {
  const n = COUNT_MEASURES.length;
  const raw: number[] = new Array(rows.length * n);
  const present: boolean[] = new Array(rows.length * n);
  const cells: ControlledValue[] = new Array(rows.length * n);
  for (let i = 0; i < rows.length; i++) {
    const counts = rawCounts(rows[i].measures);
    for (let m = 0; m < n; m++) {
      const v = counts[m];
      const c = i * n + m;
      raw[c] = v ?? 0;
      present[c] = v !== null;
      cells[c] = v === null ? shown(null) : controlled[i] ? controlCount(v) : shown(v);
    }
  }

  const groups: number[][] = [];
  for (let j = 0; j < groupBy.length; j++) {
    const siblings = new Map<string, number[]>();
    const others = groupBy.filter((_, x) => x !== j);
    for (let i = 0; i < rows.length; i++) {
      if (!controlled[i]) continue;
      const r = rows[i];
      let parent = r.point;
      for (const d of others) parent += `\u0000${r.keys[d] ?? ''}`; // as join() writes null
      const list = siblings.get(parent);
      if (list) list.push(i);
      else siblings.set(parent, [i]);
    }
    for (const members of siblings.values()) {
      if (members.length < 2) continue;
      for (let m = 0; m < n; m++) {
        const group: number[] = [];
        for (const i of members) if (present[i * n + m]) group.push(i * n + m);
        if (group.length > 1) groups.push(group);
      }
    }
  }
  for (let i = 0; i < rows.length; i++) if (controlled[i]) groups.push([i * n + MET, i * n + UNMET]);
  const final = secondarySuppression(cells, raw, groups);

  const out: ControlledRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const isRowControlled = controlled[i];
    const c = i * n;
    const headcount = final[c];
    const needed = final[c + 2];
    const met = final[c + 3];
    const fullyTrained = final[c + 5];
    const foundationMet = final[c + 6];
    const archetypeMet = final[c + 7];
    const peopleMet = final[c + 8];
    const fte =
      r.measures.fte === null
        ? shown(null)
        : isRowControlled
          ? controlAlongside(r.measures.fte, headcount)
          : shown(Math.round(r.measures.fte * 100) / 100);
    out[i] = {
      point: r.point,
      keys: r.keys,
      orgCodes: r.orgCodes,
      measures: r.measures,
      controlled: isRowControlled,
      shown: {
        headcount,
        roleCount: final[c + 1],
        needed,
        met,
        unmet: final[c + 4],
        fullyTrained,
        foundationMet,
        archetypeMet,
        peopleMet,
        fte,
        coveragePct: pct(met, needed, isRowControlled),
        fullyTrainedPct: pct(fullyTrained, headcount, isRowControlled),
        foundationPct: pct(foundationMet, headcount, isRowControlled),
        archetypeCoveragePct: pct(archetypeMet, headcount, isRowControlled),
        peopleMetPct: pct(peopleMet, headcount, isRowControlled),
      },
    };
  }
  return out;
}

/** A percentage of a row as shown: from the controlled counts on a controlled row, else exact. */
function pct(num: ControlledValue, den: ControlledValue, rowControlled: boolean): ControlledValue {
  if (num.value === null && !num.suppressed) return shown(null);
  if (rowControlled) return controlledPercent(num, den);
  return shown(num.value === null || den.value === null ? null : percent(num.value, den.value));
}
