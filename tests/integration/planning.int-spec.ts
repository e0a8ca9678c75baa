/**
 * Planning through the real GraphQL endpoint against the hand-counted history of planning-history.ts:
 * ICB membership as it was and restated across 2026-04-01, flows per month, the projected month, places per
 * month for a target date, what-ifs, SPC, scope (allowed / denied) and disclosure control by role.
 */
import { DataSource } from 'typeorm';
import { TestApp, startTestApp } from '../support/test-app';
import { SignedIn, signInAs } from '../support/auth';
import { DATES, MODULE, insertPlanningHistory, removePlanningHistory } from './planning-history';

// RAL (Royal Free) was in North Central London (QMJ) until 2026-03-31 and in West and North London (Z9B2Z)
// from 2026-04-01; RJ1 (the demo trust lead's trust) has been in South East London (QKK) throughout.
const ORGS = ['RAL', 'RJ1'];
let app: TestApp;
let db: DataSource;
const as: Record<string, SignedIn> = {};

const M = `{ value suppressed rounded }`;
const PLANNING = `query($targetDate: String!, $filter: CoverageFilter, $groupBy: [PlanningGroup!], $targetPct: Float, $completionRateFactor: Float) {
  planning(targetDate: $targetDate, filter: $filter, groupBy: $groupBy, targetPct: $targetPct, completionRateFactor: $completionRateFactor) {
    asAt targetDate windowMonths rows { keys { dimension code } asAt organisations needed ${M} met ${M} coveragePct ${M}
      targetPct completionsPerMonth ${M} completionsPerMonthLow completionsPerMonthHigh churnPerMonthPct
      expiringBeforeTargetDate ${M} monthsToTarget projectedMonth reachedAtCurrentRate monthsToTargetDate
      placesPerMonth ${M} extraPlacesPerMonth ${M} placesTotal ${M} disclosureControlled
      trajectory { month coveragePct lowPct highPct withPlacesPct } } } }`;
const FLOWS = `query($filter: CoverageFilter) { workforceFlows(filter: $filter) { month organisations
  joiners ${M} leavers ${M} gainedArchetype ${M} newNeeds ${M} completions ${M} expired ${M} leaversMet ${M} disclosureControlled } }`;
const TREND = `query($filter: CoverageFilter) { coverageTrend(filter: $filter, groupBy: [ICB]) {
  asAt rows { keys { dimension code } headcount { value } } } }`;
const SPC = `query($filter: CoverageFilter) { coverageSpc(filter: $filter) {
  mean upperLimit lowerLimit movingRangeMean targetPct variation assurance points { asAt value specialCauses high } } }`;

const ok = async (role: string, query: string, variables: Record<string, unknown> = {}) => {
  const res = await app.gql(query, variables, as[role].headers);
  if (res.errors) throw new Error(`${role}: ${JSON.stringify(res.errors)}`);
  return res.data;
};
const denied = async (role: string, query: string, variables: Record<string, unknown>) => {
  const res = await app.gql(query, variables, as[role].headers);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(JSON.stringify(res.errors)).not.toContain('RAL');
};

beforeAll(async () => {
  app = await startTestApp();
  db = app.app.get(DataSource);
  await insertPlanningHistory(db, ORGS);
  await new Promise((r) => setTimeout(r, 100)); // let the API's cache hear the NOTIFY
  for (const role of ['trust_lead', 'planner', 'analyst', 'admin'])
    as[role] = await signInAs(app, role as any);
});

afterAll(async () => {
  await removePlanningHistory(db, ORGS);
  await app.close();
});

describe('ICB membership over time (2026-04-01 boundary)', () => {
  it('reference data: RAL in QMJ up to 2026-03-31 and Z9B2Z from 2026-04-01', async () => {
    const rows = await db.query(
      `select icb_code, valid_from::text, valid_to::text from organisation_icb_membership where org_code = 'RAL' order by valid_from`,
    );
    expect(rows).toEqual([
      { icb_code: 'QMJ', valid_from: '2022-07-01', valid_to: '2026-03-31' },
      { icb_code: 'Z9B2Z', valid_from: '2026-04-01', valid_to: null },
    ]);
  });

  const icbOf = (points: any[]) =>
    points.map((p) => [p.asAt, p.rows.map((r: any) => `${r.keys[0].code}:${r.headcount.value}`).join(' ')]);

  it('as it was: January to March under QMJ, April under Z9B2Z', async () => {
    const d = await ok('admin', TREND, { filter: { orgCodes: ['RAL'] } });
    expect(icbOf(d.coverageTrend)).toEqual([
      [DATES[0], 'QMJ:40'],
      [DATES[1], 'QMJ:40'],
      [DATES[2], 'QMJ:40'],
      [DATES[3], 'Z9B2Z:40'],
    ]);
  });

  it('restated to today: every month under Z9B2Z', async () => {
    const d = await ok('admin', TREND, { filter: { orgCodes: ['RAL'], geography: 'RESTATED' } });
    expect(icbOf(d.coverageTrend)).toEqual(DATES.map((d) => [d, 'Z9B2Z:40']));
  });

  it('an ICB filter follows the choice: the abolished QMJ has its past only as it was', async () => {
    const was = await ok('admin', TREND, { filter: { icbCodes: ['QMJ'] } });
    expect(was.coverageTrend.map((p: any) => p.asAt)).toEqual(DATES.slice(0, 3));
    const restated = await ok('admin', TREND, { filter: { icbCodes: ['QMJ'], geography: 'RESTATED' } });
    expect(restated.coverageTrend).toEqual([]);
    const z = await ok('admin', TREND, { filter: { icbCodes: ['Z9B2Z'], geography: 'RESTATED' } });
    expect(z.coverageTrend.map((p: any) => p.asAt)).toEqual(DATES);
    const zWas = await ok('admin', TREND, { filter: { icbCodes: ['Z9B2Z'] } });
    expect(zWas.coverageTrend.map((p: any) => p.asAt)).toEqual([DATES[3]]);
  });
});

describe('flows per month (hand-counted)', () => {
  it('joiners, leavers, role changes, new needs, completions, expiries, trained leavers', async () => {
    const d = (await ok('admin', FLOWS, { filter: { orgCodes: ['RAL'] } })).workforceFlows;
    const v = (f: any) => [
      f.month,
      f.joiners.value,
      f.leavers.value,
      f.gainedArchetype.value,
      f.newNeeds.value,
      f.completions.value,
      f.expired.value,
      f.leaversMet.value,
    ];
    // February: persons 1, 2 (trained) leave, 41, 42 join, 21-25 complete.
    // March: 3, 4 (trained) leave, 43, 44 join, 26-30 complete, 3-10's certificates expire (8), person 20 becomes a user.
    // April: 5, 6 (expired, so not trained) leave, 45, 46 join, 31-36 complete.
    expect(d.map(v)).toEqual([
      ['2026-02', 2, 2, 0, 2, 5, 0, 2],
      ['2026-03', 2, 2, 1, 2, 5, 8, 2],
      ['2026-04', 2, 2, 0, 2, 6, 0, 0],
    ]);
    expect(d.every((f: any) => !f.disclosureControlled)).toBe(true);
  });

  it('a planner sees the London flows controlled (counts 1-7 suppressed)', async () => {
    const d = (await ok('planner', FLOWS, {})).workforceFlows;
    expect(d.map((f: any) => f.month)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(d.every((f: any) => f.disclosureControlled)).toBe(true);
    // Two trusts: 4 joiners (suppressed), 10 completions (shown, rounded to 10) in February.
    expect(d[0].joiners).toEqual({ value: null, suppressed: true, rounded: false });
    expect(d[0].completions).toEqual({ value: 10, suppressed: false, rounded: true });
  });
});

describe('forecast and places (hand-computed)', () => {
  // At 2026-04-30 RAL needs 40 pairs and has 26 met (11-20 and 21-36). The three months of flows give
  // 16 completions (5.33 a month) and 4 trained leavers over 20 + 23 + 20 met-pair-months (churn 4/63).
  // 90% of 40 = 36 pairs. Certificates of 11-20 (10) expire in September 2026, month 5.
  const ral = async (targetDate: string, extra: Record<string, unknown> = {}) =>
    (
      await ok('admin', PLANNING, {
        targetDate,
        filter: { orgCodes: ['RAL'], moduleCodes: [MODULE] },
        targetPct: 90,
        ...extra,
      })
    ).planning.rows[0];

  it('today, the recent rates and the projected month', async () => {
    const r = await ral('2026-10-31');
    expect(r.asAt).toBe('2026-04-30');
    expect([r.needed.value, r.met.value, r.coveragePct.value]).toEqual([40, 26, 65]);
    expect(r.completionsPerMonth.value).toBe(5); // 5.33 shown whole
    expect(r.completionsPerMonthLow).toBe(2.7); // (16 − 1.96 × 4) / 3 = 2.72
    expect(r.completionsPerMonthHigh).toBe(7.9); // (16 + 7.84) / 3 = 7.95
    expect(r.churnPerMonthPct).toBe(6.3); // 4 / 63
    // met: 26 × 59/63 + 5.33 = 29.68, then 33.13, then 36.36 ≥ 36: July 2026.
    expect(r.monthsToTarget).toBe(3);
    expect(r.projectedMonth).toBe('2026-07');
    expect(r.reachedAtCurrentRate).toBe(true);
    expect(r.trajectory[0]).toEqual({
      month: '2026-05',
      coveragePct: 74.2,
      lowPct: expect.any(Number),
      highPct: expect.any(Number),
      withPlacesPct: expect.any(Number),
    });
    expect(r.trajectory[0].lowPct).toBeLessThan(74.2);
    expect(r.trajectory[0].highPct).toBeGreaterThan(74.2);
  });

  it('places per month for a target date: (36 − 26q⁶ + 10q) / Σq^i = 5.43 → 6 by October; 6.82 → 7 by June', async () => {
    const october = await ral('2026-10-31');
    expect(october.monthsToTargetDate).toBe(6);
    expect(october.placesPerMonth.value).toBe(6);
    expect(october.extraPlacesPerMonth.value).toBe(1);
    expect(october.placesTotal.value).toBe(36);
    expect(october.expiringBeforeTargetDate.value).toBe(10);
    expect(october.trajectory[5].withPlacesPct).toBeGreaterThanOrEqual(90);
    const june = await ral('2026-06-30');
    expect(june.monthsToTargetDate).toBe(2);
    expect(june.placesPerMonth.value).toBe(7); // (36 − 26 × (59/63)²) / (1 + 59/63) = 6.82
  });

  it('what-if: no completions → "not at the current rate"; a higher target needs more places', async () => {
    const none = await ral('2026-10-31', { completionRateFactor: 0 });
    expect(none.projectedMonth).toBeNull();
    expect(none.reachedAtCurrentRate).toBe(false);
    expect(none.placesPerMonth.value).toBe(6); // places do not depend on the current rate
    const higher = await ral('2026-10-31', { targetPct: 100 });
    expect(higher.placesPerMonth.value).toBeGreaterThan(6);
  });

  it('two trusts added up (administrator, no breakdown): exact, twice the figures; an analyst sees them controlled', async () => {
    const d = (
      await ok('admin', PLANNING, {
        targetDate: '2026-10-31',
        filter: { moduleCodes: [MODULE] },
        targetPct: 90,
      })
    ).planning;
    expect(d.rows).toHaveLength(1);
    const r = d.rows[0];
    expect(r.disclosureControlled).toBe(false);
    expect([r.needed.value, r.met.value, r.organisations]).toEqual([80, 52, 2]);
    expect(r.placesPerMonth.value).toBe(11); // 2 × 5.43 = 10.86
    const analyst = (
      await ok('analyst', PLANNING, {
        targetDate: '2026-10-31',
        filter: { moduleCodes: [MODULE] },
        targetPct: 90,
      })
    ).planning.rows[0];
    expect(analyst.disclosureControlled).toBe(true);
    expect([analyst.needed.value, analyst.met.value, analyst.placesPerMonth.value]).toEqual([80, 50, 10]);
  });

  it('rejects a target date that is not after the latest month', async () => {
    const res = await app.gql(PLANNING, { targetDate: '2026-04-15' }, as.admin.headers);
    expect(res.errors?.[0]?.message).toMatch(/after the latest data/);
  });
});

describe('planning: scope and disclosure control', () => {
  it('trust lead: own trust allowed (exact), another trust denied', async () => {
    const d = (await ok('trust_lead', PLANNING, { targetDate: '2026-10-31', groupBy: ['ORGANISATION'] }))
      .planning;
    expect(d.rows.map((r: any) => r.keys[0].code)).toEqual(['RJ1']);
    expect(d.rows[0].disclosureControlled).toBe(false);
    expect(d.rows[0].needed.value).toBe(40);
    await denied('trust_lead', PLANNING, { targetDate: '2026-10-31', filter: { orgCodes: ['RAL'] } });
    await denied('trust_lead', FLOWS, { filter: { orgCodes: ['RAL'] } });
    await denied('trust_lead', SPC, { filter: { orgCodes: ['RAL'] } });
  });

  it('regional planner: trust rows controlled — counts rounded to 5, places 1-7 suppressed', async () => {
    const d = (
      await ok('planner', PLANNING, {
        targetDate: '2026-10-31',
        groupBy: ['ORGANISATION'],
        filter: { moduleCodes: [MODULE] },
        targetPct: 90,
      })
    ).planning;
    expect(d.rows.map((r: any) => r.keys[0].code)).toEqual(['RJ1', 'RAL']); // by name: Guy's and St Thomas', Royal Free
    for (const r of d.rows) {
      expect(r.disclosureControlled).toBe(true);
      expect(r.needed).toEqual({ value: 40, suppressed: false, rounded: true });
      expect(r.met).toEqual({ value: 25, suppressed: false, rounded: true });
      expect(r.placesPerMonth.suppressed).toBe(true);
      // 6 a month × 6 months would give the suppressed figure away: the total and the extra go with it.
      expect(r.placesTotal.suppressed).toBe(true);
      expect(r.extraPlacesPerMonth.suppressed).toBe(true);
    }
    await denied('planner', PLANNING, { targetDate: '2026-10-31', filter: { regionCodes: ['Y62'] } });
  });
});

describe('export of places needed', () => {
  const download = (role: string, path: string) => fetch(`${app.url}${path}`, { headers: as[role].headers });

  it('CSV: one row per trust and module with the places, as the API computes them', async () => {
    const res = await download(
      'admin',
      `/api/exports/planning.csv?targetDate=2026-10-31&groupBy=ORGANISATION&moduleCodes=${MODULE}&targetPct=90`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/planning-2026-04-30-to-2026-10-31\.csv/);
    const [header, ...lines] = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cols = header.split(',');
    expect(cols.slice(0, 4)).toEqual(['Organisation code', 'Organisation', 'Module code', 'Module']);
    const ral = lines.map((l) => l.split(',')).find((c) => c[0] === 'RAL')!;
    const at = (h: string) => ral[cols.indexOf(h)];
    expect([
      at('Requirements'),
      at('Met'),
      at('Places a month'),
      at('Places in total'),
      at('Projected month'),
    ]).toEqual(['40', '26', '6', '36', '2026-07']);
  });

  it('XLSX carries the method in its About sheet; out-of-scope and bad requests are refused', async () => {
    const xlsx = await download('planner', `/api/exports/planning.xlsx?targetDate=2026-10-31&groupBy=ICB`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(
      (await download('trust_lead', '/api/exports/planning.csv?targetDate=2026-10-31&orgCodes=RAL')).status,
    ).toBe(403);
    expect((await download('admin', '/api/exports/planning.csv')).status).toBe(400);
  });
});

describe('SPC on the coverage trend', () => {
  it('XmR limits from the four points as shown, and the icons', async () => {
    const d = (await ok('admin', SPC, { filter: { orgCodes: ['RAL'], moduleCodes: [MODULE] } })).coverageSpc;
    // Coverage: 20/40 = 50, 23/40 = 57.5, 20/40 = 50, 26/40 = 65. Mean 55.625; moving ranges 7.5, 7.5, 15, mR̄ 10.
    expect(d.points.map((p: any) => p.value)).toEqual([50, 57.5, 50, 65]);
    expect(d.mean).toBeCloseTo(55.625, 6);
    expect(d.movingRangeMean).toBeCloseTo(10, 6);
    expect(d.upperLimit).toBeCloseTo(82.225, 6);
    expect(d.lowerLimit).toBeCloseTo(29.025, 6);
    expect(d.variation).toBe('COMMON_CAUSE');
    expect(d.assurance).toBe('CONSISTENTLY_FAIL'); // 90 is above the upper limit
    expect(d.points.every((p: any) => p.specialCauses.length === 0)).toBe(true);
  });
});
