import { Args, Query, Resolver } from '@nestjs/graphql';
import { ClinicalAreaType, IcbType, OrganisationType, RegionType, StaffGroupType } from './reference.types';
import { ReferenceService } from './reference.service';

@Resolver()
export class ReferenceResolver {
  constructor(private readonly reference: ReferenceService) {}

  @Query(() => [RegionType], { description: 'Current NHS England regions.' })
  regions(): Promise<RegionType[]> {
    return this.reference.regions();
  }

  @Query(() => [IcbType], {
    description: 'ICBs in force on a date (default today), optionally in one region.',
  })
  icbs(
    @Args('regionCode', { nullable: true }) regionCode?: string,
    @Args('on', { nullable: true, description: 'YYYY-MM-DD' }) on?: string,
  ): Promise<IcbType[]> {
    return this.reference.icbs({ regionCode, on });
  }

  @Query(() => [OrganisationType], { description: 'English NHS trusts open on a date (default today).' })
  organisations(
    @Args('regionCode', { nullable: true }) regionCode?: string,
    @Args('icbCode', { nullable: true }) icbCode?: string,
    @Args('openOn', { nullable: true, description: 'YYYY-MM-DD' }) openOn?: string,
  ): Promise<OrganisationType[]> {
    return this.reference.organisations({ regionCode, icbCode, openOn });
  }

  @Query(() => [StaffGroupType])
  staffGroups(): Promise<StaffGroupType[]> {
    return this.reference.staffGroups();
  }

  @Query(() => [ClinicalAreaType])
  clinicalAreas(): Promise<ClinicalAreaType[]> {
    return this.reference.clinicalAreas();
  }
}
