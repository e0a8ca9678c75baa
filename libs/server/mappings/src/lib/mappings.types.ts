import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ReferenceKindEnum {
  AREA_OF_WORK = 'area_of_work',
  COURSE_EQUIVALENCE = 'course_equivalence',
  COVERAGE_TARGET = 'coverage_target',
}
registerEnumType(ReferenceKindEnum, {
  name: 'ReferenceKind',
  description: 'Reference data a trust or an administrator can fix in the product.',
});

@InputType('ReferenceChangeInput', {
  description:
    'One edit. AREA_OF_WORK: areaOfWork + clinicalAreaCode; COURSE_EQUIVALENCE: courseName + moduleCode; ' +
    'COVERAGE_TARGET: layer or moduleCode (or neither, for all) + targetPct/amberPct + effectiveFrom. ' +
    'orgCode (a trust) or regionCode (targets only) narrows the scope; neither is national. remove deletes the row of that scope.',
})
export class ReferenceChangeInput {
  @Field(() => ReferenceKindEnum) kind: ReferenceKindEnum;
  @Field({ nullable: true }) orgCode?: string;
  @Field({ nullable: true }) regionCode?: string;
  @Field({ nullable: true }) areaOfWork?: string;
  @Field({ nullable: true }) clinicalAreaCode?: string;
  @Field({ nullable: true }) courseName?: string;
  @Field({ nullable: true }) moduleCode?: string;
  @Field({ nullable: true }) layer?: string;
  @Field({ nullable: true, description: 'YYYY-MM-DD; targets only; default today' }) effectiveFrom?: string;
  @Field(() => Float, { nullable: true }) targetPct?: number;
  @Field(() => Float, { nullable: true, description: 'default: the target itself' }) amberPct?: number;
  @Field({ nullable: true, defaultValue: false }) remove?: boolean;
}

@ObjectType('AreaOfWorkMapping')
export class AreaOfWorkMappingType {
  @Field({ nullable: true, description: 'null: the national default' }) orgCode?: string;
  @Field() areaOfWork: string;
  @Field({
    description: 'the matching key (case, spacing, &/and, dashes, punctuation, abbreviations folded)',
  })
  key: string;
  @Field() clinicalAreaCode: string;
  @Field() clinicalAreaName: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) updatedBy?: string;
  @Field() updatedAt: string;
}

@ObjectType('CourseEquivalence')
export class CourseEquivalenceType {
  @Field({ nullable: true, description: 'null: national' }) orgCode?: string;
  @Field() courseName: string;
  @Field() key: string;
  @Field() moduleCode: string;
  @Field() moduleTitle: string;
  @Field(() => Int) version: number;
  @Field() updatedBy: string;
  @Field() updatedAt: string;
}

@ObjectType('CoverageTargetSetting')
export class CoverageTargetType {
  @Field({ nullable: true }) orgCode?: string;
  @Field({ nullable: true }) regionCode?: string;
  @Field({ nullable: true }) layer?: string;
  @Field({ nullable: true }) moduleCode?: string;
  @Field() effectiveFrom: string;
  @Field(() => Float) targetPct: number;
  @Field(() => Float) amberPct: number;
  @Field(() => Int) version: number;
  @Field({ nullable: true }) updatedBy?: string;
}

@ObjectType('ReferenceDataChange', {
  description: 'One saved edit: a version of its subject, with who, when and why.',
})
export class ReferenceDataChangeType {
  @Field() id: string;
  @Field(() => ReferenceKindEnum) kind: ReferenceKindEnum;
  @Field({ nullable: true }) orgCode?: string;
  @Field({ nullable: true }) regionCode?: string;
  @Field() subject: string;
  @Field(() => Int) version: number;
  @Field({ nullable: true, description: 'JSON of the row before (null: none)' }) before?: string;
  @Field({ nullable: true, description: 'JSON of the row after (null: removed)' }) after?: string;
  @Field() author: string;
  @Field() reason: string;
  @Field() at: string;
  @Field(() => Int) organisationsReevaluated: number;
}

@ObjectType('MappingSuggestion', {
  description: 'A known name an unmatched value resembles (pg_trgm similarity).',
})
export class MappingSuggestionType {
  @Field({ description: 'clinical area code or training module code' }) code: string;
  @Field() name: string;
  @Field({ description: 'the known name or alias that resembled the value' }) matchedOn: string;
  @Field(() => Float) score: number;
}

@ObjectType('UnmatchedCourse', {
  description: 'A course outside the catalogue whose completions are kept, not counted.',
})
export class UnmatchedCourseType {
  @Field() orgCode: string;
  @Field() courseName: string;
  @Field(() => Int) completions: number;
  @Field(() => Int) people: number;
}

@ObjectType('AreaMove')
export class AreaMoveType {
  @Field() fromCode: string;
  @Field() toCode: string;
  @Field(() => Int) people: number;
}

@ObjectType('ReferencePreviewOrganisation')
export class ReferencePreviewOrgType {
  @Field() orgCode: string;
  @Field() orgName: string;
  @Field() asAt: string;
  @Field(() => Int) headcount: number;
  @Field(() => Int, { description: 'people with an assignment whose clinical area changes' })
  peopleMoved: number;
  @Field(() => Int) unmappedBefore: number;
  @Field(() => Int) unmappedAfter: number;
  @Field(() => Int) needsMetBefore: number;
  @Field(() => Int) needsMetAfter: number;
  @Field(() => Int) needsBefore: number;
  @Field(() => Int) needsAfter: number;
  @Field(() => Int) fullyTrainedBefore: number;
  @Field(() => Int) fullyTrainedAfter: number;
  @Field(() => Float, { nullable: true, description: 'targets: coverage the target applies to' })
  coveragePct?: number;
  @Field(() => Float, { nullable: true }) targetPctBefore?: number;
  @Field(() => Float, { nullable: true }) targetPctAfter?: number;
  @Field({ nullable: true }) ragBefore?: string;
  @Field({ nullable: true }) ragAfter?: string;
}

@ObjectType('ReferencePreview', {
  description: 'What an edit would move, by organisation (nothing is saved).',
})
export class ReferencePreviewType {
  @Field(() => [ReferencePreviewOrgType], { description: 'organisations where something would change' })
  organisations: ReferencePreviewOrgType[];
  @Field(() => Int) peopleMoved: number;
  @Field(() => [AreaMoveType]) moves: AreaMoveType[];
  @Field(() => Int, { description: 'kept completions the edit would count' }) completionsCounted: number;
}

@ObjectType('ReferenceChangeResult')
export class ReferenceChangeResultType {
  @Field(() => ReferenceKindEnum) kind: ReferenceKindEnum;
  @Field() subject: string;
  @Field(() => Int) version: number;
  @Field(() => Int) organisationsReevaluated: number;
}
