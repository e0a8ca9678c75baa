import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Region', { description: 'An NHS England region (time-versioned).' })
export class RegionType {
  @Field(() => ID) code: string;
  @Field() name: string;
  @Field({ nullable: true }) onsCode?: string;
  @Field() isCurrent: boolean;
}

@ObjectType('Icb', { description: 'An integrated care board; 36 since 2026-04-01, 42 before.' })
export class IcbType {
  @Field(() => ID) code: string;
  @Field() name: string;
  @Field() regionCode: string;
  @Field() validFrom: string;
  @Field({ nullable: true }) validTo?: string;
  @Field(() => [String]) successorCodes: string[];
}

@ObjectType('Organisation', { description: 'An NHS trust from the ODS extract.' })
export class OrganisationType {
  @Field(() => ID) code: string;
  @Field() name: string;
  @Field({ nullable: true }) regionCode?: string;
  @Field({ nullable: true }) icbCode?: string;
  @Field() openDate: string;
  @Field({ nullable: true }) closeDate?: string;
  @Field({ nullable: true }) trustType?: string;
}

@ObjectType('StaffGroup', { description: 'A National Workforce Data Set staff group (01-10).' })
export class StaffGroupType {
  @Field(() => ID) code: string;
  @Field() name: string;
  @Field() esrLabel: string;
}

@ObjectType('ClinicalArea')
export class ClinicalAreaType {
  @Field(() => ID) code: string;
  @Field() name: string;
}

@ObjectType('ReferenceSummary', { description: 'Counts that show the reference data is loaded.' })
export class ReferenceSummaryType {
  @Field(() => Int) regions: number;
  @Field(() => Int) icbs: number;
  @Field(() => Int) openOrganisations: number;
  @Field(() => Int) staffGroups: number;
}
