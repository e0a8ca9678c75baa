import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ControlledValue,
  DEFAULT_AMBER_PCT,
  DEFAULT_TARGET_PCT,
  Rag,
  funnelLimits,
  ragFor,
  shown,
} from '@aiwr/shared-domain';
import { APP_CONFIG, AppConfig } from '@aiwr/server-core';
import { CoverageViewer } from './coverage-viewer';
import { CoverageCatalog, SnapshotRef } from './query/coverage-catalog';
import { CoverageDimension, CoverageFilter, RawRow, listOf } from './query/coverage-filter';
import { ControlledRow, controlRows } from './query/controlled-rows';
import { RollupCache } from './query/rollup-cache';
import { SnapshotPoint, queryRollups } from './query/rollup-query';

export type CoverageResultRow = ControlledRow & { targetPct: number; amberPct: number; rag: Rag | null };
export type CoverageResult = {
  asAt: string | null;
  rows: CoverageResultRow[];
  total: CoverageResultRow | null;
};
export type PeerGroup = 'TRUST_TYPE' | 'SIZE_BAND' | 'TRUST_TYPE_AND_SIZE_BAND';
export type DistributionMeasure = 'FOUNDATION' | 'FULLY_TRAINED' | 'REQUIREMENTS';

/** Comparator groups (ICB, region, peers) smaller than this are not shown to a viewer outside them. */
export const MIN_COMPARATOR_ORGANISATIONS = 3;

/** Size bands by headcount, for peer groups (NHS trusts range from ~1,000 to 28,000+ staff). */
export function sizeBand(headcount: number): string {
  if (headcount < 3000) return 'small (under 3,000)';
  if (headcount < 8000) return 'medium (3,000-7,999)';
  if (headcount < 15000) return 'large (8,000-14,999)';
  return 'very large (15,000+)';
}

/**
 * Every coverage figure the product shows, read from the precomputed rollups, scoped by the access policy
 * (through a CoverageViewer) and passed through disclosure control in one place (`finish`).
 */
@Injectable()
export class CoverageService implements OnModuleInit, OnModuleDestroy {
  readonly cache: RollupCache;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
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

  async coverage(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    groupBy: CoverageDimension[] = [],
  ): Promise<CoverageResult> {
    const dims = uniqueDimensions(groupBy);
    const { points, national } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const asAt = latestOf(points[0].refs);
    const withTotal = dims.length > 0 && totalAvailable(filter);
    const [raw, totalRaw] = await Promise.all([
      this.read(viewer, 'coverage', filter, dims, points),
      withTotal ? this.read(viewer, 'coverage', filter, [], points) : Promise.resolve([]),
    ]);
    const rows = await this.finish(viewer, filter, dims, raw, points, national);
    if (dims.length === 0) return { asAt, rows, total: rows[0] ?? null };
    const total = withTotal ? await this.finish(viewer, filter, [], totalRaw, points, national) : [];
    return { asAt, rows, total: total[0] ?? null };
  }

  /** Headline cards (data-formats.md §5) and coverage by archetype. */
  async overview(viewer: CoverageViewer, filter: CoverageFilter) {
    const [totals, byArchetype, catalog] = await Promise.all([
      this.coverage(viewer, filter, []),
      this.coverage(viewer, filter, ['ARCHETYPE']),
      this.catalog(),
    ]);
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
    const catalog = await this.catalog();
    const { orgCodes } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const dates = catalog.datesOf(orgCodes).filter((d) => !filter.asAt || d <= filter.asAt);
    const { points, national } = await this.points(viewer, filter, dates);
    const raw = await this.read(viewer, 'trend', filter, dims, points);
    const rows = await this.finish(viewer, filter, dims, raw, points, national);
    return dates.map((asAt) => ({ asAt, rows: rows.filter((r) => r.point === asAt) }));
  }

  async snapshotDates(viewer: CoverageViewer, filter: CoverageFilter = {}): Promise<string[]> {
    const { orgCodes } = await this.points(viewer, { ...filter, asAt: null }, [null]);
    return (await this.catalog()).datesOf(orgCodes);
  }

  /** Values present in the viewer's scope for each within-organisation filter (never from outside it). */
  async filterOptions(viewer: CoverageViewer, filter: CoverageFilter) {
    const catalog = await this.catalog();
    const { points } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const dims: CoverageDimension[] = ['DEPARTMENT', 'STAFF_GROUP', 'CLINICAL_AREA', 'PAY_BAND', 'ARCHETYPE'];
    const lists = await Promise.all(
      dims.map((d) =>
        this.read(
          viewer,
          'options',
          {
            asAt: filter.asAt,
            orgCodes: filter.orgCodes,
            icbCodes: filter.icbCodes,
            regionCodes: filter.regionCodes,
          },
          [d],
          points,
        ),
      ),
    );
    const refs = points[0].refs;
    const option = (dimension: string, code: string) => ({ code, label: catalog.label(dimension, code) });
    const sorted = (xs: { code: string; label: string }[]) =>
      xs.sort((a, b) => a.label.localeCompare(b.label));
    return {
      organisations: sorted(refs.map((r) => option('ORGANISATION', r.orgCode))),
      icbs: sorted(
        [...new Set(refs.map((r) => r.icbCode).filter((c): c is string => !!c))].map((c) => option('ICB', c)),
      ),
      regions: sorted(
        [...new Set(refs.map((r) => r.regionCode).filter((c): c is string => !!c))].map((c) =>
          option('REGION', c),
        ),
      ),
      ...Object.fromEntries(
        dims.map((d, i) => [
          d,
          sorted(
            lists[i]
              .filter((r) => (r.measures.headcount ?? 0) > 0)
              .map((r) => option(d, r.keys[d] as string)),
          ),
        ]),
      ),
    } as Record<string, { code: string; label: string }[]>;
  }

  /** An organisation beside its ICB, region, the nation and its peers (same trust type and/or size band). */
  async compare(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    peerGroup: PeerGroup = 'TRUST_TYPE_AND_SIZE_BAND',
  ) {
    const orgCodes = listOf(filter.orgCodes);
    if (!orgCodes || orgCodes.length !== 1)
      throw new BadRequestException(
        'compareOrganisations needs exactly one organisation in filter.orgCodes.',
      );
    const [subject] = orgCodes;
    await viewer.assertOrgsVisible([subject]);
    const catalog = await this.catalog();
    const date = filter.asAt ?? null;
    const all = catalog.snapshotsOn(date);
    const own = all.find((r) => r.orgCode === subject);
    if (!own) return { asAt: null, organisation: subject, peerGroup, peerDescription: null, comparators: [] };
    const headcounts = await this.orgHeadcounts(all);
    const info = catalog.orgs.get(subject);
    const band = sizeBand(headcounts.get(subject) ?? 0);
    const peers = all.filter((r) => {
      const o = catalog.orgs.get(r.orgCode);
      const sameType = o?.trustType === info?.trustType;
      const sameBand = sizeBand(headcounts.get(r.orgCode) ?? 0) === band;
      return peerGroup === 'TRUST_TYPE'
        ? sameType
        : peerGroup === 'SIZE_BAND'
          ? sameBand
          : sameType && sameBand;
    });
    const groups: { level: string; code: string | null; label: string; refs: SnapshotRef[] }[] = [
      { level: 'ORGANISATION', code: subject, label: catalog.label('ORGANISATION', subject), refs: [own] },
      {
        level: 'ICB',
        code: own.icbCode,
        label: catalog.label('ICB', own.icbCode ?? ''),
        refs: all.filter((r) => r.icbCode === own.icbCode),
      },
      {
        level: 'REGION',
        code: own.regionCode,
        label: catalog.label('REGION', own.regionCode ?? ''),
        refs: all.filter((r) => r.regionCode === own.regionCode),
      },
      { level: 'NATIONAL', code: null, label: 'England', refs: all },
      {
        level: 'PEER',
        code: null,
        label: peerDescription(peerGroup, info?.trustType ?? null, band),
        refs: peers,
      },
    ];
    const points: SnapshotPoint[] = groups.map((g) => ({ point: g.level, refs: g.refs }));
    const withinFilter = { ...filter, orgCodes: null, icbCodes: null, regionCodes: null };
    const raw = await this.read(viewer, `compare:${peerGroup}:${subject}`, withinFilter, [], points);
    const controlled = await Promise.all(
      groups.map(async (g) => {
        if (g.level === 'NATIONAL') return false;
        return viewer.needsDisclosureControl(g.refs.map((r) => r.orgCode));
      }),
    );
    const rowsByLevel = new Map(raw.map((r) => [r.point, r]));
    const ordered = groups.map((g) => rowsByLevel.get(g.level) ?? emptyRow(g.level, g.refs));
    const finished = controlRows(ordered, [], controlled);
    return {
      asAt: own.asAt,
      organisation: subject,
      peerGroup,
      peerDescription: groups[4].label,
      comparators: groups.map((g, i) => {
        const hidden =
          g.level !== 'ORGANISATION' &&
          g.level !== 'NATIONAL' &&
          controlled[i] &&
          g.refs.length < MIN_COMPARATOR_ORGANISATIONS;
        const row = withTarget(
          catalog,
          hidden ? suppressAll(finished[i]) : finished[i],
          filter,
          g.level === 'ORGANISATION' ? subject : null,
        );
        return { level: g.level, code: g.code, label: g.label, organisations: g.refs.length, row };
      }),
    };
  }

  /**
   * Funnel-plot data: one point per organisation the viewer may see, with the national rate and the 95% and
   * 99.8% control limits at that organisation's denominator.
   */
  async distribution(viewer: CoverageViewer, filter: CoverageFilter, measure: DistributionMeasure) {
    const catalog = await this.catalog();
    const { points, national } = await this.points(viewer, filter, [filter.asAt ?? null]);
    const all = catalog.snapshotsOn(filter.asAt ?? null);
    const { orgCodes: _x, icbCodes: _y, regionCodes: _z, ...within } = filter;
    const nationalRaw = await this.read(
      viewer,
      'distribution-national',
      within,
      [],
      [{ point: 'NATIONAL', refs: all }],
    );
    const pick = (r: RawRow) =>
      measure === 'FOUNDATION'
        ? [r.measures.foundationMet ?? 0, r.measures.headcount ?? 0]
        : measure === 'FULLY_TRAINED'
          ? [r.measures.fullyTrained ?? 0, r.measures.headcount ?? 0]
          : [r.measures.met, r.measures.needed];
    const [nNum, nDen] = nationalRaw[0] ? pick(nationalRaw[0]) : [0, 0];
    const nationalRate = nDen > 0 ? nNum / nDen : null;
    const raw = await this.read(viewer, 'distribution', within, ['ORGANISATION'], points);
    const rows = await this.finish(viewer, filter, ['ORGANISATION'], raw, points, national);
    return {
      asAt: latestOf(points[0].refs),
      measure,
      nationalRate: nationalRate === null ? null : Math.round(nationalRate * 1000) / 10,
      nationalDenominator: nDen,
      points: rows.map((r) => {
        const [num, den] =
          measure === 'FOUNDATION'
            ? [r.shown.foundationMet, r.shown.headcount]
            : measure === 'FULLY_TRAINED'
              ? [r.shown.fullyTrained, r.shown.headcount]
              : [r.shown.met, r.shown.needed];
        const rate =
          measure === 'FOUNDATION'
            ? r.shown.foundationPct
            : measure === 'FULLY_TRAINED'
              ? r.shown.fullyTrainedPct
              : r.shown.coveragePct;
        const limits = nationalRate !== null && den.value ? funnelLimits(nationalRate, den.value) : null;
        const pct = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1000) / 10);
        return {
          orgCode: r.keys.ORGANISATION as string,
          orgName: catalog.label('ORGANISATION', r.keys.ORGANISATION as string),
          numerator: num,
          denominator: den,
          rate,
          lower95: pct(limits?.lower95),
          upper95: pct(limits?.upper95),
          lower998: pct(limits?.lower998),
          upper998: pct(limits?.upper998),
        };
      }),
    };
  }

  // --- internals --------------------------------------------------------------------------------------

  /** Snapshot sets for each date, inside the viewer's scope and the filter's organisations/ICBs/regions. */
  async points(viewer: CoverageViewer, filter: CoverageFilter, dates: (string | null)[]) {
    const catalog = await this.catalog();
    const scope = await viewer.scope();
    const orgFilter = listOf(filter.orgCodes);
    const icbFilter = listOf(filter.icbCodes);
    const regionFilter = listOf(filter.regionCodes);
    if (orgFilter) await viewer.assertOrgsVisible(orgFilter);
    if (scope && icbFilter?.some((c) => !scope.icbCodes.includes(c)))
      throw new ForbiddenException('That ICB is outside your access scope.');
    if (scope && regionFilter?.some((c) => !scope.regionCodes.includes(c)))
      throw new ForbiddenException('That region is outside your access scope.');
    // Organisations to count: the filter's (already checked to be visible), else the scope's, else all.
    const orgs = orgFilter ?? scope?.orgCodes;
    const orgSet = orgs ? new Set(orgs) : undefined;
    const points: SnapshotPoint[] = dates.map((d) => ({
      point: d ?? 'latest',
      refs: catalog
        .snapshotsOn(d, orgSet)
        .filter(
          (r) =>
            (!icbFilter || (r.icbCode !== null && icbFilter.includes(r.icbCode))) &&
            (!regionFilter || (r.regionCode !== null && regionFilter.includes(r.regionCode))),
        ),
    }));
    const national = scope === null && !orgFilter && !icbFilter && !regionFilter;
    const orgCodes = [...new Set(points.flatMap((p) => p.refs.map((r) => r.orgCode)))];
    return { points, national, orgCodes };
  }

  private async read(
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
  private async finish(
    viewer: CoverageViewer,
    filter: CoverageFilter,
    groupBy: CoverageDimension[],
    raw: RawRow[],
    points: SnapshotPoint[],
    national: boolean,
  ): Promise<CoverageResultRow[]> {
    // A figure is national only when it counts every organisation: no geographic filter, scope or breakdown.
    const byOrgLevel = groupBy.some((d) => d === 'REGION' || d === 'ICB' || d === 'ORGANISATION');
    const controlled = await Promise.all(
      raw.map((r) => viewer.needsDisclosureControl(national && !byOrgLevel ? [] : r.orgCodes)),
    );
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

  private async orgHeadcounts(refs: SnapshotRef[]): Promise<Map<string, number>> {
    const rows = await this.cache.get(
      `headcounts:${JSON.stringify(refs.map((r) => [r.orgCode, r.asAt]))}`,
      () => queryRollups(this.db, [{ point: 'all', refs }], {}, ['ORGANISATION']),
    );
    return new Map(rows.map((r) => [r.keys.ORGANISATION as string, r.measures.headcount ?? 0]));
  }
}

/** Target and RAG of a row: its module, else its layer, else the default; an organisation's own override first. */
function withTarget(
  catalog: CoverageCatalog,
  r: ControlledRow,
  filter: CoverageFilter,
  orgCode: string | null,
): CoverageResultRow {
  const modules = listOf(filter.moduleCodes);
  const moduleCode = (r.keys.MODULE as string) ?? (modules?.length === 1 ? modules[0] : null);
  const layer = (r.keys.LAYER as string) ?? filter.layer ?? null;
  const target = catalog.targetFor({ orgCode, layer, moduleCode }) ?? {
    targetPct: DEFAULT_TARGET_PCT,
    amberPct: DEFAULT_AMBER_PCT,
  };
  return { ...r, ...target, rag: ragOfShown(r.shown.coveragePct, target) };
}

function ragOfShown(pct: ControlledValue, target: { targetPct: number; amberPct: number }): Rag | null {
  return pct.suppressed ? null : ragFor(pct.value, target.targetPct, target.amberPct);
}

const uniqueDimensions = (dims: CoverageDimension[]) => [...new Set(dims)];
const latestOf = (refs: SnapshotRef[]) =>
  refs.reduce<string | null>((a, r) => (a && a > r.asAt ? a : r.asAt), null);

/** The population total is a plain sum only when no filter lists several values of a dimension. */
function totalAvailable(filter: CoverageFilter) {
  return [
    filter.departments,
    filter.staffGroupCodes,
    filter.clinicalAreaCodes,
    filter.payBands,
    filter.archetypeCodes,
  ].every((v) => !v || new Set(v).size <= 1);
}

function normalise(filter: CoverageFilter) {
  return Object.fromEntries(
    Object.entries(filter)
      .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => [k, Array.isArray(v) ? listOf(v) : v])
      .sort(([a], [b]) => String(a).localeCompare(String(b))),
  );
}

/** Row order: by point, then each group-by label in turn (indexes into rows). */
function sortOrder(rows: RawRow[], groupBy: CoverageDimension[], catalog: CoverageCatalog): number[] {
  const labels = rows.map((r) => groupBy.map((d) => catalog.label(d, r.keys[d] ?? '')));
  const collator = new Intl.Collator('en-GB');
  return rows
    .map((_, i) => i)
    .sort((a, b) => {
      if (rows[a].point !== rows[b].point) return rows[a].point < rows[b].point ? -1 : 1;
      for (let k = 0; k < groupBy.length; k++) {
        const c = collator.compare(labels[a][k], labels[b][k]);
        if (c !== 0) return c;
      }
      return 0;
    });
}

/** Which cache key produced a list of raw rows (rows from cache are never mutated). */
const readKeys = new WeakMap<RawRow[], string>();

function emptyRow(point: string, refs: SnapshotRef[]): RawRow {
  return {
    point,
    keys: {},
    orgCodes: refs.map((r) => r.orgCode),
    measures: {
      headcount: 0,
      fte: 0,
      roleCount: 0,
      needed: 0,
      met: 0,
      fullyTrained: 0,
      foundationMet: 0,
      archetypeMet: null,
      peopleMet: null,
    },
  };
}

function suppressAll(r: ControlledRow): ControlledRow {
  const hidden = Object.fromEntries(
    Object.entries(r.shown).map(([k, v]) => [
      k,
      v.value === null && !v.suppressed ? v : { value: null, suppressed: true, rounded: false },
    ]),
  ) as ControlledRow['shown'];
  return { ...r, shown: hidden };
}

function peerDescription(group: PeerGroup, trustType: string | null, band: string) {
  const type = trustType ? `${trustType} trusts` : 'trusts';
  if (group === 'TRUST_TYPE') return `All ${type}`;
  if (group === 'SIZE_BAND') return `All ${band} trusts`;
  return `${type.charAt(0).toUpperCase() + type.slice(1)}, ${band}`;
}
