import { BadRequestException } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AccessPolicy, Caller, CurrentCaller } from '@aiwr/server-access';
import { ClinicalAreaType, IcbType, OrganisationType, RegionType, StaffGroupType } from './reference.types';
import { ReferenceService } from './reference.service';

/**
 * Regions, ICBs and organisations are filter-value lists, so each is cut to the caller's scope by
 * `AccessPolicy.visibleHierarchy` (null = national): a trust lead sees their trusts, their ICBs and
 * region; a planner their regions' ICBs and trusts. The scope is applied here and nowhere else.
 */
@Resolver()
export class ReferenceResolver {
  constructor(
    private readonly reference: ReferenceService,
    private readonly policy: AccessPolicy,
  ) {}

  @Query(() => [RegionType], { description: 'Current NHS England regions within your scope.' })
  async regions(@CurrentCaller() caller: Caller): Promise<RegionType[]> {
    const scope = await this.policy.visibleHierarchy(caller);
    return this.reference.regions({ codes: scope?.regionCodes });
  }

  @Query(() => [IcbType], {
    description: 'ICBs in force on a date (default today) within your scope, optionally in one region.',
  })
  async icbs(
    @CurrentCaller() caller: Caller,
    @Args('regionCode', { nullable: true }) regionCode?: string,
    @Args('on', { nullable: true, description: 'YYYY-MM-DD' }) on?: string,
  ): Promise<IcbType[]> {
    const scope = await this.policy.visibleHierarchy(caller);
    return this.reference.icbs({ regionCode, on: isoDate(on, 'on'), codes: scope?.icbCodes });
  }

  @Query(() => [OrganisationType], {
    description:
      'English NHS trusts (or, with setting, GP practices and PCNs or community pharmacies) open on a date (default today) within your scope.',
  })
  async organisations(
    @CurrentCaller() caller: Caller,
    @Args('regionCode', { nullable: true }) regionCode?: string,
    @Args('icbCode', { nullable: true }) icbCode?: string,
    @Args('openOn', { nullable: true, description: 'YYYY-MM-DD' }) openOn?: string,
    @Args('setting', {
      nullable: true,
      description: 'trust (default), general_practice or community_pharmacy',
    })
    setting?: string,
  ): Promise<OrganisationType[]> {
    const scope = await this.policy.visibleHierarchy(caller);
    return this.reference.organisations({
      regionCode,
      icbCode,
      openOn: isoDate(openOn, 'openOn'),
      codes: scope?.orgCodes,
      setting: setting ?? 'trust',
    });
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

/** Dates arrive as text; refuse anything that is not a real YYYY-MM-DD date with a clear message. */
function isoDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const d = new Date(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== value
  ) {
    throw new BadRequestException(`${name} must be a date written YYYY-MM-DD, e.g. 2026-04-01.`);
  }
  return value;
}
