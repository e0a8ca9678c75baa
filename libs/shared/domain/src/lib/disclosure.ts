/**
 * Statistical disclosure control (data-formats.md §6, NHS Digital's secondary-care rule): for a viewer
 * not entitled to record-level data for every organisation a figure counts (national figures included),
 * counts 1-7 are suppressed, other counts are rounded to the nearest 5 (zero stays zero), percentages are
 * computed from the rounded counts, and secondary suppression stops a suppressed cell being recovered from
 * a total. Pure functions: the API, the dashboard, exports and scheduled reports all use these.
 */

/** Counts from 1 up to this are suppressed. */
export const SUPPRESS_UP_TO = 7;
/** Other counts are rounded to the nearest multiple of this. */
export const ROUND_TO = 5;

/** A figure as shown to a viewer: `value` is null when suppressed (or when it has no denominator). */
export type ControlledValue = { value: number | null; suppressed: boolean; rounded: boolean };

export const shown = (value: number | null): ControlledValue => ({
  value,
  suppressed: false,
  rounded: false,
});
export const SUPPRESSED: ControlledValue = Object.freeze({ value: null, suppressed: true, rounded: false });

export const roundToNearest = (n: number, base = ROUND_TO) => Math.round(n / base) * base;

/** Primary rule for one count. */
export function controlCount(n: number): ControlledValue {
  if (n === 0) return { value: 0, suppressed: false, rounded: true };
  if (n > 0 && n <= SUPPRESS_UP_TO) return { ...SUPPRESSED };
  return { value: roundToNearest(n), suppressed: false, rounded: true };
}

/**
 * Secondary suppression. `cells` are primary-controlled; `raw` the true counts (to pick the next smallest);
 * each group is a list of cell indexes that add up to a total someone can see (siblings under one parent,
 * or parts of one figure such as met + unmet = needed). Wherever a group has exactly one suppressed cell,
 * the smallest other non-zero cell of the group is suppressed too; repeated until no group changes.
 */
export function secondarySuppression(
  cells: ControlledValue[],
  raw: number[],
  groups: number[][],
): ControlledValue[] {
  const out = cells.slice(); // cells are never mutated: a changed cell gets a new object
  // Work list of groups to (re)check; a group is checked again only when one of its cells changes.
  const groupsOfCell = new Map<number, number[]>();
  groups.forEach((g, gi) =>
    g.forEach((i) => {
      const list = groupsOfCell.get(i);
      if (list) list.push(gi);
      else groupsOfCell.set(i, [gi]);
    }),
  );
  const pending = groups.map((_, gi) => gi);
  const queued = new Set(pending);
  while (pending.length > 0) {
    const gi = pending.pop() as number;
    queued.delete(gi);
    const group = groups[gi];
    let suppressed = 0;
    let smallest = -1;
    for (const i of group) {
      if (out[i].suppressed) suppressed++;
      else if (
        raw[i] > 0 &&
        (smallest < 0 || raw[i] < raw[smallest] || (raw[i] === raw[smallest] && i < smallest))
      )
        smallest = i;
    }
    if (suppressed !== 1 || smallest < 0) continue;
    out[smallest] = { ...SUPPRESSED };
    for (const other of groupsOfCell.get(smallest) ?? [])
      if (!queued.has(other)) {
        queued.add(other);
        pending.push(other);
      }
  }
  return out;
}

/** Primary and secondary control over one group of sibling counts (the common case: a column of a table). */
export function suppress(counts: number[]): ControlledValue[] {
  return secondarySuppression(counts.map(controlCount), counts, [counts.map((_, i) => i)]);
}

/** A percentage (one decimal place) from two counts; null without a denominator. */
export function percent(numerator: number, denominator: number): number | null {
  if (!denominator) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

/** A percentage computed from the figures the viewer sees: suppressed if either part is. */
export function controlledPercent(numerator: ControlledValue, denominator: ControlledValue): ControlledValue {
  if (numerator.suppressed || denominator.suppressed) return { ...SUPPRESSED };
  const value =
    numerator.value === null || denominator.value === null
      ? null
      : percent(numerator.value, denominator.value);
  return { value, suppressed: false, rounded: numerator.rounded || denominator.rounded };
}

/**
 * A non-count figure about individuals (FTE): hidden with its headcount, otherwise rounded like a count so
 * it cannot be differenced back to a small group.
 */
export function controlAlongside(value: number, headcount: ControlledValue): ControlledValue {
  if (headcount.suppressed) return { ...SUPPRESSED };
  return { value: roundToNearest(value), suppressed: false, rounded: true };
}
