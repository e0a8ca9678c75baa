import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum CoverageDimensionEnum {
  REGION = 'REGION',
  ICB = 'ICB',
  ORGANISATION = 'ORGANISATION',
  DEPARTMENT = 'DEPARTMENT',
  STAFF_GROUP = 'STAFF_GROUP',
  CLINICAL_AREA = 'CLINICAL_AREA',
  ARCHETYPE = 'ARCHETYPE',
  PAY_BAND = 'PAY_BAND',
  MODULE = 'MODULE',
  LAYER = 'LAYER',
}
registerEnumType(CoverageDimensionEnum, {
  name: 'CoverageDimension',
  description: 'What coverage rows can be grouped by.',
});

export enum RagEnum {
  RED = 'RED',
  AMBER = 'AMBER',
  GREEN = 'GREEN',
}
registerEnumType(RagEnum, {
  name: 'Rag',
  description: 'Green at or above target, amber at or above the amber threshold, else red.',
});

export enum PeerGroupEnum {
  TRUST_TYPE = 'TRUST_TYPE',
  SIZE_BAND = 'SIZE_BAND',
  TRUST_TYPE_AND_SIZE_BAND = 'TRUST_TYPE_AND_SIZE_BAND',
}
registerEnumType(PeerGroupEnum, {
  name: 'PeerGroup',
  description: 'Peers: same trust type, same headcount size band, or both.',
});

export enum DistributionMeasureEnum {
  FOUNDATION = 'FOUNDATION',
  FULLY_TRAINED = 'FULLY_TRAINED',
  REQUIREMENTS = 'REQUIREMENTS',
}
registerEnumType(DistributionMeasureEnum, {
  name: 'DistributionMeasure',
  description:
    'FOUNDATION: foundation coverage; FULLY_TRAINED: people meeting all requirements; REQUIREMENTS: met / needed requirement pairs.',
});

@InputType('CoverageFilter', {
  description:
    'A population (data-formats.md §5). Empty or missing lists mean "all"; every list narrows. Only what the caller may see is ever counted.',
})
export class CoverageFilterInput {
  @Field({
    nullable: true,
    description: "YYYY-MM-DD: each organisation's latest snapshot on or before it (default: latest).",
  })
  asAt?: string;
  @Field(() => [String], { nullable: true }) regionCodes?: string[];
  @Field(() => [String], { nullable: true }) icbCodes?: string[];
  @Field(() => [String], { nullable: true }) orgCodes?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Department / cost centre names; "" is "Not recorded".',
  })
  departments?: string[];
  @Field(() => [String], { nullable: true }) staffGroupCodes?: string[];
  @Field(() => [String], { nullable: true }) clinicalAreaCodes?: string[];
  @Field(() => [String], { nullable: true }) archetypeCodes?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Pay band codes (B5, B8A, M-CON...); "" is "Not recorded".',
  })
  payBands?: string[];
  @Field(() => [String], {
    nullable: true,
    description: 'Narrows the requirement pairs (needed, met, unmet); the population stays.',
  })
  moduleCodes?: string[];
  @Field({ nullable: true, description: 'foundation, archetype or product: narrows the requirement pairs.' })
  layer?: string;
}

@ObjectType('Measure', {
  description:
    'A figure as the caller may see it. Unless the caller may see record-level data for every organisation counted (national figures included), counts 1-7 are suppressed (value null, suppressed true) and others rounded to 5 (rounded true); percentages come from the rounded counts.',
})
export class MeasureType {
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field() suppressed: boolean;
  @Field() rounded: boolean;
}

@ObjectType('CoverageKey', { description: 'One group-by value of a row.' })
export class CoverageKeyType {
  @Field(() => CoverageDimensionEnum) dimension: CoverageDimensionEnum;
  @Field() code: string;
  @Field() label: string;
}

@ObjectType('CoverageRow', { description: 'The measures of one group (data-formats.md §5).' })
export class CoverageRowType {
  @Field({ description: 'The as-at date the row describes (latest snapshot date counted).' }) asAt: string;
  @Field(() => [CoverageKeyType]) keys: CoverageKeyType[];
  @Field(() => MeasureType, {
    description: 'People, counted once per group (parts need not add up to the total).',
  })
  headcount: MeasureType;
  @Field(() => MeasureType, { description: "Sum of the group's assignments' FTE." }) fte: MeasureType;
  @Field(() => MeasureType, { description: 'Assignments in the group.' }) roleCount: MeasureType;
  @Field(() => MeasureType, { description: 'Requirement pairs (person, module) of the group.' })
  needed: MeasureType;
  @Field(() => MeasureType, { description: 'Pairs met as at the date.' }) met: MeasureType;
  @Field(() => MeasureType, { description: 'Training places to commission: needed - met.' })
  unmet: MeasureType;
  @Field(() => MeasureType, { description: 'met / needed, percent to one decimal place.' })
  coveragePct: MeasureType;
  @Field(() => MeasureType, {
    description: 'People meeting all their requirements (not on MODULE/LAYER rows).',
  })
  fullyTrained: MeasureType;
  @Field(() => MeasureType) fullyTrainedPct: MeasureType;
  @Field(() => MeasureType, { description: 'People who have met the foundation layer in full.' })
  foundationMet: MeasureType;
  @Field(() => MeasureType, { description: 'Foundation coverage: foundationMet / headcount.' })
  foundationPct: MeasureType;
  @Field(() => MeasureType, {
    description: 'ARCHETYPE rows: people holding the archetype who meet every module it requires.',
  })
  archetypeMet: MeasureType;
  @Field(() => MeasureType, { description: 'Archetype coverage: archetypeMet / headcount.' })
  archetypeCoveragePct: MeasureType;
  @Field(() => MeasureType, {
    description: 'MODULE/LAYER rows: people meeting all of it (headcount there = people needing it).',
  })
  peopleMet: MeasureType;
  @Field(() => Float, {
    description: 'Target for coveragePct (module, layer or default; organisation overrides first).',
  })
  targetPct: number;
  @Field(() => Float) amberPct: number;
  @Field(() => RagEnum, {
    nullable: true,
    description: 'coveragePct against the target; null when suppressed or no needs.',
  })
  rag: RagEnum | null;
  @Field({ description: 'Whether disclosure control was applied to this row.' })
  disclosureControlled: boolean;
}

@ObjectType('CoverageResult')
export class CoverageResultType {
  @Field({ nullable: true, description: 'The latest snapshot date counted.' }) asAt?: string;
  @Field(() => [CoverageRowType]) rows: CoverageRowType[];
  @Field(() => CoverageRowType, {
    nullable: true,
    description:
      'The whole population (null when a filter lists several values of an ungrouped-by dimension).',
  })
  total?: CoverageRowType;
}

@ObjectType('CoverageCard', { description: 'A headline figure with its parts, target and RAG.' })
export class CoverageCardType {
  @Field() title: string;
  @Field(() => MeasureType) value: MeasureType;
  @Field(() => MeasureType, { nullable: true }) numerator?: MeasureType;
  @Field(() => MeasureType, { nullable: true }) denominator?: MeasureType;
  @Field(() => MeasureType, { nullable: true }) percent?: MeasureType;
  @Field(() => Float, { nullable: true }) targetPct?: number;
  @Field(() => Float, { nullable: true }) amberPct?: number;
  @Field(() => RagEnum, { nullable: true }) rag?: RagEnum | null;
}

@ObjectType('CoverageOverview')
export class CoverageOverviewType {
  @Field({ nullable: true }) asAt?: string;
  @Field(() => CoverageCardType) headcount: CoverageCardType;
  @Field(() => CoverageCardType) foundationCoverage: CoverageCardType;
  @Field(() => CoverageCardType) fullyTrained: CoverageCardType;
  @Field(() => CoverageCardType, {
    description: 'Unmet requirement pairs (places), with overall coverage as percent.',
  })
  unmetPlaces: CoverageCardType;
  @Field(() => [CoverageRowType], {
    description: 'Coverage by archetype (archetypeCoveragePct on each row).',
  })
  byArchetype: CoverageRowType[];
}

@ObjectType('CoverageTrendPoint')
export class CoverageTrendPointType {
  @Field() asAt: string;
  @Field(() => [CoverageRowType]) rows: CoverageRowType[];
}

@ObjectType('Comparator')
export class ComparatorType {
  @Field({ description: 'ORGANISATION, ICB, REGION, NATIONAL or PEER.' }) level: string;
  @Field({ nullable: true }) code?: string;
  @Field() label: string;
  @Field(() => Int, { description: 'Organisations with data in the group.' }) organisations: number;
  @Field(() => CoverageRowType) row: CoverageRowType;
}

@ObjectType('OrganisationComparison')
export class OrganisationComparisonType {
  @Field({ nullable: true }) asAt?: string;
  @Field() organisation: string;
  @Field(() => PeerGroupEnum) peerGroup: PeerGroupEnum;
  @Field({ nullable: true }) peerDescription?: string;
  @Field(() => [ComparatorType]) comparators: ComparatorType[];
}

@ObjectType('DistributionPoint', { description: 'One organisation on a funnel plot; limits in percent.' })
export class DistributionPointType {
  @Field() orgCode: string;
  @Field() orgName: string;
  @Field(() => MeasureType) numerator: MeasureType;
  @Field(() => MeasureType) denominator: MeasureType;
  @Field(() => MeasureType) rate: MeasureType;
  @Field(() => Float, { nullable: true }) lower95?: number;
  @Field(() => Float, { nullable: true }) upper95?: number;
  @Field(() => Float, { nullable: true }) lower998?: number;
  @Field(() => Float, { nullable: true }) upper998?: number;
}

@ObjectType('CoverageDistribution')
export class CoverageDistributionType {
  @Field({ nullable: true }) asAt?: string;
  @Field(() => DistributionMeasureEnum) measure: DistributionMeasureEnum;
  @Field(() => Float, { nullable: true, description: 'National rate in percent (all organisations).' })
  nationalRate?: number;
  @Field(() => [DistributionPointType], { description: 'Organisations the caller may see.' })
  points: DistributionPointType[];
}

@ObjectType('FilterOption')
export class FilterOptionType {
  @Field() code: string;
  @Field() label: string;
}

@ObjectType('CoverageFilterOptions', { description: 'Filter values present in the caller’s scope.' })
export class CoverageFilterOptionsType {
  @Field(() => [FilterOptionType]) regions: FilterOptionType[];
  @Field(() => [FilterOptionType]) icbs: FilterOptionType[];
  @Field(() => [FilterOptionType]) organisations: FilterOptionType[];
  @Field(() => [FilterOptionType]) departments: FilterOptionType[];
  @Field(() => [FilterOptionType]) staffGroups: FilterOptionType[];
  @Field(() => [FilterOptionType]) clinicalAreas: FilterOptionType[];
  @Field(() => [FilterOptionType]) payBands: FilterOptionType[];
  @Field(() => [FilterOptionType]) archetypes: FilterOptionType[];
}
