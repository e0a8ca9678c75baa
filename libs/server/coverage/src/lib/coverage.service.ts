import { Inject, Injectable, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ControlledValue, DEFAULT_AMBER_PCT, DEFAULT_TARGET_PCT, Rag, shown } from '@aiwr/shared-domain';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import { CoverageViewer } from './coverage-viewer';
import { CoverageCatalog } from './query/coverage-catalog';
import { CoverageDimension, CoverageFilter, RawRow, listOf } from './query/coverage-filter';
import { ControlledRow, controlRows } from './query/controlled-rows';
import { RollupCache } from './query/rollup-cache';
import { FilterOptionIndex } from './rollups/filter-options';
import { SnapshotPoint, queryRollups } from './query/rollup-query';
import {
  latestOf,
  normalise,
  ragOfShown,
  sortOrder,
  totalAvailable,
  uniqueDimensions,
  withTarget,
} from './query/row-helpers';

export type CoverageResultRow = ControlledRow & { targetPct: number; amberPct: number; rag: Rag | null };
export type CoverageResult = {
  asAt: string | null;
  rows: CoverageResultRow[];
  total: CoverageResultRow | null;
};

/**
 * Every coverage figure the product shows, read from the precomputed rollups, scoped by the access policy
 * (through a CoverageViewer) and passed through disclosure control in one place (`finish`).
 */
@Injectable()
export class CoverageService implements OnModuleInit, OnModuleDestroy {
  readonly cache: RollupCache;

  constructor(
    @InjectDataSource() readonly db: DataSource,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.cache = new RollupCache(config?.databaseUrl);
  }

  async onModuleInit() {
    await this.cache.listen();
  }

  async onModuleDestroy() {
    await this.cache.close();
  }

  catalog(): Promise<CoverageCatalog> {
    return this.cache.get('catalog', () => CoverageCatalog.load(this.db), true);
  }

  /** Which filter codes each snapshot has (coverage_filter_option), in memory like the catalog. */
  filterOptionIndex(): Promise<FilterOptionIndex> {
    return this.cache.get('filter-options', () => FilterOptionIndex.load(this.db), true);
  }

  async coverage(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    groupBy: CoverageDimension[] = [],
  ): Promise<CoverageResult> {
    const dims = uniqueDimensions(groupBy);
    const { points } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const asAt = latestOf(points[0].refs);
    const withTotal = dims.length > 0 && totalAvailable(filter);
    const [raw, totalRaw] = await Promise.all([
      this.read(viewer, 'coverage', filter, dims, points),
      withTotal ? this.read(viewer, 'coverage', filter, [], points) : Promise.resolve([]),
    ]);
    const rows = await this.finish(viewer, filter, dims, raw, points);
    if (dims.length === 0) return { asAt, rows, total: rows[0] ?? null };
    const total = withTotal ? await this.finish(viewer, filter, [], totalRaw, points) : [];
    return { asAt, rows, total: total[0] ?? null };
  }

  /** Headline cards (data-formats.md §5) and coverage by archetype. */
  async overview(viewer: CoverageViewer, filter: CoverageFilter) {
    // The by-archetype table carries the population total (the same rows, read and controlled the same way
    // as coverage(filter, [])), so one read answers both unless the filter rules that total out; then the
    // separate call answers (or refuses) as it always has.
    const [byArchetype, catalog] = await Promise.all([
      this.coverage(viewer, filter, ['ARCHETYPE']),
      this.catalog(),
    ]);
    const totals = totalAvailable(filter) ? byArchetype : await this.coverage(viewer, filter, []);
    const t = totals.total;
    const org = t && t.orgCodes.length === 1 ? t.orgCodes[0] : null;
    const target = (layer: string | null) =>
      catalog.targetFor({ orgCode: org, layer }) ?? {
        targetPct: DEFAULT_TARGET_PCT,
        amberPct: DEFAULT_AMBER_PCT,
      };
    const card = (
      title: string,
      value: ControlledValue,
      parts?: {
        numerator: ControlledValue;
        denominator: ControlledValue;
        percent: ControlledValue;
        target: { targetPct: number; amberPct: number };
      },
    ) => ({
      title,
      value,
      numerator: parts?.numerator ?? null,
      denominator: parts?.denominator ?? null,
      percent: parts?.percent ?? null,
      targetPct: parts?.target.targetPct ?? null,
      amberPct: parts?.target.amberPct ?? null,
      rag: parts ? ragOfShown(parts.percent, parts.target) : null,
    });
    const none = shown(null);
    const m = t?.shown;
    return {
      asAt: totals.asAt,
      headcount: card('Headcount', m?.headcount ?? none),
      foundationCoverage: card('Foundation coverage', m?.foundationPct ?? none, {
        numerator: m?.foundationMet ?? none,
        denominator: m?.headcount ?? none,
        percent: m?.foundationPct ?? none,
        target: target('foundation'),
      }),
      fullyTrained: card('Fully trained', m?.fullyTrainedPct ?? none, {
        numerator: m?.fullyTrained ?? none,
        denominator: m?.headcount ?? none,
        percent: m?.fullyTrainedPct ?? none,
        target: target(filter.layer ?? null),
      }),
      unmetPlaces: card('Unmet training places', m?.unmet ?? none, {
        numerator: m?.met ?? none,
        denominator: m?.needed ?? none,
        percent: m?.coveragePct ?? none,
        target: t ? { targetPct: t.targetPct, amberPct: t.amberPct } : target(null),
      }),
      byArchetype: byArchetype.rows,
    };
  }

  async trend(viewer: CoverageViewer, filter: CoverageFilter, groupBy: CoverageDimension[] = []) {
    const dims = uniqueDimensions(groupBy);
    const dates = await this.trendDates(viewer, filter);
    const { points } = await this.points(viewer, filter, dates);
    const raw = await this.read(viewer, 'trend', filter, dims, points);
    const rows = await this.finish(viewer, filter, dims, raw, points);
    return dates.map((asAt) => ({ asAt, rows: rows.filter((r) => r.point === asAt) }));
  }

  async snapshotDates(viewer: CoverageViewer, filter: CoverageFilter = {}): Promise<string[]> {
    const { orgCodes } = await this.points(viewer, { ...filter, asAt: null }, [null]);
    return (await this.catalog()).datesOf(orgCodes);
  }

  /** Values present in the viewer's scope for each within-organisation filter (never from outside it). */
  async filterOptions(viewer: CoverageViewer, filter: CoverageFilter) {
    const [catalog, index] = await Promise.all([this.catalog(), this.filterOptionIndex()]);
    const { points } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const refs = points[0].refs;
    const present = index.union(refs);
    const option = (dimension: string, code: string) => ({ code, label: catalog.label(dimension, code) });
    const sorted = (xs: { code: string; label: string }[]) =>
      xs.sort((a, b) => a.label.localeCompare(b.label));
    return {
      organisations: sorted(refs.map((r) => option('ORGANISATION', r.orgCode))),
      icbs: sorted(
        [...new Set(refs.map((r) => r.icbCode).filter((c): c is string => !!c))].map((c) => option('ICB', c)),
      ),
      pcns: sorted(
        [...new Set(refs.map((r) => r.pcnCode).filter((c): c is string => !!c))].map((c) => option('PCN', c)),
      ),
      settings: [...new Set(refs.map((r) => r.setting))]
        .sort(
          (a, b) =>
            ['trust', 'general_practice', 'community_pharmacy'].indexOf(a) -
            ['trust', 'general_practice', 'community_pharmacy'].indexOf(b),
        )
        .map((c) => option('SETTING', c)),
      regions: sorted(
        [...new Set(refs.map((r) => r.regionCode).filter((c): c is string => !!c))].map((c) =>
          option('REGION', c),
        ),
      ),
      ...Object.fromEntries(
        Object.entries(present).map(([d, codes]) => [d, sorted(codes.map((code) => option(d, code)))]),
      ),
    } as Record<string, { code: string; label: string }[]>;
  }

  /**
   * Dates a trend has points at: snapshot dates of the organisations in scope and filter, whatever ICB or
   * region they are in today (an ICB filter is applied at each date, so an abolished ICB still has its
   * past), keeping only dates where the filter counts someone.
   */
  async trendDates(viewer: CoverageViewer, filter: CoverageFilter): Promise<string[]> {
    const catalog = await this.catalog();
    const { orgCodes } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const unplaced = { ...filter, icbCodes: null, regionCodes: null };
    const candidates = (await this.points(viewer, unplaced, [filter.asAt ?? null])).orgCodes;
    const dates = catalog
      .datesOf(listOf(filter.icbCodes) || listOf(filter.regionCodes) ? candidates : orgCodes)
      .filter((d) => !filter.asAt || d <= filter.asAt);
    const { points } = await this.points(viewer, filter, dates);
    return dates.filter((_, i) => points[i].refs.length > 0);
  }

  // --- internals --------------------------------------------------------------------------------------

  /** Snapshot sets for each date, inside the viewer's scope and the filter's organisations/ICBs/regions. */
  async points(viewer: CoverageViewer, filter: CoverageFilter, dates: (string | null)[]) {
    const catalog = await this.catalog();
    const scope = await viewer.scope();
    const orgFilter = listOf(filter.orgCodes);
    const icbFilter = listOf(filter.icbCodes);
    const regionFilter = listOf(filter.regionCodes);
    const pcnFilter = listOf(filter.pcnCodes);
    const settingFilter = listOf(filter.settings);
    if (orgFilter) await viewer.assertOrgsVisible(orgFilter);
    // A PCN is an organisation: visible exactly when the access policy lets the caller see it.
    if (pcnFilter) await viewer.assertOrgsVisible(pcnFilter);
    await viewer.assertAreasVisible({ icbCodes: icbFilter, regionCodes: regionFilter });
    // Organisations to count: the filter's (already checked to be visible), else the scope's, else all.
    const orgs = orgFilter ?? scope?.orgCodes;
    const orgSet = orgs ? new Set(orgs) : undefined;
    const placed = icbFilter || regionFilter || pcnFilter || settingFilter;
    // Without a place filter the catalog's own list is used as it is (the same array for every request of
    // that date), which lets the SQL parameters built from it be remembered with it.
    const points: SnapshotPoint[] = dates.map((d) => ({
      point: d ?? 'latest',
      refs: !placed
        ? catalog.snapshotsOn(d, orgSet, filter.geography ?? 'AS_IT_WAS')
        : catalog
            .snapshotsOn(d, orgSet, filter.geography ?? 'AS_IT_WAS')
            .filter(
              (r) =>
                (!icbFilter || (r.icbCode !== null && icbFilter.includes(r.icbCode))) &&
                (!regionFilter || (r.regionCode !== null && regionFilter.includes(r.regionCode))) &&
                (!pcnFilter || (r.pcnCode !== null && pcnFilter.includes(r.pcnCode))) &&
                (!settingFilter || settingFilter.includes(r.setting)),
            ),
    }));
    const orgCodes = [...new Set(points.flatMap((p) => p.refs.map((r) => r.orgCode)))];
    return { points, orgCodes };
  }

  /** Rollup rows for these points (cached per data version), before disclosure control. */
  async read(
    viewer: CoverageViewer,
    kind: string,
    filter: CoverageFilter,
    groupBy: CoverageDimension[],
    points: SnapshotPoint[],
  ): Promise<RawRow[]> {
    const key = JSON.stringify([
      kind,
      normalise(filter),
      groupBy,
      await viewer.scopeKey(),
      points.map((p) => p.point),
    ]);
    const rows = await this.cache.get(key, () => queryRollups(this.db, points, filter, groupBy));
    readKeys.set(rows, key);
    return rows;
  }

  /** THE place disclosure control is applied to coverage figures; also adds labels, targets and RAG. */
  async finish(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    groupBy: CoverageDimension[],
    raw: RawRow[],
    points: SnapshotPoint[],
  ): Promise<CoverageResultRow[]> {
    // Every figure, national ones included, is controlled unless the viewer may see records for every
    // organisation that contributes to it (data-formats.md §6).
    const controlled = await Promise.all(raw.map((r) => viewer.needsDisclosureControl(r.orgCodes)));
    const build = async () => {
      const catalog = await this.catalog();
      const order = sortOrder(raw, groupBy, catalog);
      const rows = controlRows(
        order.map((i) => raw[i]),
        groupBy,
        order.map((i) => controlled[i]),
      );
      const single = points.every((p) => p.refs.length === 1) ? (points[0]?.refs[0]?.orgCode ?? null) : null;
      return rows.map((r) => withTarget(catalog, r, filter, (r.keys.ORGANISATION as string) ?? single));
    };
    // The shown figures depend only on the rows read and which of them are controlled, so viewers with the
    // same scope and entitlement share the finished table.
    const readKey = readKeys.get(raw);
    if (!readKey) return build();
    return this.cache.get(
      `${readKey}|${groupBy.join(',')}|${controlled.map((c) => (c ? 1 : 0)).join('')}`,
      build,
    );
  }
}

/** Which cache key produced a list of raw rows (rows from cache are never mutated). */
const readKeys = new WeakMap<RawRow[], string>();
