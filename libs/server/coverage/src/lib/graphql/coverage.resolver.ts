import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy, AuditService, Caller, CurrentCaller } from '@aiwr/server-access';
import { ComparisonService } from '../comparison.service';
import { CoverageResultRow, CoverageService } from '../coverage.service';
import { viewerFor } from '../coverage-viewer';
import { CoverageCatalog } from '../query/coverage-catalog';
import { CoverageDimension } from '../query/coverage-filter';
import { PeopleService, PersonNode } from '../people/people.service';
import {
  CoverageDimensionEnum,
  CoverageDistributionType,
  CoverageFilterInput,
  CoverageFilterOptionsType,
  CoverageOverviewType,
  CoverageResultType,
  CoverageRowType,
  CoverageTrendPointType,
  DistributionMeasureEnum,
  OrganisationComparisonType,
  PeerGroupEnum,
} from './coverage.types';
import { PersonAssignmentType, PersonConnectionType, PersonNeedType, PersonType } from './people.types';

/** Shapes a service row for GraphQL: keys in group-by order with labels, measures as shown. */
export function toRowType(
  r: CoverageResultRow,
  catalog: CoverageCatalog,
  asAt: string | null,
): CoverageRowType {
  const s = r.shown;
  return {
    asAt: /^\d{4}-\d{2}-\d{2}$/.test(r.point) ? r.point : (asAt ?? ''),
    keys: Object.entries(r.keys).map(([dimension, code]) => ({
      dimension: dimension as CoverageDimensionEnum,
      code: code ?? '',
      label: catalog.label(dimension, code ?? ''),
    })),
    headcount: s.headcount,
    fte: s.fte,
    roleCount: s.roleCount,
    needed: s.needed,
    met: s.met,
    unmet: s.unmet,
    coveragePct: s.coveragePct,
    fullyTrained: s.fullyTrained,
    fullyTrainedPct: s.fullyTrainedPct,
    foundationMet: s.foundationMet,
    foundationPct: s.foundationPct,
    archetypeMet: s.archetypeMet,
    archetypeCoveragePct: s.archetypeCoveragePct,
    peopleMet: s.peopleMet,
    targetPct: r.targetPct,
    amberPct: r.amberPct,
    rag: r.rag as CoverageRowType['rag'],
    disclosureControlled: r.controlled,
  };
}

/**
 * Coverage figures. Every field scopes through AccessPolicy (via viewerFor) and returns figures that passed
 * disclosure control in CoverageService; no resolver decides access or suppression itself.
 */
@Resolver()
export class CoverageResolver {
  constructor(
    private readonly coverageService: CoverageService,
    private readonly comparison: ComparisonService,
    private readonly peopleService: PeopleService,
    private readonly policy: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  @Query(() => CoverageResultType, {
    description:
      'Coverage measures for a population, grouped by up to any of the dimensions (at most two of department, staff group, clinical area, pay band and archetype across filter and groupBy).',
  })
  async coverage(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('groupBy', { type: () => [CoverageDimensionEnum], nullable: true })
    groupBy: CoverageDimensionEnum[] = [],
  ): Promise<CoverageResultType> {
    const result = await this.coverageService.coverage(
      viewerFor(this.policy, caller),
      filter ?? {},
      (groupBy ?? []) as CoverageDimension[],
    );
    const catalog = await this.coverageService.catalog();
    return {
      asAt: result.asAt ?? undefined,
      rows: result.rows.map((r) => toRowType(r, catalog, result.asAt)),
      total: result.total ? toRowType(result.total, catalog, result.asAt) : undefined,
    };
  }

  @Query(() => CoverageOverviewType, { description: 'Headline cards and coverage by archetype.' })
  async coverageOverview(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
  ): Promise<CoverageOverviewType> {
    const o = await this.coverageService.overview(viewerFor(this.policy, caller), filter ?? {});
    const catalog = await this.coverageService.catalog();
    return {
      ...(o as any),
      asAt: o.asAt ?? undefined,
      byArchetype: o.byArchetype.map((r) => toRowType(r, catalog, o.asAt)),
    };
  }

  @Query(() => [CoverageTrendPointType], {
    description:
      "Coverage at every snapshot date in scope (each organisation's latest snapshot on or before it).",
  })
  async coverageTrend(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('groupBy', { type: () => [CoverageDimensionEnum], nullable: true })
    groupBy: CoverageDimensionEnum[] = [],
  ): Promise<CoverageTrendPointType[]> {
    const points = await this.coverageService.trend(
      viewerFor(this.policy, caller),
      filter ?? {},
      (groupBy ?? []) as CoverageDimension[],
    );
    const catalog = await this.coverageService.catalog();
    return points.map((p) => ({ asAt: p.asAt, rows: p.rows.map((r) => toRowType(r, catalog, p.asAt)) }));
  }

  @Query(() => OrganisationComparisonType, {
    description:
      'One organisation (filter.orgCodes) beside its ICB, region, England and a peer group. Comparator groups of fewer than 3 organisations are suppressed for viewers outside them.',
  })
  async compareOrganisations(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput }) filter: CoverageFilterInput,
    @Args('peerGroup', { type: () => PeerGroupEnum, nullable: true }) peerGroup?: PeerGroupEnum,
  ): Promise<OrganisationComparisonType> {
    const c = await this.comparison.compare(
      viewerFor(this.policy, caller),
      filter,
      peerGroup ?? PeerGroupEnum.TRUST_TYPE_AND_SIZE_BAND,
    );
    const catalog = await this.coverageService.catalog();
    return {
      asAt: c.asAt ?? undefined,
      organisation: c.organisation,
      peerGroup: c.peerGroup as PeerGroupEnum,
      peerDescription: c.peerDescription ?? undefined,
      comparators: c.comparators.map((x) => ({
        level: x.level,
        code: x.code ?? undefined,
        label: x.label,
        organisations: x.organisations,
        row: toRowType(x.row, catalog, c.asAt),
      })),
    };
  }

  @Query(() => CoverageDistributionType, {
    description:
      'Funnel-plot data: a rate per organisation in scope with the national rate and control limits.',
  })
  async coverageDistribution(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('measure', { type: () => DistributionMeasureEnum, nullable: true })
    measure?: DistributionMeasureEnum,
  ): Promise<CoverageDistributionType> {
    const d = await this.comparison.distribution(
      viewerFor(this.policy, caller),
      filter ?? {},
      measure ?? DistributionMeasureEnum.FOUNDATION,
    );
    return {
      asAt: d.asAt ?? undefined,
      measure: d.measure as DistributionMeasureEnum,
      nationalRate: d.nationalRate ?? undefined,
      points: d.points.map((p) => ({
        ...p,
        lower95: p.lower95 ?? undefined,
        upper95: p.upper95 ?? undefined,
        lower998: p.lower998 ?? undefined,
        upper998: p.upper998 ?? undefined,
      })),
    };
  }

  @Query(() => [String], { description: 'Snapshot (as-at) dates available in scope, ascending.' })
  snapshotDates(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
  ): Promise<string[]> {
    return this.coverageService.snapshotDates(viewerFor(this.policy, caller), filter ?? {});
  }

  @Query(() => CoverageFilterOptionsType, { description: 'Filter values with data in the caller’s scope.' })
  async coverageFilterOptions(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
  ): Promise<CoverageFilterOptionsType> {
    const o = await this.coverageService.filterOptions(viewerFor(this.policy, caller), filter ?? {});
    return {
      regions: o.regions,
      icbs: o.icbs,
      organisations: o.organisations,
      pcns: o.pcns,
      settings: o.settings,
      departments: o.DEPARTMENT,
      staffGroups: o.STAFF_GROUP,
      clinicalAreas: o.CLINICAL_AREA,
      payBands: o.PAY_BAND,
      archetypes: o.ARCHETYPE,
      jobRoles: o.JOB_ROLE,
    };
  }

  @Query(() => PersonConnectionType, {
    description:
      'Pseudonymised people (record level): only organisations whose data the caller may see at record level. Every call is audited.',
  })
  async people(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ): Promise<PersonConnectionType> {
    const page = await this.peopleService.people(
      viewerFor(this.policy, caller),
      filter ?? {},
      first ?? 50,
      after,
    );
    await this.audit.record(caller, 'people.view', page.orgCodes.join(','), {
      filter: filter ?? {},
      first: first ?? 50,
      after: after ? 'page' : null,
      returned: page.nodes.length,
    });
    return {
      totalCount: page.totalCount,
      edges: page.nodes as unknown as PersonConnectionType['edges'],
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor },
    };
  }
}

/** A page's needs and assignments come through its DataLoaders: one query each per page. */
@Resolver(() => PersonType)
export class PersonResolver {
  @ResolveField(() => [PersonNeedType])
  needs(@Parent() person: PersonNode) {
    return person.needs();
  }

  @ResolveField(() => [PersonAssignmentType])
  assignments(@Parent() person: PersonNode) {
    return person.assignments();
  }
}
