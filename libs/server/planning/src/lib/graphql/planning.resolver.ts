import { Args, Float, Int, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy, Caller, CurrentCaller } from '@aiwr/server-access';
import { CoverageFilterInput, viewerFor } from '@aiwr/server-coverage';
import { PlanningService } from '../planning.service';
import {
  FlowMonthType,
  PlanningGroupEnum,
  PlanningLevelEnum,
  PlanningType,
  SpcChartType,
  SpcMeasureEnum,
} from './planning.types';

/** Planning fields. Scope comes from THE access policy (viewerFor); figures pass disclosure control in PlanningService. */
@Resolver()
export class PlanningResolver {
  constructor(
    private readonly planningService: PlanningService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => PlanningType, {
    description:
      'Places to commission per module (or layer) and place to reach the target by targetDate, with the forecast at the recent rate. What-if: targetPct, completionRateFactor.',
  })
  async planning(
    @CurrentCaller() caller: Caller,
    @Args('targetDate', { description: 'YYYY-MM-DD: reach the target by the end of its month.' })
    targetDate: string,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('groupBy', { type: () => [PlanningGroupEnum], nullable: true }) groupBy: PlanningGroupEnum[] = [],
    @Args('level', { type: () => PlanningLevelEnum, nullable: true })
    level: PlanningLevelEnum = PlanningLevelEnum.MODULE,
    @Args('targetPct', { type: () => Float, nullable: true }) targetPct?: number,
    @Args('completionRateFactor', { type: () => Float, nullable: true }) completionRateFactor?: number,
    @Args('windowMonths', { type: () => Int, nullable: true }) windowMonths?: number,
  ): Promise<PlanningType> {
    const result = await this.planningService.planning(viewerFor(this.policy, caller), filter ?? {}, {
      groupBy: [...new Set(groupBy ?? [])],
      level: level ?? PlanningLevelEnum.MODULE,
      targetDate,
      targetPct,
      completionRateFactor,
      windowMonths,
    });
    return result as PlanningType;
  }

  @Query(() => [FlowMonthType], {
    description: 'Joiners, leavers, role changes, completions and expiries per month, in scope.',
  })
  async workforceFlows(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
  ): Promise<FlowMonthType[]> {
    return this.planningService.flows(viewerFor(this.policy, caller), filter ?? {});
  }

  @Query(() => SpcChartType, {
    description: 'XmR chart of a coverage percentage over the snapshots in scope.',
  })
  async coverageSpc(
    @CurrentCaller() caller: Caller,
    @Args('filter', { type: () => CoverageFilterInput, nullable: true }) filter: CoverageFilterInput = {},
    @Args('measure', { type: () => SpcMeasureEnum, nullable: true })
    measure: SpcMeasureEnum = SpcMeasureEnum.COVERAGE,
  ): Promise<SpcChartType> {
    const { dates, chart, targetPct, improvement } = await this.planningService.spc(
      viewerFor(this.policy, caller),
      filter ?? {},
      measure ?? SpcMeasureEnum.COVERAGE,
    );
    return {
      mean: chart?.mean ?? null,
      upperLimit: chart?.upperLimit ?? null,
      lowerLimit: chart?.lowerLimit ?? null,
      movingRangeMean: chart?.movingRangeMean ?? null,
      targetPct,
      improvement,
      variation: chart?.variation ?? null,
      assurance: chart?.assurance ?? null,
      points: (chart?.points ?? []).map((p, i) => ({
        asAt: dates[i],
        value: p.value,
        specialCauses: p.causes,
        high: p.high,
      })),
    };
  }
}
