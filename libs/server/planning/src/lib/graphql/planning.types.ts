import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CoverageKeyType, MeasureType } from '@aiwr/server-coverage';

export enum PlanningLevelEnum {
  MODULE = 'MODULE',
  LAYER = 'LAYER',
}
registerEnumType(PlanningLevelEnum, {
  name: 'PlanningLevel',
  description: 'Plan per training module, or per layer (the pairs of all its modules added up).',
});

export enum PlanningGroupEnum {
  REGION = 'REGION',
  ICB = 'ICB',
  ORGANISATION = 'ORGANISATION',
}
registerEnumType(PlanningGroupEnum, { name: 'PlanningGroup', description: 'Where places are needed.' });

export enum SpcMeasureEnum {
  COVERAGE = 'COVERAGE',
  FOUNDATION = 'FOUNDATION',
  FULLY_TRAINED = 'FULLY_TRAINED',
}
registerEnumType(SpcMeasureEnum, {
  name: 'SpcMeasure',
  description:
    'COVERAGE: met / needed pairs; FOUNDATION: people meeting the foundation layer; FULLY_TRAINED.',
});

@ObjectType('ForecastPoint', { description: 'Coverage (percent) projected at the end of a month.' })
export class ForecastPointType {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Float, { nullable: true, description: 'At the recent completion rate.' })
  coveragePct: number | null;
  @Field(() => Float, { nullable: true, description: 'At the low end of the rate’s 95% interval.' })
  lowPct: number | null;
  @Field(() => Float, { nullable: true, description: 'At the high end of the rate’s 95% interval.' })
  highPct: number | null;
  @Field(() => Float, { nullable: true, description: 'If placesPerMonth are completed every month.' })
  withPlacesPct: number | null;
}

@ObjectType('PlanningRow', {
  description:
    'One module (or layer) in one place: where coverage is, where it is heading, and the places to commission. Counts are disclosure-controlled like coverage; when the pairs needed are suppressed, so is the forecast.',
})
export class PlanningRowType {
  @Field(() => [CoverageKeyType]) keys: CoverageKeyType[];
  @Field({ description: 'Latest snapshot counted.' }) asAt: string;
  @Field(() => Int) organisations: number;
  @Field(() => MeasureType, { description: 'Requirement pairs (person × module) needed today.' })
  needed: MeasureType;
  @Field(() => MeasureType) met: MeasureType;
  @Field(() => MeasureType) unmet: MeasureType;
  @Field(() => MeasureType) coveragePct: MeasureType;
  @Field(() => Float) targetPct: number;
  @Field(() => MeasureType, { description: 'Recent completions a month (times completionRateFactor).' })
  completionsPerMonth: MeasureType;
  @Field(() => Float, { nullable: true }) completionsPerMonthLow: number | null;
  @Field(() => Float, { nullable: true }) completionsPerMonthHigh: number | null;
  @Field(() => Float, { nullable: true, description: 'Met pairs lost with leavers, percent a month.' })
  churnPerMonthPct: number | null;
  @Field(() => MeasureType, { description: 'Certificates of today’s staff expiring up to the target date.' })
  expiringBeforeTargetDate: MeasureType;
  @Field(() => Int, {
    nullable: true,
    description: 'Months until the target at the current rate; null: not within 60.',
  })
  monthsToTarget: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM the target is reached at the current rate; null: not at the current rate.',
  })
  projectedMonth: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the current rate reaches the target by the date.',
  })
  reachedAtCurrentRate: boolean | null;
  @Field(() => Int) monthsToTargetDate: number;
  @Field(() => MeasureType, {
    description: 'Completions needed every month to reach the target by the date.',
  })
  placesPerMonth: MeasureType;
  @Field(() => MeasureType, { description: 'placesPerMonth beyond the recent completion rate.' })
  extraPlacesPerMonth: MeasureType;
  @Field(() => MeasureType, { description: 'placesPerMonth × months to the target date.' })
  placesTotal: MeasureType;
  @Field() disclosureControlled: boolean;
  @Field(() => [ForecastPointType]) trajectory: ForecastPointType[];
}

@ObjectType('Planning')
export class PlanningType {
  @Field(() => String, { nullable: true }) asAt: string | null;
  @Field() targetDate: string;
  @Field(() => Int) windowMonths: number;
  @Field(() => [PlanningRowType]) rows: PlanningRowType[];
}

@ObjectType('FlowMonth', {
  description: 'Flows into the snapshots of one month (from the previous snapshot).',
})
export class FlowMonthType {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) organisations: number;
  @Field(() => MeasureType, { description: 'People not in the previous snapshot.' }) joiners: MeasureType;
  @Field(() => MeasureType, { description: 'People in the previous snapshot, not in this one.' })
  leavers: MeasureType;
  @Field(() => MeasureType, { description: 'People in both holding an archetype they did not hold before.' })
  gainedArchetype: MeasureType;
  @Field(() => MeasureType, { description: 'Requirement pairs new since the previous snapshot.' })
  newNeeds: MeasureType;
  @Field(() => MeasureType, { description: 'Completions recorded since the previous snapshot.' })
  completions: MeasureType;
  @Field(() => MeasureType, {
    description: 'Met pairs whose certificate expired since the previous snapshot.',
  })
  expired: MeasureType;
  @Field(() => MeasureType, { description: 'Met pairs that left with a leaver.' }) leaversMet: MeasureType;
  @Field() disclosureControlled: boolean;
}

@ObjectType('SpcPoint')
export class SpcPointType {
  @Field() asAt: string;
  @Field(() => Float) value: number;
  @Field(() => [String], {
    description: 'OUTSIDE_LIMITS, SHIFT (7 on one side), TREND (6 rising or falling).',
  })
  specialCauses: string[];
  @Field(() => Boolean, {
    nullable: true,
    description: 'Special cause above the mean / rising (null: none).',
  })
  high: boolean | null;
}

@ObjectType('SpcChart', { description: 'An XmR chart (NHS "Making Data Count").' })
export class SpcChartType {
  @Field(() => Float, { nullable: true }) mean: number | null;
  @Field(() => Float, { nullable: true }) upperLimit: number | null;
  @Field(() => Float, { nullable: true }) lowerLimit: number | null;
  @Field(() => Float, { nullable: true }) movingRangeMean: number | null;
  @Field(() => Float) targetPct: number;
  @Field({ description: 'UP: higher is better.' }) improvement: string;
  @Field(() => String, {
    nullable: true,
    description:
      'COMMON_CAUSE, IMPROVING_HIGH, IMPROVING_LOW, CONCERNING_HIGH or CONCERNING_LOW (latest point).',
  })
  variation: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'CONSISTENTLY_PASS, CONSISTENTLY_FAIL or HIT_AND_MISS.',
  })
  assurance: string | null;
  @Field(() => [SpcPointType]) points: SpcPointType[];
}
