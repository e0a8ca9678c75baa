import { BadRequestException, Injectable } from '@nestjs/common';
import {
  ControlledValue,
  DEFAULT_TARGET_PCT,
  FORECAST_HORIZON_MONTHS,
  Improvement,
  SpcChart,
  SUPPRESSED,
  roundToNearest,
  addMonths,
  combineRates,
  controlCount,
  metTrajectory,
  monthsBetween,
  monthsToTarget,
  percent,
  placesPerMonth,
  recentRates,
  shown,
  spcChart,
} from '@aiwr/shared-domain';
import { CoverageService, type CoverageFilter, type CoverageViewer } from '@aiwr/server-coverage';
import { PlanningLevel, PlanningQuery, Ref, WindowRow } from './planning-query';

export type PlanningGroupDimension = 'REGION' | 'ICB' | 'ORGANISATION';
export type PlanningOptions = {
  groupBy: PlanningGroupDimension[];
  level: PlanningLevel;
  /** YYYY-MM-DD: reach the target by the end of this date's month. */
  targetDate: string;
  /** What-if: the target percentage for every row (default: each row's configured target). */
  targetPct?: number | null;
  /** What-if: the recent completion rate multiplied by this (1 = as it is). */
  completionRateFactor?: number | null;
  /** Months of flows the recent rates are measured over (default 3). */
  windowMonths?: number | null;
};

export type ForecastPoint = {
  month: string;
  coveragePct: number | null;
  lowPct: number | null;
  highPct: number | null;
  withPlacesPct: number | null;
};
export type PlanningRow = {
  keys: { dimension: string; code: string; label: string }[];
  asAt: string;
  organisations: number;
  needed: ControlledValue;
  met: ControlledValue;
  unmet: ControlledValue;
  coveragePct: ControlledValue;
  targetPct: number;
  completionsPerMonth: ControlledValue;
  completionsPerMonthLow: number | null;
  completionsPerMonthHigh: number | null;
  churnPerMonthPct: number | null;
  expiringBeforeTargetDate: ControlledValue;
  monthsToTarget: number | null;
  projectedMonth: string | null;
  reachedAtCurrentRate: boolean | null;
  monthsToTargetDate: number;
  placesPerMonth: ControlledValue;
  extraPlacesPerMonth: ControlledValue;
  placesTotal: ControlledValue;
  disclosureControlled: boolean;
  trajectory: ForecastPoint[];
};

export type FlowMonth = {
  month: string;
  organisations: number;
  joiners: ControlledValue;
  leavers: ControlledValue;
  gainedArchetype: ControlledValue;
  newNeeds: ControlledValue;
  completions: ControlledValue;
  expired: ControlledValue;
  leaversMet: ControlledValue;
  disclosureControlled: boolean;
};

export type SpcMeasure = 'COVERAGE' | 'FOUNDATION' | 'FULLY_TRAINED';
const SPC_MEASURE = {
  COVERAGE: 'coveragePct',
  FOUNDATION: 'foundationPct',
  FULLY_TRAINED: 'fullyTrainedPct',
} as const;

const DEFAULT_WINDOW_MONTHS = 3;
const MIN_TRAJECTORY_MONTHS = 12;
const round1 = (n: number) => Math.round(n * 10) / 10;
const GROUP_KEY: Record<PlanningGroupDimension, 'regionCode' | 'icbCode' | 'orgCode'> = {
  REGION: 'regionCode',
  ICB: 'icbCode',
  ORGANISATION: 'orgCode',
};

/**
 * Planning figures (docs/api.md "Planning: the method"): forecasts and places to commission, workforce
 * flows and SPC charts. Populations come from CoverageService.points (so THE access policy, the filter and
 * the chosen geography decide which organisations count), inputs from rollups, arithmetic from
 * @aiwr/shared-domain; disclosure control is applied here to every count shown.
 */
@Injectable()
export class PlanningService {
  private readonly query: PlanningQuery;

  constructor(private readonly coverage: CoverageService) {
    this.query = new PlanningQuery(coverage.db);
  }

  async planning(viewer: CoverageViewer, filter: CoverageFilter, opts: PlanningOptions) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.targetDate))
      throw new BadRequestException('targetDate must be a date in the form YYYY-MM-DD.');
    const factor = opts.completionRateFactor ?? 1;
    if (!(factor >= 0 && factor <= 10))
      throw new BadRequestException('completionRateFactor must be between 0 and 10.');
    if (opts.targetPct != null && !(opts.targetPct > 0 && opts.targetPct <= 100))
      throw new BadRequestException('targetPct must be above 0 and at most 100.');
    const windowMonths = opts.windowMonths ?? DEFAULT_WINDOW_MONTHS;
    if (!(windowMonths >= 1 && windowMonths <= 24))
      throw new BadRequestException('windowMonths must be between 1 and 24.');

    const catalog = await this.coverage.catalog();
    const { points } = await this.coverage.points(viewer, filter, [filter.asAt ?? null]);
    const refs = points[0].refs;
    const asAt = refs.reduce((d, r) => (r.asAt > d ? r.asAt : d), '');
    if (!asAt) return { asAt: null, targetDate: opts.targetDate, windowMonths, rows: [] };
    const months = monthsBetween(asAt, opts.targetDate);
    if (months < 1)
      throw new BadRequestException(
        `The target date must be in a month after the latest data (${asAt.slice(0, 7)}).`,
      );

    const moduleCodes = filter.moduleCodes?.length ? filter.moduleCodes : null;
    const layer = filter.layer ?? null;
    const key = JSON.stringify(['planning', refs, opts.level, windowMonths, moduleCodes, layer]);
    const [now, recent, expiries] = await this.coverage.cache.get(key, () =>
      Promise.all([
        this.query.now(refs, opts.level, moduleCodes, layer),
        this.query.window(refs, opts.level, windowMonths, moduleCodes, layer),
        this.query.expiries(refs, opts.level, moduleCodes, layer),
      ]),
    );

    const groupOf = (orgCode: string) => {
      const ref = refs.find((r) => r.orgCode === orgCode)!;
      return opts.groupBy.map((d) => ref[GROUP_KEY[d]] ?? '');
    };
    type Acc = { group: string[]; key: string; orgs: Map<string, { needed: number; met: number }> };
    const groups = new Map<string, Acc>();
    for (const n of now) {
      const group = groupOf(n.orgCode);
      const id = JSON.stringify([...group, n.key]);
      const acc = groups.get(id) ?? { group, key: n.key, orgs: new Map() };
      acc.orgs.set(n.orgCode, { needed: n.needed, met: n.met });
      groups.set(id, acc);
    }
    const windowByOrgKey = new Map<string, WindowRow>(
      recent.rows.map((r: WindowRow) => [`${r.orgCode}|${r.key}`, r]),
    );
    const expiryByOrgKey = new Map<string, { month: string; pairs: number }[]>();
    for (const e of expiries) {
      const list = expiryByOrgKey.get(`${e.orgCode}|${e.key}`) ?? [];
      list.push(e);
      expiryByOrgKey.set(`${e.orgCode}|${e.key}`, list);
    }

    const rows: PlanningRow[] = [];
    for (const acc of groups.values()) {
      const orgCodes = [...acc.orgs.keys()];
      const groupAsAt = orgCodes
        .map((o) => refs.find((r) => r.orgCode === o)!.asAt)
        .sort()
        .pop()!;
      const needed = [...acc.orgs.values()].reduce((s, x) => s + x.needed, 0);
      const met = [...acc.orgs.values()].reduce((s, x) => s + x.met, 0);
      const rates = combineRates(
        orgCodes.map((o) => {
          const w = windowByOrgKey.get(`${o}|${acc.key}`);
          const orgMonths = recent.monthsByOrg.get(o) ?? 0;
          return {
            met: acc.orgs.get(o)!.met,
            rates: recentRates(
              orgMonths === 0
                ? []
                : [
                    {
                      months: orgMonths,
                      completions: w?.completions ?? 0,
                      leaversMet: w?.leaversMet ?? 0,
                      metBefore: (w?.metExposure ?? 0) / orgMonths,
                    },
                  ],
            ),
          };
        }),
      );
      const horizon = Math.max(months, FORECAST_HORIZON_MONTHS);
      const expiriesByMonth = Array<number>(horizon).fill(0);
      for (const o of orgCodes)
        for (const e of expiryByOrgKey.get(`${o}|${acc.key}`) ?? []) {
          const t = Math.max(1, monthsBetween(groupAsAt, `${e.month}-01`));
          if (t <= horizon) expiriesByMonth[t - 1] += e.pairs;
        }
      const start = { needed, met, churnPerMonth: rates.churnPerMonth, expiriesByMonth };
      const single = orgCodes.length === 1 ? orgCodes[0] : null;
      const targetPct =
        opts.targetPct ??
        catalog.targetFor(
          opts.level === 'MODULE'
            ? { orgCode: single, moduleCode: acc.key }
            : { orgCode: single, layer: acc.key },
        )?.targetPct ??
        DEFAULT_TARGET_PCT;
      const rate = rates.completionsPerMonth * factor;
      const reachIn = monthsToTarget(start, rate, targetPct);
      const places = placesPerMonth(start, targetPct, months);
      const length = Math.min(horizon, Math.max(months, MIN_TRAJECTORY_MONTHS, reachIn ?? 0));
      const paths = [
        rate,
        rates.completionsPerMonthLow * factor,
        rates.completionsPerMonthHigh * factor,
        places,
      ].map((c) => metTrajectory(start, c, length));
      // As for coverage: every figure is controlled unless the viewer may see records for all its organisations.
      const controlled = await viewer.needsDisclosureControl(orgCodes);
      const count = (n: number) => (controlled ? controlCount(n) : shown(n));
      const shownNeeded = count(needed);
      const withheld = shownNeeded.suppressed;
      const pct = (m: number) =>
        withheld || needed === 0
          ? null
          : controlled
            ? Math.round((m / needed) * 100)
            : round1((m / needed) * 100);
      const shownMet = count(met);
      // The total and the extra are placesPerMonth times / minus known figures: suppressed with it.
      const shownPlaces = withheld ? { ...shownNeeded } : count(places);
      const shownRate = withheld ? { ...shownNeeded } : count(Math.round(rate));
      // The rate's interval would give the exact completions away: to the nearest 5 when controlled.
      const bound = (x: number) => (controlled ? roundToNearest(x) : round1(x));
      const hide = <T>(v: T): T | null => (withheld ? null : v);
      rows.push({
        keys: [
          ...opts.groupBy.map((d, i) => ({
            dimension: d,
            code: acc.group[i],
            label: catalog.label(d, acc.group[i]),
          })),
          { dimension: opts.level, code: acc.key, label: catalog.label(opts.level, acc.key) },
        ],
        asAt: groupAsAt,
        organisations: orgCodes.length,
        needed: shownNeeded,
        met: shownMet,
        unmet: count(needed - met),
        coveragePct:
          shownMet.value === null || shownNeeded.value === null || shownNeeded.value === 0
            ? shown(null)
            : shown(percent(shownMet.value, shownNeeded.value)),
        targetPct,
        completionsPerMonth: shownRate,
        completionsPerMonthLow: hide(bound(rates.completionsPerMonthLow * factor)),
        completionsPerMonthHigh: hide(bound(rates.completionsPerMonthHigh * factor)),
        churnPerMonthPct: hide(round1(rates.churnPerMonth * 100)),
        expiringBeforeTargetDate: count(expiriesByMonth.slice(0, months).reduce((s, e) => s + e, 0)),
        monthsToTarget: hide(reachIn),
        projectedMonth: withheld || reachIn === null ? null : addMonths(groupAsAt, reachIn),
        reachedAtCurrentRate: withheld ? null : reachIn !== null && reachIn <= months,
        monthsToTargetDate: months,
        placesPerMonth: shownPlaces,
        extraPlacesPerMonth:
          shownPlaces.suppressed || shownRate.suppressed
            ? { ...SUPPRESSED }
            : controlled
              ? { ...shownPlaces, value: Math.max(0, (shownPlaces.value ?? 0) - (shownRate.value ?? 0)) }
              : shown(Math.max(0, places - Math.round(rate))),
        // From the places as shown, so a rounded figure cannot be recovered by dividing the total.
        placesTotal: shownPlaces.suppressed
          ? { ...shownPlaces }
          : { ...shownPlaces, value: (shownPlaces.value ?? 0) * months },
        disclosureControlled: controlled,
        trajectory: paths[0].map((_, i) => ({
          month: addMonths(groupAsAt, i + 1),
          coveragePct: pct(paths[0][i]),
          lowPct: pct(paths[1][i]),
          highPct: pct(paths[2][i]),
          withPlacesPct: pct(paths[3][i]),
        })),
      });
    }
    const collator = new Intl.Collator('en-GB');
    rows.sort((a, b) => {
      for (let i = 0; i < a.keys.length; i++) {
        const c = collator.compare(a.keys[i].label, b.keys[i].label);
        if (c) return c;
      }
      return 0;
    });
    return { asAt, targetDate: opts.targetDate, windowMonths, rows };
  }

  /**
   * Joiners, leavers, role changes, completions and expiries in each month with a snapshot, for the
   * population at that month (each organisation counted once a month, in the geography of the filter).
   */
  async flows(viewer: CoverageViewer, filter: CoverageFilter): Promise<FlowMonth[]> {
    const dates = await this.coverage.trendDates(viewer, filter);
    const lastOfMonth = new Map<string, string>();
    for (const d of dates) lastOfMonth.set(d.slice(0, 7), d);
    const { points } = await this.coverage.points(viewer, filter, [...lastOfMonth.values()]);
    const refs: Ref[] = [];
    const seen = new Set<string>();
    for (const p of points)
      for (const r of p.refs)
        if (r.asAt.slice(0, 7) === p.point.slice(0, 7) && !seen.has(`${r.orgCode}|${r.asAt}`)) {
          seen.add(`${r.orgCode}|${r.asAt}`);
          refs.push({ orgCode: r.orgCode, asAt: r.asAt });
        }
    if (refs.length === 0) return [];
    const moduleCodes = filter.moduleCodes?.length ? filter.moduleCodes : null;
    const rows = await this.coverage.cache.get(
      JSON.stringify(['flows', refs, moduleCodes, filter.layer ?? null]),
      () => this.query.flows(refs, moduleCodes, filter.layer ?? null),
    );
    const byMonth = new Map<string, typeof rows>();
    for (const r of rows) byMonth.set(r.asAt.slice(0, 7), [...(byMonth.get(r.asAt.slice(0, 7)) ?? []), r]);
    const out: FlowMonth[] = [];
    for (const [month, list] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
      const orgs = list.map((r) => r.orgCode);
      const controlled = await viewer.needsDisclosureControl(orgs);
      const sum = (
        k: 'joiners' | 'leavers' | 'gainedArchetype' | 'newNeeds' | 'completions' | 'expired' | 'leaversMet',
      ) => {
        const n = list.reduce((s, r) => s + r[k], 0);
        return controlled ? controlCount(n) : shown(n);
      };
      out.push({
        month,
        organisations: orgs.length,
        joiners: sum('joiners'),
        leavers: sum('leavers'),
        gainedArchetype: sum('gainedArchetype'),
        newNeeds: sum('newNeeds'),
        completions: sum('completions'),
        expired: sum('expired'),
        leaversMet: sum('leaversMet'),
        disclosureControlled: controlled,
      });
    }
    return out;
  }

  /** An XmR chart of a coverage percentage over the snapshots in scope (figures as the viewer may see them). */
  async spc(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    measure: SpcMeasure,
  ): Promise<{ dates: string[]; chart: SpcChart | null; targetPct: number; improvement: Improvement }> {
    const catalog = await this.coverage.catalog();
    const trend = await this.coverage.trend(viewer, filter, []);
    const dates: string[] = [];
    const values: number[] = [];
    for (const p of trend) {
      const v = p.rows[0]?.shown[SPC_MEASURE[measure]].value;
      if (v === null || v === undefined) continue;
      dates.push(p.asAt);
      values.push(v);
    }
    const modules = filter.moduleCodes?.length === 1 ? filter.moduleCodes[0] : null;
    const layer = measure === 'FOUNDATION' ? 'foundation' : (filter.layer ?? null);
    const single = filter.orgCodes?.length === 1 ? filter.orgCodes[0] : null;
    const targetPct =
      catalog.targetFor({ orgCode: single, moduleCode: modules, layer })?.targetPct ?? DEFAULT_TARGET_PCT;
    return { dates, chart: spcChart(values, 'UP', targetPct), targetPct, improvement: 'UP' };
  }
}
