import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PersonNeed', {
  description: 'One required module of a person, and whether it was met as at the snapshot.',
})
export class PersonNeedType {
  @Field() moduleCode: string;
  @Field() layer: string;
  @Field() met: boolean;
  @Field({ nullable: true }) metOn?: string;
  @Field({ nullable: true }) expiresOn?: string;
}

@ObjectType('PersonAssignment', {
  description: 'One assignment (post) of a person: no names, no employee number.',
})
export class PersonAssignmentType {
  @Field() staffGroupCode: string;
  @Field() clinicalAreaCode: string;
  @Field({ nullable: true }) department?: string;
  @Field({ nullable: true }) payBand?: string;
  @Field(() => Float) fte: number;
}

@ObjectType('Person', { description: 'A pseudonymised member of staff in one snapshot.' })
export class PersonType {
  @Field({
    description: 'The first 12 characters of the keyed HMAC pseudonym: stable across snapshots and imports.',
  })
  personKey: string;
  @Field() orgCode: string;
  @Field() asAt: string;
  @Field(() => [String]) archetypes: string[];
  @Field(() => Int) assignmentCount: number;
  @Field(() => Float) fte: number;
  @Field(() => Int) modulesNeeded: number;
  @Field(() => Int) modulesMet: number;
  @Field() fullyTrained: boolean;
  @Field(() => [PersonNeedType]) needs: PersonNeedType[];
  @Field(() => [PersonAssignmentType]) assignments: PersonAssignmentType[];
}

@ObjectType('PersonEdge')
export class PersonEdgeType {
  @Field() cursor: string;
  @Field(() => PersonType) node: PersonType;
}

@ObjectType('PeoplePageInfo')
export class PeoplePageInfoType {
  @Field() hasNextPage: boolean;
  @Field({ nullable: true }) endCursor?: string;
}

@ObjectType('PersonConnection')
export class PersonConnectionType {
  @Field(() => Int) totalCount: number;
  @Field(() => [PersonEdgeType]) edges: PersonEdgeType[];
  @Field(() => PeoplePageInfoType) pageInfo: PeoplePageInfoType;
}
