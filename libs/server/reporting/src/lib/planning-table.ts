import { BadRequestException } from '@nestjs/common';
import type { PlanningGroupDimension, PlanningOptions, PlanningRow } from '@aiwr/server-planning';
import { Cell, ExportColumn } from './table-writers';

const GROUPS: PlanningGroupDimension[] = ['REGION', 'ICB', 'ORGANISATION'];
const HEADERS: Record<string, string> = { REGION: 'Region', ICB: 'ICB', ORGANISATION: 'Organisation' };

const number = (v: unknown, name: string, min: number, max: number): number | null => {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new BadRequestException(`${name} must be a number from ${min} to ${max}.`);
  return n;
};

/** The planning query's arguments as query-string parameters (as the GraphQL `planning` field takes them). */
export function parsePlanningQuery(q: Record<string, unknown>): PlanningOptions {
  const targetDate = String(q.targetDate ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(targetDate))
    throw new BadRequestException('targetDate (YYYY-MM-DD) is required.');
  const groupBy = String(q.groupBy ?? '')
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter(Boolean);
  for (const g of groupBy)
    if (!GROUPS.includes(g as PlanningGroupDimension))
      throw new BadRequestException(`groupBy must be among ${GROUPS.join(', ')}.`);
  const level = String(q.level ?? 'MODULE').toUpperCase();
  if (level !== 'MODULE' && level !== 'LAYER')
    throw new BadRequestException('level must be MODULE or LAYER.');
  return {
    targetDate,
    groupBy: [...new Set(groupBy)] as PlanningGroupDimension[],
    level,
    targetPct: number(q.targetPct, 'targetPct', 0.1, 100),
    completionRateFactor: number(q.completionRateFactor, 'completionRateFactor', 0, 10),
    windowMonths: number(q.windowMonths, 'windowMonths', 1, 24),
  };
}

export const PLANNING_DEFINITIONS: [string, string][] = [
  [
    'Requirements',
    'Person × module pairs needed at the latest snapshot; Met: those with a valid completion.',
  ],
  ['Completions a month', 'Completions recorded in the recent window (default 3 months) / months in it.'],
  ['Low / high', '95% interval of the monthly rate: (K ± 1.96 √K) / months for K completions.'],
  [
    'Churn % a month',
    'Met pairs lost with leavers / (met pairs at the start of each interval × its months).',
  ],
  ['Expiring', 'Certificates of today’s staff expiring from the latest snapshot to the target date.'],
  [
    'Projected month',
    'First month coverage reaches the target if met(t) = met(t−1) × (1 − churn) + completions − expiries(t); blank: not within 60 months at the current rate.',
  ],
  [
    'Places a month',
    'Completions needed every month, the same each month, to reach the target by the end of the target date’s month (same model, solved for completions, rounded up).',
  ],
  ['Extra places a month', 'Places a month beyond the recent completion rate.'],
  [
    'Places in total',
    'Places a month × months to the target date: the size of the course run to commission.',
  ],
];

export function planningColumns(groupBy: PlanningGroupDimension[], level: string): ExportColumn[] {
  return [
    ...groupBy.flatMap((d) => [{ header: `${HEADERS[d]} code` }, { header: HEADERS[d], width: 36 }]),
    { header: level === 'LAYER' ? 'Layer' : 'Module code' },
    { header: level === 'LAYER' ? 'Layer name' : 'Module', width: 36 },
    ...[
      'As at',
      'Requirements',
      'Met',
      'Unmet',
      'Coverage %',
      'Target %',
      'Completions a month',
      'Completions a month (low)',
      'Completions a month (high)',
      'Churn % a month',
      'Expiring by target date',
      'Projected month',
      'Target date',
      'Months to target date',
      'Places a month',
      'Extra places a month',
      'Places in total',
    ].map((header) => ({ header })),
  ];
}

/** One export row; suppressed figures are "*", a target not reached at the current rate says so. */
export function planningRowCells(r: PlanningRow, targetDate: string): Cell[] {
  const m = (v: { value: number | null; suppressed: boolean }) => (v.suppressed ? '*' : v.value);
  return [
    ...r.keys.flatMap((k) => [k.code, k.label]),
    r.asAt,
    m(r.needed),
    m(r.met),
    m(r.unmet),
    m(r.coveragePct),
    r.targetPct,
    m(r.completionsPerMonth),
    r.completionsPerMonthLow,
    r.completionsPerMonthHigh,
    r.churnPerMonthPct,
    m(r.expiringBeforeTargetDate),
    r.needed.suppressed ? '*' : (r.projectedMonth ?? 'Not at the current rate'),
    targetDate,
    r.monthsToTargetDate,
    m(r.placesPerMonth),
    m(r.extraPlacesPerMonth),
    m(r.placesTotal),
  ];
}
