import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

@ObjectType('RuleConditions', {
  description: 'Conditions are ANDed; the values of one condition are ORed (docs/archetypes.md).',
})
export class RuleConditionsType {
  @Field(() => [String], { nullable: true, description: 'Staff group codes (01-10) or names' })
  staffGroups?: string[];
  @Field(() => [String], { nullable: true, description: 'ESR job role names or 5-digit codes' })
  jobRoles?: string[];
  @Field(() => [String], { nullable: true }) occupationCodePrefixes?: string[];
  @Field(() => [String], { nullable: true }) areasOfWork?: string[];
  @Field(() => [String], { nullable: true, description: 'clinical area codes' }) clinicalAreas?: string[];
  @Field(() => [String], { nullable: true, description: 'whole-word position title keywords' })
  titleKeywords?: string[];
  @Field(() => [String], { nullable: true, description: 'pay band codes or ranges FROM..TO' })
  payBands?: string[];
}

@ObjectType('ArchetypeRule', { description: 'One version of an archetype rule.' })
export class ArchetypeRuleType {
  @Field() ruleId: string;
  @Field(() => Int) version: number;
  @Field(() => Int) position: number;
  @Field() description: string;
  @Field(() => [String]) archetypes: string[];
  @Field(() => RuleConditionsType) when: RuleConditionsType;
  @Field(() => [String]) exclude: string[];
  @Field({ nullable: true }) source?: string;
  @Field() author: string;
  @Field() reason: string;
  @Field() validFrom: string;
  @Field({ nullable: true }) validTo?: string;
  @Field() retired: boolean;
  @Field(() => Int, {
    nullable: true,
    description:
      "People this rule maps in each visible organisation's latest snapshot (current versions only; null when suppressed by disclosure control)",
  })
  matchCount?: number | null;
  @Field({ defaultValue: false }) matchCountSuppressed?: boolean;
}

@InputType('RuleConditionsInput')
export class RuleConditionsInput {
  @Field(() => [String], { nullable: true }) staffGroups?: string[];
  @Field(() => [String], { nullable: true }) jobRoles?: string[];
  @Field(() => [String], { nullable: true }) occupationCodePrefixes?: string[];
  @Field(() => [String], { nullable: true }) areasOfWork?: string[];
  @Field(() => [String], { nullable: true }) clinicalAreas?: string[];
  @Field(() => [String], { nullable: true }) titleKeywords?: string[];
  @Field(() => [String], { nullable: true }) payBands?: string[];
}

@InputType('ArchetypeRuleInput', {
  description: 'The content of a rule; every change is saved as a new version.',
})
export class ArchetypeRuleInput {
  @Field({ description: 'lower-case id, e.g. driver-digital-leaders' }) ruleId: string;
  @Field() description: string;
  @Field(() => [String]) archetypes: string[];
  @Field(() => RuleConditionsInput) when: RuleConditionsInput;
  @Field(() => [String], { nullable: true }) exclude?: string[];
  @Field({ description: 'where the rule comes from / why' }) source: string;
  @Field(() => Int, { nullable: true, description: 'rule order; new rules go last when omitted' })
  position?: number;
}

export enum RuleChangeKind {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  RETIRE = 'RETIRE',
  REORDER = 'REORDER',
}
registerEnumType(RuleChangeKind, { name: 'RuleChangeKind' });

@InputType('ArchetypeRuleChangeInput', { description: 'A rule change to preview before saving it.' })
export class ArchetypeRuleChangeInput {
  @Field(() => RuleChangeKind) kind: RuleChangeKind;
  @Field(() => ArchetypeRuleInput, { nullable: true, description: 'for CREATE and UPDATE' })
  rule?: ArchetypeRuleInput;
  @Field({ nullable: true, description: 'for RETIRE' }) ruleId?: string;
  @Field(() => [String], {
    nullable: true,
    description: 'for REORDER: every current rule id in the new order',
  })
  order?: string[];
  @Field(() => [String], { nullable: true, description: 'limit the preview to these organisations' })
  orgCodes?: string[];
}

@ObjectType('ArchetypeRuleChangeResult')
export class ArchetypeRuleChangeResultType {
  @Field(() => [ArchetypeRuleType], { description: 'the versions this change wrote' })
  rules: ArchetypeRuleType[];
  @Field(() => Int, { description: 'current snapshots re-evaluated in the same transaction' })
  snapshotsReevaluated: number;
}

@ObjectType('ArchetypeShift', { description: 'How one archetype would move in one organisation.' })
export class ArchetypeShiftType {
  @Field() archetype: string;
  @Field(() => Int) gained: number;
  @Field(() => Int) lost: number;
  @Field(() => Int) holdersBefore: number;
  @Field(() => Int) holdersAfter: number;
  @Field(() => Int, { description: 'holders meeting every module the archetype requires' })
  coveredBefore: number;
  @Field(() => Int) coveredAfter: number;
  @Field({ nullable: true }) coveragePctBefore?: number;
  @Field({ nullable: true }) coveragePctAfter?: number;
}

@ObjectType('RuleChangePreviewOrganisation')
export class RuleChangePreviewOrganisationType {
  @Field() orgCode: string;
  @Field() orgName: string;
  @Field() asAt: string;
  @Field(() => Int) headcount: number;
  @Field(() => Int) fullyTrainedBefore: number;
  @Field(() => Int) fullyTrainedAfter: number;
  @Field({ nullable: true }) fullyTrainedPctBefore?: number;
  @Field({ nullable: true }) fullyTrainedPctAfter?: number;
  @Field(() => [ArchetypeShiftType]) archetypes: ArchetypeShiftType[];
}

@ObjectType('RuleChangePreview', {
  description: 'What a rule change would do to the current snapshots (nothing is saved).',
})
export class RuleChangePreviewType {
  @Field(() => [RuleChangePreviewOrganisationType]) organisations: RuleChangePreviewOrganisationType[];
  @Field(() => Int) peopleGainingAny: number;
  @Field(() => Int) peopleLosingAny: number;
}
