import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('UnmappedRole', { description: 'A staff group and job role whose people no rule maps.' })
export class UnmappedRoleType {
  @Field() staffGroupCode: string;
  @Field({ nullable: true }) jobRole?: string;
  @Field(() => Int) people: number;
}

@ObjectType('UnmappedAreaOfWork', { description: 'An area-of-work value that maps to no clinical area.' })
export class UnmappedAreaOfWorkType {
  @Field() areaOfWork: string;
  @Field(() => Int) assignments: number;
  @Field(() => Int) people: number;
}

@ObjectType('ArchetypeDataQuality', { description: 'Data quality of one organisation snapshot.' })
export class ArchetypeDataQualityType {
  @Field() orgCode: string;
  @Field() orgName: string;
  @Field() asAt: string;
  @Field(() => Int) headcount: number;
  @Field(() => Int, { description: 'people no rule maps beyond the foundation layer' })
  peopleWithoutArchetype: number;
  @Field(() => [UnmappedRoleType], { description: 'the 20 largest groups of those people' })
  unmappedRoles: UnmappedRoleType[];
  @Field(() => [UnmappedAreaOfWorkType]) unmappedAreasOfWork: UnmappedAreaOfWorkType[];
  @Field(() => Int, { description: 'completions of people who are in no snapshot of the organisation' })
  unmatchedCompletions: number;
  @Field(() => Int) unmatchedCompletionPeople: number;
}
