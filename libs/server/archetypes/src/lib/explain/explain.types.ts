import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('MatchedField', { description: "A rule condition that held, with the assignment's value." })
export class MatchedFieldType {
  @Field({ description: 'condition, e.g. titleKeywords' }) condition: string;
  @Field({ description: 'assignment field, e.g. positionTitle' }) field: string;
  @Field() value: string;
  @Field({ description: 'the rule value that matched' }) matchedBy: string;
}

@ObjectType('RuleMatch', {
  description: 'Why a person holds an archetype: one rule version on one assignment.',
})
export class RuleMatchType {
  @Field() ruleId: string;
  @Field(() => Int) version: number;
  @Field() description: string;
  @Field({
    description:
      'The assignment the rule matched, as its keyed hash (the ESR assignment number is never stored). Stable across snapshots.',
  })
  assignmentKey: string;
  @Field(() => [MatchedFieldType]) matched: MatchedFieldType[];
}

@ObjectType('PersonArchetype')
export class PersonArchetypeType {
  @Field() archetype: string;
  @Field(() => [RuleMatchType]) rules: RuleMatchType[];
}

@ObjectType('PersonModuleNeed', {
  description: 'One required module as at the snapshot date, with the reasons.',
})
export class PersonNeedType {
  @Field() moduleCode: string;
  @Field() title: string;
  @Field() layer: string;
  @Field(() => [String], { description: "'foundation', 'archetype:<code>' or 'product:<code>'" })
  reasons: string[];
  @Field() met: boolean;
  @Field({ nullable: true }) metOn?: string;
  @Field({ nullable: true }) expiresOn?: string;
}

@ObjectType('PersonArchetypes', {
  description: 'A pseudonymised person: archetypes with the reasons, and needs.',
})
export class PersonArchetypesType {
  @Field() orgCode: string;
  @Field() asAt: string;
  @Field() personKey: string;
  @Field(() => [PersonArchetypeType]) archetypes: PersonArchetypeType[];
  @Field(() => [PersonNeedType]) needs: PersonNeedType[];
}
