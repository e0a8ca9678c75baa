import { BadRequestException, Injectable } from '@nestjs/common';
import { controlCount, funnelLimits } from '@aiwr/shared-domain';
import { CoverageService } from './coverage.service';
import { CoverageViewer } from './coverage-viewer';
import { SnapshotRef } from './query/coverage-catalog';
import { CoverageFilter, RawRow, listOf } from './query/coverage-filter';
import { ControlledRow, controlRows } from './query/controlled-rows';
import { SnapshotPoint, queryRollups } from './query/rollup-query';
import { latestOf, withTarget } from './query/row-helpers';

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
 * An organisation beside its ICB, region, England and peers, and funnel-plot distributions. Comparators
 * are aggregates over organisations outside a trust lead's scope, so they always pass disclosure control
 * (England included), and small comparator groups are hidden whole.
 */
@Injectable()
export class ComparisonService {
  constructor(private readonly coverage: CoverageService) {}

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
    // The comparators are the subject's own ICB and region; a filter naming others is still refused.
    await viewer.assertAreasVisible({
      icbCodes: listOf(filter.icbCodes),
      regionCodes: listOf(filter.regionCodes),
    });
    const catalog = await this.coverage.catalog();
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
    const raw = await this.coverage.read(viewer, `compare:${peerGroup}:${subject}`, withinFilter, [], points);
    // England too: §6 has no national exception.
    const controlled = await Promise.all(
      groups.map((g) => viewer.needsDisclosureControl(g.refs.map((r) => r.orgCode))),
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
    const catalog = await this.coverage.catalog();
    const { points } = await this.coverage.points(viewer, filter, [filter.asAt ?? null]);
    const all = catalog.snapshotsOn(filter.asAt ?? null);
    const { orgCodes: _x, icbCodes: _y, regionCodes: _z, ...within } = filter;
    const nationalRaw = await this.coverage.read(
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
    const [nNum, nDen] = await this.nationalFigures(
      viewer,
      all.map((r) => r.orgCode),
      nationalRaw[0] ? pick(nationalRaw[0]) : [0, 0],
    );
    const nationalRate = nDen ? (nNum ?? 0) / nDen : null;
    const raw = await this.coverage.read(viewer, 'distribution', within, ['ORGANISATION'], points);
    const rows = await this.coverage.finish(viewer, filter, ['ORGANISATION'], raw, points);
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

  /**
   * The national numerator and denominator as the viewer may see them: controlled like any other figure
   * (a suppressed part leaves no rate), so the funnel's centre line cannot be differenced either.
   */
  private async nationalFigures(
    viewer: CoverageViewer,
    orgCodes: string[],
    [num, den]: number[],
  ): Promise<[number | null, number | null]> {
    if (!(await viewer.needsDisclosureControl(orgCodes))) return [num, den];
    const [n, d] = [controlCount(num), controlCount(den)];
    return n.suppressed || d.suppressed ? [null, null] : [n.value, d.value];
  }

  private async orgHeadcounts(refs: SnapshotRef[]): Promise<Map<string, number>> {
    const rows = await this.coverage.cache.get(
      `headcounts:${JSON.stringify(refs.map((r) => [r.orgCode, r.asAt]))}`,
      () => queryRollups(this.coverage.db, [{ point: 'all', refs }], {}, ['ORGANISATION']),
    );
    return new Map(rows.map((r) => [r.keys.ORGANISATION as string, r.measures.headcount ?? 0]));
  }
}

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
